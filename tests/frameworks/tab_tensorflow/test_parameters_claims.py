"""Claims the TensorFlow tab of "파라미터 관리" makes, checked against the section's own code."""

import numpy as np
import tensorflow as tf

from section import chapter, Section

PATH = chapter("parameters")
DEMOS = ["imports", "network", "one_parameter", "gradient", "all_parameters", "tied", "tied_grad"]


def run(demo):
    """As in a fresh notebook: Keras's automatic names start again."""
    tf.keras.backend.clear_session()
    sec = Section("tensorflow", PATH)
    sec.run_through(DEMOS.index(demo))
    return sec


def test_every_demo_is_in_the_tab():
    assert len(Section("tensorflow", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("network")
    X, net = sec.ns["X"], sec.ns["net"]
    assert X.shape == (2, 20) and float(tf.reduce_min(X)) >= 0 and float(tf.reduce_max(X)) < 1
    assert [tuple(w.shape) for w in net.weights] == [(20, 256), (256,), (256, 10), (10,)]
    assert net(X).shape == (2, 10)


def test_one_parameter_is_a_variable_with_zero_bias_and_no_gradient_slot():
    sec = run("one_parameter")
    layer = sec.ns["net"].layers[1]
    assert isinstance(layer.bias, tf.keras.Variable) and layer.bias.shape == (10,)
    assert isinstance(layer.kernel, tf.keras.Variable) and layer.kernel.shape == (256, 10)
    assert np.all(layer.bias.numpy() == 0)
    assert not hasattr(layer.bias, "grad")
    assert sec.stdout[-1].splitlines() == ["Variable (10,)"]


def test_gradient_of_the_summed_output_is_the_number_of_examples():
    sec = run("gradient")
    net, X = sec.ns["net"], sec.ns["X"]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(net(X))
    grad = tape.gradient(loss, net.layers[1].bias).numpy()
    assert np.array_equal(grad, np.full(10, float(X.shape[0])))


def test_all_parameters_by_path():
    sec = run("all_parameters")
    assert sec.stdout[-1].splitlines() == ["sequential/dense/kernel (20, 256)", "sequential/dense/bias (256,)",
                                           "sequential/dense_1/kernel (256, 10)", "sequential/dense_1/bias (10,)"]
    assert sec.ns["weights"]["sequential/dense_1/bias"] is sec.ns["net"].layers[1].bias


def test_names_are_numbered_in_order_of_creation():
    tf.keras.backend.clear_session()
    assert [tf.keras.layers.Dense(3).name for _ in range(3)] == ["dense", "dense_1", "dense_2"]


def test_tied_layers_are_one_object_and_an_edit_shows_in_both():
    sec = run("tied")
    net, shared = sec.ns["net"], sec.ns["shared"]
    assert net.layers[1] is shared and net.layers[2] is shared and len(net.layers) == 4
    assert net.layers[1].kernel is net.layers[2].kernel
    assert float(net.layers[2].kernel[0, 0]) == 100
    assert sec.stdout[-1].splitlines() == ["True", "100.0"]
    assert len(net.weights) == 6


def test_tied_gradient_is_the_sum_of_the_two_uses():
    sec = run("tied_grad")
    assert sec.stdout[-1].splitlines() == ["True"]
    net, twin, X, shared = sec.ns["net"], sec.ns["twin"], sec.ns["X"], sec.ns["shared"]
    assert twin.layers[1].kernel is not twin.layers[2].kernel
    for i in (1, 2):
        np.testing.assert_array_equal(twin.layers[i].kernel.numpy(), shared.kernel.numpy())
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(net(X))
    tied = tape.gradient(loss, shared.kernel).numpy()
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(twin(X))
    first, second = (g.numpy() for g in tape.gradient(loss, [twin.layers[1].kernel, twin.layers[2].kernel]))
    assert np.abs(first).sum() > 0 and np.abs(second).sum() > 0 and not np.allclose(first, second)
    np.testing.assert_allclose(tied, first + second, rtol=1e-5, atol=1e-6)
    assert not np.allclose(tied, first) and not np.allclose(tied, second)


def test_outputs_repeat_with_the_seed():
    a, b = (run("tied") for _ in range(2))
    np.testing.assert_array_equal(a.ns["net"](a.ns["X"]).numpy(), b.ns["net"](b.ns["X"]).numpy())
