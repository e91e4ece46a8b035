"""Claims the TensorFlow tab of "지연 초기화" makes, checked against the section's own code."""

import pytest
import tensorflow as tf

from section import chapter, run_demo, Section

PATH = chapter("lazy-init")
DEMOS = ["imports", "before", "after", "fixed_shape"]


def run(demo):
    return run_demo("tensorflow", PATH, DEMOS, demo)


def test_every_demo_is_in_the_tab():
    assert len(Section("tensorflow", PATH).cells) == len(DEMOS)


def test_before_the_first_call_there_are_no_weights():
    sec = run("before")
    net = sec.ns["net"]
    assert net.built is False and net.weights == []
    assert all(not layer.built for layer in net.layers)
    with pytest.raises(AttributeError):
        net.layers[0].kernel
    assert sec.stdout[-1].splitlines() == ["False []", "가중치가 아직 만들어지지 않았습니다"]


def test_build_runs_once_at_the_first_call():
    calls = []

    class Dense(tf.keras.layers.Dense):
        def build(self, input_shape):
            calls.append(tuple(input_shape))
            super().build(input_shape)

    layer = Dense(256)
    assert calls == [] and layer.weights == []
    layer(tf.zeros((2, 20)))
    layer(tf.zeros((2, 20)))
    assert calls == [(2, 20)] and layer.built and layer.kernel.shape == (20, 256)


def test_after_the_first_call_shapes_are_inferred():
    sec = run("after")
    net, X = sec.ns["net"], sec.ns["X"]
    assert X.shape == (2, 20) and float(tf.reduce_min(X)) >= 0 and float(tf.reduce_max(X)) < 1
    assert net.built is True and all(layer.built for layer in net.layers)
    assert [tuple(w.shape) for w in net.weights] == [(20, 256), (256,), (256, 10), (10,)]
    assert sec.stdout[-1].splitlines() == ["True"]


def test_a_different_input_size_is_refused():
    sec = run("fixed_shape")
    assert sec.stdout[-1].splitlines() == ["오류: ValueError"]
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 20"):
        sec.ns["net"](tf.zeros((2, 30)))
    assert tuple(sec.ns["net"].layers[0].kernel.shape) == (20, 256)


def test_the_initializer_given_at_construction_is_used_at_the_first_input():
    layer = tf.keras.layers.Dense(4, kernel_initializer=tf.keras.initializers.Constant(3.0))
    assert layer.weights == []
    layer(tf.ones((2, 5)))
    assert layer.kernel.shape == (5, 4) and bool(tf.reduce_all(layer.kernel == 3.0))
