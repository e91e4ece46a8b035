"""What 자동 미분 (autograd.md) says, checked against its TensorFlow tab."""
import numpy as np
import pytest
import tensorflow as tf

import prelim_claims as pc

TAB = "tensorflow"


def run(demo):
    return pc.run(TAB, pc.AUTOGRAD, demo)


def test_gradient_is_three_x_squared_and_not_kept_on_the_variable():
    sec = run("simple")
    assert isinstance(sec.ns["x"], tf.Variable)
    assert np.array_equal(sec.ns["x_grad"].numpy(), 3 * pc.X ** 2)
    assert not hasattr(sec.ns["x"], "grad")


def test_a_tape_gives_one_gradient_unless_persistent():
    sec = run("second")
    with pytest.raises(RuntimeError):
        sec.ns["tape"].gradient(sec.ns["y"], sec.ns["x"])  # the tape was used once already


def test_new_computation_new_tape_gradient_of_sum_is_ones():
    x = tf.Variable(tf.range(4.0))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(x)
    assert np.array_equal(tape.gradient(y, x).numpy(), np.ones(4))


def test_vector_target_is_summed():
    sec = run("nonscalar")
    x = sec.ns["x"]
    with tf.GradientTape() as tape:
        y = x * x
    assert np.array_equal(tape.gradient(y, x).numpy(), 2 * pc.X)


def test_stop_gradient_part_gets_no_gradient():
    sec = run("detach")
    assert np.array_equal(sec.ns["x_grad"].numpy(), pc.X ** 2)
    assert sec.ns["tape"]._persistent


def test_y_keeps_its_own_gradient_on_the_same_persistent_tape():
    sec = run("detach_y")
    assert np.array_equal(sec.ns["y_grad"].numpy(), 2 * pc.X)


def test_control_flow_gradient_is_the_constant_factor():
    sec = run("control")
    ns = sec.ns
    for a in [float(ns["a"].numpy()), 0.01, -0.7, 5.0, 150.0, -42.0]:
        v = tf.Variable(a)
        with tf.GradientTape() as tape:
            d = ns["grow"](v)
        assert float(tape.gradient(d, v)) == pc.grow_factor(a), a
