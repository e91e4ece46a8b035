"""Claims the TensorFlow tab of "파라미터 초기화" makes about Keras itself."""
import numpy as np
import pytest
import tensorflow as tf

from conftest import DEMOS
from section import INIT_PARAM, Section


def run(demo):
    sec = Section("tensorflow", INIT_PARAM)
    sec.run_through(DEMOS.index(demo))
    return sec


class Recording(tf.keras.initializers.Initializer):
    """Fills with 0.25 and remembers every (shape, dtype) it was asked for."""

    def __init__(self):
        self.calls = []

    def __call__(self, shape, dtype=None):
        self.calls.append((tuple(shape), dtype))
        return tf.fill(shape, tf.constant(0.25, dtype or "float32"))


def test_dense_defaults_are_glorot_uniform_and_zeros():
    layer = tf.keras.layers.Dense(3)
    assert type(layer.kernel_initializer) is tf.keras.initializers.GlorotUniform
    assert type(layer.bias_initializer) is tf.keras.initializers.Zeros


def test_weights_are_made_at_the_first_input():
    net = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="relu"), tf.keras.layers.Dense(3)])
    assert net.weights == []
    net(tf.zeros((3, 6)))
    assert [tuple(w.shape) for w in net.weights] == [(6, 10), (10,), (10, 3), (3,)]


def test_initializers_can_be_named_by_strings():
    layer = tf.keras.layers.Dense(3, kernel_initializer="glorot_uniform", bias_initializer="zeros")
    assert type(layer.kernel_initializer) is tf.keras.initializers.GlorotUniform
    assert type(layer.bias_initializer) is tf.keras.initializers.Zeros


def test_the_initializer_is_used_once_when_the_weights_are_made():
    rec = Recording()
    layer = tf.keras.layers.Dense(4, kernel_initializer=rec)
    assert rec.calls == []
    layer(tf.zeros((2, 3)))
    layer(tf.zeros((2, 3)))
    assert rec.calls == [((3, 4), "float32")]  # once, with the shape and the dtype
    assert np.all(layer.kernel.numpy() == 0.25)  # the returned tensor fills the weight
    layer.kernel_initializer = tf.keras.initializers.Constant(9.0)  # too late: nothing changes
    layer(tf.zeros((2, 3)))
    assert np.all(layer.kernel.numpy() == 0.25)


def test_build_makes_a_new_network_that_has_seen_the_input():
    sec = run("normal")
    net = sec.ns["build"](tf.keras.initializers.Constant(1.0), tf.keras.initializers.Constant(2.0))
    assert net is not sec.ns["net"] and net.built
    assert [tuple(w.shape) for w in net.weights] == [(6, 10), (10,), (10, 3), (3,)]


def test_one_random_initializer_object_gives_two_layers_the_same_values():
    shared = tf.keras.initializers.RandomNormal(stddev=0.01)
    np.testing.assert_array_equal(shared((5, 5)), shared((5, 5)))  # its seed is fixed when it is made
    net = tf.keras.Sequential([tf.keras.layers.Dense(5, kernel_initializer=shared),
                               tf.keras.layers.Dense(5, kernel_initializer=shared)])
    net(tf.zeros((1, 5)))
    np.testing.assert_array_equal(net.layers[0].kernel.numpy(), net.layers[1].kernel.numpy())
    two = tf.keras.Sequential([tf.keras.layers.Dense(5, kernel_initializer=tf.keras.initializers.RandomNormal(stddev=0.01)),
                               tf.keras.layers.Dense(5, kernel_initializer=tf.keras.initializers.RandomNormal(stddev=0.01))])
    two(tf.zeros((1, 5)))
    assert not np.array_equal(two.layers[0].kernel.numpy(), two.layers[1].kernel.numpy())


def test_the_books_layers_get_initializer_objects_of_their_own():
    for demo in ("normal", "constant", "per_layer", "custom"):
        first, second = run(demo).ns["net"].layers
        assert first.kernel_initializer is not second.kernel_initializer, demo


def test_custom_initializer_uses_the_dtype_it_is_given_else_float32():
    init = run("custom").ns["TwoBands"]()
    assert init((10, 10), dtype="float64").dtype == tf.float64
    assert init((10, 10)).dtype == tf.float32


def test_assign_and_item_assignment():
    layer = run("default").ns["net"].layers[0]
    layer.bias[2].assign(7.0)
    assert layer.bias.numpy()[2] == 7
    with pytest.raises(TypeError):
        layer.bias[0] = 3.0


def test_set_random_seed_seeds_python_numpy_and_tensorflow():
    import random
    draws = []
    for _ in range(2):
        tf.keras.utils.set_random_seed(0)
        draws.append((random.random(), float(np.random.rand()), float(tf.random.uniform(()))))
    assert draws[0] == draws[1]
