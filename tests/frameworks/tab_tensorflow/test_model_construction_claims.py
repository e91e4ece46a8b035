"""Claims the TensorFlow tab of "레이어와 모듈" makes, checked against the section's own code."""
import warnings

import numpy as np
import pytest
import tensorflow as tf

from section import chapter, run_demo, Section

PATH = chapter("model-construction")
DEMOS = ["imports", "sequential", "mlp", "my_sequential", "fixed_weight", "nested"]


def run(demo):
    return run_demo("tensorflow", PATH, DEMOS, demo)


def shapes(model):
    return [tuple(w.shape) for w in model.weights]


def test_every_demo_is_in_the_tab():
    assert len(Section("tensorflow", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("sequential")
    X = sec.ns["X"].numpy()
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    net = sec.ns["net"]
    assert shapes(net) == [(20, 256), (256,), (256, 10), (10,)]
    assert net(sec.ns["X"]).shape == (2, 10)


def test_layers_and_models_are_layers():
    assert issubclass(tf.keras.Model, tf.keras.layers.Layer)
    assert isinstance(tf.keras.layers.Dense(3), tf.keras.layers.Layer)


def test_call_runs_call():
    sec = run("mlp")
    net, X = sec.ns["net"], sec.ns["X"]
    np.testing.assert_array_equal(net(X).numpy(), net.call(X).numpy())


def test_mlp_attributes_are_tracked():
    sec = run("mlp")
    net = sec.ns["net"]
    assert shapes(net) == [(20, 256), (256,), (256, 10), (10,)]
    assert net.hidden.kernel.shape == (20, 256) and net.out.kernel.shape == (256, 10)


def test_my_sequential_tracks_a_list_attribute():
    sec = run("my_sequential")
    net, X = sec.ns["net"], sec.ns["X"]
    assert shapes(net) == [(20, 256), (256,), (256, 10), (10,)]
    first, last = net.blocks
    np.testing.assert_allclose(net(X).numpy(), last(first(X)).numpy())


def test_layers_is_a_name_keras_models_already_use():
    assert isinstance(getattr(tf.keras.Model, "layers"), property)


def _fixed_reference(net, X):
    W1, b1 = net.hidden.kernel.numpy(), net.hidden.bias.numpy()
    W2, b2 = net.out.kernel.numpy(), net.out.bias.numpy()
    H = np.maximum(X @ W1 + b1, 0)
    O = np.maximum(H @ net.C.numpy() + 1, 0) @ W2 + b2
    halvings = 0
    while np.linalg.norm(O) > 1:
        O, halvings = O / 2, halvings + 1
    return O.sum(), halvings


def test_fixed_weight_mlp_computes_what_the_text_says():
    sec = run("fixed_weight")
    net, X = sec.ns["net"], sec.ns["X"]
    expected, halvings = _fixed_reference(net, X.numpy())
    assert halvings > 0  # the loop really runs on the book's input
    np.testing.assert_allclose(float(net(X)), expected, rtol=1e-5)


def test_constant_is_not_a_weight_and_is_not_trained():
    sec = run("fixed_weight")
    net, X = sec.ns["net"], sec.ns["X"]
    assert not isinstance(net.C, (tf.Variable, tf.keras.Variable)) and net.C.shape == (20, 20)
    assert shapes(net) == [(20, 20), (20,), (20, 20), (20,)]  # the two Dense layers only
    assert len(net.trainable_weights) == 4
    C, W = net.C.numpy().copy(), net.hidden.kernel.numpy().copy()
    optimizer = tf.keras.optimizers.SGD(0.1)
    with tf.GradientTape() as tape:
        loss = net(X)
    grads = tape.gradient(loss, net.trainable_weights)
    optimizer.apply_gradients(zip(grads, net.trainable_weights))
    np.testing.assert_array_equal(net.C.numpy(), C)
    assert not np.array_equal(net.hidden.kernel.numpy(), W)  # the trained weights did move


def test_keras_sequential_cannot_hold_the_while_loop():
    sec = run("nested")
    bad = tf.keras.Sequential([sec.ns["StackedMLP"](), tf.keras.layers.Dense(20), sec.ns["FixedWeightMLP"]()])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Keras also warns that it could not trace the layer
        with pytest.raises(Exception, match="symbolic `tf.Tensor` as a Python `bool`"):
            bad(sec.ns["X"])


def test_nested_modules_compose():
    sec = run("nested")
    nested, X = sec.ns["nested"], sec.ns["X"]
    nest, dense, fixed = nested.blocks
    assert shapes(nest) == [(20, 128), (128,), (128, 64), (64,), (64, 32), (32,)]
    out = nested(X)
    assert out.shape == ()
    np.testing.assert_allclose(float(out), float(fixed(dense(nest(X)))), rtol=1e-6)


def test_outputs_repeat_with_the_seed():
    a, b = (run("nested") for _ in range(2))
    assert float(a.ns["nested"](a.ns["X"])) == float(b.ns["nested"](b.ns["X"]))
