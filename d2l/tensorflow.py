"""TensorFlow helpers for the book: ``from d2l import tensorflow as d2l``."""
import os

# TensorFlow's C++ start-up messages go to the notebook's output otherwise; this
# only takes effect when d2l is imported before TensorFlow itself.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

from d2l._seeding import seeder  # noqa: E402

# Keras's initializers draw from the seed that this sets, too.
set_seed, get_seed = seeder(tf.keras.utils.set_random_seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

def cpu():
    """CPU 장치의 이름을 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return '/CPU:0'

def gpu(i=0):
    """i번 GPU 장치의 이름을 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return f'/GPU:{i}'

def num_gpus():
    """사용할 수 있는 GPU의 개수를 돌려줍니다.

    Defined in :numref:`sec_use_gpu`"""
    return len(tf.config.list_physical_devices('GPU'))

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