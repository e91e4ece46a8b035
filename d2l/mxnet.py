"""MXNet helpers for the book: ``from d2l import mxnet as d2l``."""
import mxnet as mx
from mxnet import npx

from d2l._seeding import seeder

set_seed, get_seed = seeder(mx.random.seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

def cpu():
    """CPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return npx.cpu()

def gpu(i=0):
    """i번 GPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return npx.gpu(i)

def num_gpus():
    """사용할 수 있는 GPU의 개수를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return npx.num_gpus()

def try_gpu(i=0):
    """i번 GPU가 있으면 그 GPU를, 없으면 CPU를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    if num_gpus() >= i + 1:
        return gpu(i)
    return cpu()

def try_all_gpus():
    """모든 GPU의 리스트를 돌려줍니다. GPU가 없으면 [cpu()]입니다.

    Defined in :numref:`sec_use_gpu`"""
    return [gpu(i) for i in range(num_gpus())] or [cpu()]