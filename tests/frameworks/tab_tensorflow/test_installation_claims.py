"""Claims the 설치 page makes about TensorFlow's seed: set_random_seed seeds Python, NumPy
and TensorFlow together."""
import random

import numpy as np
import tensorflow as tf


def draw():
    return random.random(), np.random.rand(), float(tf.random.normal(()))


def test_set_random_seed_seeds_python_numpy_and_tensorflow():
    tf.keras.utils.set_random_seed(0)
    first = draw()
    tf.keras.utils.set_random_seed(0)
    again = draw()
    tf.keras.utils.set_random_seed(1)
    other = draw()
    assert first == again
    assert all(a != b for a, b in zip(first, other))  # each of the three follows the seed
