"""PyTorch helpers for the book: ``from d2l import torch as d2l``."""
import torch

from d2l._seeding import seeder

set_seed, get_seed = seeder(torch.manual_seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

def apply_init(net, inputs, init_fn=None):
    """Defined in :numref:`sec_lazy_init`"""
    """예제 입력 inputs(튜플)로 순전파를 한 번 해 지연된 파라미터를 만들고,
    init_fn이 있으면 net과 모든 하위 모듈에 적용한 뒤 net을 돌려줍니다."""
    with torch.no_grad():  # 모양을 정하려는 순전파: 기울기 기록은 필요 없습니다
        net(*inputs)
    if init_fn is not None:
        net.apply(init_fn)
    return net

def cpu():
    """CPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return torch.device('cpu')

def gpu(i=0):
    """i번 GPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return torch.device(f'cuda:{i}')

def num_gpus():
    """사용할 수 있는 GPU의 개수를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return torch.cuda.device_count()

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