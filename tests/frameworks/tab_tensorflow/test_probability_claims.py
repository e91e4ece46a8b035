"""What 확률과 통계 (probability.md) says, checked against its TensorFlow tab."""
import numpy as np
import pytest
import tensorflow as tf

import prelim_claims as pc

TAB = "tensorflow"


def numpy(x):
    return np.asarray(x)


def test_roll_gives_faces_with_the_stated_spread():
    sec = pc.run(TAB, pc.PROBABILITY, "roll")
    shown = numpy(eval("roll(10) + 1", sec.ns))
    assert shown.shape == (10,) and set(shown) <= {1, 2, 3, 4}
    pc.check_roll_spread(sec, numpy)


def test_categorical_takes_logits_row_by_row():
    draws = tf.random.categorical(tf.math.log([[0.0, 1.0], [1.0, 0.0]]), 50).numpy()
    assert draws.shape == (2, 50) and (draws[0] == 1).all() and (draws[1] == 0).all()


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_frequencies_approach_the_probabilities(seed):
    sec = pc.run(TAB, pc.PROBABILITY, "running", seed=seed)
    assert np.all(abs(numpy(sec.ns["counts"]) / 1000 - pc.PROBS) < 0.05)  # about three standard deviations
    pc.check_running(sec, numpy)


def test_the_convergence_plot():
    pc.check_convergence_plot(TAB)


def test_joint_marginal_conditional_and_bayes():
    ns = pc.run(TAB, pc.PROBABILITY, "joint").ns
    pc.check_joint([numpy(ns[k]) for k in ("p_weather", "p_commute", "p_commute_given_weather", "joint")])


@pytest.mark.parametrize("seed", [None, 3])
def test_bayes_worked_example(seed):
    pc.check_bayes(pc.run(TAB, pc.PROBABILITY, "bayes", seed=seed), numpy)


@pytest.mark.parametrize("seed", [None, 4])
def test_expectation_and_variance(seed):
    ns = pc.run(TAB, pc.PROBABILITY, "moments", seed=seed).ns
    pc.check_moments([ns["mean"], ns["var"], tf.reduce_mean(ns["sample"]), tf.math.reduce_variance(ns["sample"])])


def test_reduce_variance_divides_by_n():
    ns = pc.run(TAB, pc.PROBABILITY, "moments").ns
    pc.check_variance_divisor(numpy(ns["sample"]), tf.math.reduce_variance(ns["sample"]), unbiased=False)
