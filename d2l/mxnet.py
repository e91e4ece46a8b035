"""MXNet helpers for the book: ``from d2l import mxnet as d2l``."""
import mxnet as mx
from mxnet import npx

from d2l._seeding import seeder

set_seed, get_seed = seeder(mx.random.seed)


# Devices: defined in chapters/chapter_builders-guide/use-gpu.md (:numref:`sec_use_gpu`), whose
# cells marked #@save hold the same functions; tests/frameworks/test_d2l_devices.py
# fails when the two differ.


def cpu():
    """CPU 장치를 돌려줍니다."""
    return npx.cpu()


def gpu(i=0):
    """i번 GPU 장치를 돌려줍니다."""
    return npx.gpu(i)


def num_gpus():
    """사용할 수 있는 GPU의 개수를 돌려줍니다."""
    return npx.num_gpus()


def try_gpu(i=0):
    """i번 GPU가 있으면 그 GPU를, 없으면 CPU를 돌려줍니다."""
    if num_gpus() >= i + 1:
        return gpu(i)
    return cpu()


def try_all_gpus():
    """모든 GPU의 리스트를 돌려줍니다. GPU가 없으면 [cpu()]입니다."""
    return [gpu(i) for i in range(num_gpus())] or [cpu()]
