"""What "사용자 정의 레이어" (custom-layer.md) says, checked against its TensorFlow tab."""

import numpy as np
import tensorflow as tf

from section import chapter, Section

PATH = chapter("custom-layer")
DEMOS = ["imports", "centered", "centered_net", "my_dense", "dense_forward", "dense_net"]


def run(demo):
    sec = Section("tensorflow", PATH)
    printed = sec.run_through(DEMOS.index(demo))
    return sec, printed


def test_every_demo_is_in_the_tab():
    assert len(Section("tensorflow", PATH).cells) == len(DEMOS)


def test_centering_subtracts_the_mean_and_has_no_parameters():
    sec, _ = run("centered")
    layer = sec.ns["layer"]
    np.testing.assert_array_equal(layer(tf.constant([1.0, 2, 3, 4, 5])).numpy(), [-2, -1, 0, 1, 2])
    assert layer.weights == []


def test_centered_network_output_has_mean_zero():
    sec, _ = run("centered_net")
    Y, net = sec.ns["Y"], sec.ns["net"]
    assert tuple(Y.shape) == (4, 128)
    assert abs(float(tf.reduce_mean(Y))) < 1e-6
    dense_out = net.layers[0](tf.random.uniform((4, 8)))
    assert abs(float(tf.reduce_mean(dense_out))) > 1e-3  # the dense layer alone is not centered


def test_weights_are_made_by_build_at_the_first_call():
    sec, printed = run("my_dense")
    assert printed.splitlines()[0] == "첫 호출 전: []"
    fresh = sec.ns["MyDense"](3)
    assert fresh.weights == [] and not fresh.built
    fresh(tf.zeros((2, 7)))  # the number of inputs comes from the first input
    assert fresh.built
    assert [(w.name, tuple(w.shape)) for w in fresh.weights] == [("weight", (7, 3)), ("bias", (3,))]
    dense = sec.ns["dense"]
    assert [(w.name, tuple(w.shape)) for w in dense.weights] == [("weight", (5, 3)), ("bias", (3,))]
    assert np.all(dense.bias.numpy() == 0)


def test_weights_are_standard_normal():
    sec, _ = run("my_dense")
    layer = sec.ns["MyDense"](700)
    layer(tf.zeros((1, 300)))
    w = layer.weight.numpy()
    assert abs(w.mean()) < 0.01 and abs(w.std() - 1) < 0.01


def test_forward_is_relu_of_xw_plus_b():
    sec, _ = run("dense_forward")
    dense = sec.ns["dense"]
    X = tf.random.normal((6, 5))
    out = dense(X).numpy()
    assert out.shape == (6, 3) and out.min() >= 0
    np.testing.assert_allclose(out, np.maximum(X.numpy() @ dense.weight.numpy() + dense.bias.numpy(), 0),
                               rtol=1e-5, atol=1e-6)


def test_stacked_custom_layers():
    sec, _ = run("dense_net")
    net = sec.ns["net"]
    assert [tuple(w.shape) for w in net.weights] == [(64, 8), (8,), (8, 1), (1,)]
    out = net(tf.random.uniform((2, 64))).numpy()
    assert out.shape == (2, 1) and out.min() >= 0


def test_outputs_repeat_with_the_seed():
    runs = [run("dense_net")[0].ns["net"].layers[0].weight.numpy() for _ in range(2)]
    np.testing.assert_array_equal(*runs)
