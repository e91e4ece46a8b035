"""JAX helpers for the book: ``from d2l import jax as d2l``.

JAX has no hidden global random state: every random call takes a key. The book
keeps one chain of keys here, so that a section can ask for a fresh key with
``d2l.get_key()`` and still print the same numbers every time it runs.
"""
import jax

from d2l._seeding import seeder

_chain = {"key": jax.random.PRNGKey(0)}


def _restart_chain(seed):
    _chain["key"] = jax.random.PRNGKey(seed)


# set_seed(seed) restarts the key chain from ``seed`` (and seeds Python and NumPy)
set_seed, get_seed = seeder(_restart_chain)


def get_key():
    """A new key, split off the chain: each call returns a different key, and the
    sequence of keys is the same in every run."""
    _chain["key"], subkey = jax.random.split(_chain["key"])
    return subkey

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

def apply_init(net, inputs, key):
    """Defined in :numref:`sec_lazy_init`"""
    """예제 입력 inputs(튜플)와 난수 키 key로 net의 변수 트리를 만들어 돌려줍니다.
    Linen 모듈은 파라미터를 담지 않으므로 돌려받은 트리를 apply에 넘겨 씁니다."""
    return net.init(key, *inputs)

def cpu():
    """CPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return jax.devices('cpu')[0]

def gpu(i=0):
    """i번 GPU 장치를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return jax.devices('gpu')[i]

def num_gpus():
    """사용할 수 있는 GPU의 개수를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    try:
        return jax.device_count('gpu')
    except RuntimeError:
        return 0

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