"""What 확률과 통계 (probability.md) says alike in every tab, checked in the tab under test (``fw``
is its adapter, ``fw.to_numpy`` its conversion); tab_<tab>/test_probability_<tab>_claims.py adds
what only that tab says (its sampling function, how its variance divides)."""
import numpy as np
import pytest

import prelim_claims as pc


def test_roll_gives_faces_with_the_stated_spread(fw):
    sec = pc.run(fw.tab, pc.PROBABILITY, "roll")
    shown = fw.to_numpy(eval("roll(10) + 1", sec.ns))
    assert shown.shape == (10,) and set(shown) <= {1, 2, 3, 4}
    pc.check_roll_spread(sec, fw.to_numpy)


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_frequencies_approach_the_probabilities(fw, seed):
    sec = pc.run(fw.tab, pc.PROBABILITY, "running", seed=seed)
    assert np.all(abs(fw.to_numpy(sec.ns["counts"]) / 1000 - pc.PROBS) < 0.05)  # about three standard deviations
    pc.check_running(sec, fw.to_numpy)


def test_the_convergence_plot(fw):
    pc.check_convergence_plot(fw.tab)


def test_joint_marginal_conditional_and_bayes(fw):
    ns = pc.run(fw.tab, pc.PROBABILITY, "joint").ns
    pc.check_joint([fw.to_numpy(ns[k]) for k in ("p_weather", "p_commute", "p_commute_given_weather", "joint")])


@pytest.mark.parametrize("seed", [None, 3])
def test_bayes_worked_example(fw, seed):
    pc.check_bayes(pc.run(fw.tab, pc.PROBABILITY, "bayes", seed=seed), fw.to_numpy)
