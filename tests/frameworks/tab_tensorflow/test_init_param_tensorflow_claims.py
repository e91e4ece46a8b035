"""Claims the TensorFlow tab of "파라미터 초기화" makes about Keras itself."""
import numpy as np
import tensorflow as tf

from conftest import DEMOS
from section import Section


def test_weights_are_made_at_the_first_input():
    net = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])
    assert net.weights == []
    net(tf.zeros((2, 4)))
    assert [tuple(w.shape) for w in net.weights] == [(4, 8), (8,), (8, 1), (1,)]


def test_dense_defaults_are_glorot_uniform_and_zeros():
    layer = tf.keras.layers.Dense(3)
    assert isinstance(layer.kernel_initializer, tf.keras.initializers.GlorotUniform)
    assert isinstance(layer.bias_initializer, tf.keras.initializers.Zeros)


def test_set_random_seed_repeats_keras_initializers():
    draws = []
    for _ in range(2):
        tf.keras.utils.set_random_seed(0)
        layer = tf.keras.layers.Dense(5)
        layer(tf.zeros((1, 3)))
        draws.append(layer.kernel.numpy())
    np.testing.assert_array_equal(*draws)


def test_custom_initializer_honours_the_dtype_it_is_given():
    sec = Section("tensorflow")
    sec.run_through(DEMOS.index("custom"))
    init = sec.ns["MyInit"]()
    assert init((10, 10), dtype="float64").dtype == tf.float64
    assert init((10, 10)).dtype == tf.float32


def test_set_random_seed_also_seeds_python_and_numpy():
    import random
    draws = []
    for _ in range(2):
        tf.keras.utils.set_random_seed(0)
        draws.append((random.random(), float(np.random.rand()), float(tf.random.uniform(()))))
    assert draws[0] == draws[1]
