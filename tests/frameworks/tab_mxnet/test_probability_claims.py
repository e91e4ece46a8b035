"""What 확률과 통계 (probability.md) says, checked against its MXNet tab."""
import numpy as np
import pytest

import prelim_claims as pc

TAB = "mxnet"


def numpy(x):
    return x.asnumpy()


def test_roll_gives_faces_with_the_stated_spread():
    sec = pc.run(TAB, pc.PROBABILITY, "roll")
    shown = numpy(eval("roll(10) + 1", sec.ns))
    assert shown.shape == (10,) and set(shown) <= {1, 2, 3, 4}
    pc.check_roll_spread(sec, numpy)


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_frequencies_approach_the_probabilities(seed):
    sec = pc.run(TAB, pc.PROBABILITY, "running", seed=seed)
    assert np.all(abs(numpy(sec.ns["counts"]) / 1000 - pc.PROBS) < 0.05)  # about three standard deviations
    pc.check_running(sec, numpy)


def test_the_convergence_plot():
    pc.check_convergence_plot(TAB)


def test_joint_marginal_conditional_and_bayes():
    sec = pc.run(TAB, pc.PROBABILITY, "joint")
    ns = sec.ns
    pc.check_joint([numpy(ns[k]) for k in ("p_weather", "p_commute", "p_commute_given_weather", "joint")])


@pytest.mark.parametrize("seed", [None, 3])
def test_bayes_worked_example(seed):
    pc.check_bayes(pc.run(TAB, pc.PROBABILITY, "bayes", seed=seed), numpy)


@pytest.mark.parametrize("seed", [None, 4])
def test_expectation_and_variance(seed):
    ns = pc.run(TAB, pc.PROBABILITY, "moments", seed=seed).ns
    pc.check_moments([ns["mean"], ns["var"], ns["sample"].mean(), ns["sample"].var()])


def test_var_divides_by_n_and_an_integer_array_gives_an_integer():
    ns = pc.run(TAB, pc.PROBABILITY, "moments").ns
    pc.check_variance_divisor(numpy(ns["sample"]), ns["sample"].var(), unbiased=False)
    faces = ns["roll"](1000) + 1
    assert np.issubdtype(faces.dtype, np.integer) and np.issubdtype(faces.var().dtype, np.integer)
