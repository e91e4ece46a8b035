"""What only the MXNet tab of 확률과 통계 (probability.md) says; the claims every tab makes are in
../test_probability_claims.py."""
import numpy as np
import pytest

import prelim_claims as pc

TAB = "mxnet"


def numpy(x):
    return x.asnumpy()


@pytest.mark.parametrize("seed", [None, 4])
def test_expectation_and_variance(seed):
    ns = pc.run(TAB, pc.PROBABILITY, "moments", seed=seed).ns
    pc.check_moments([ns["mean"], ns["var"], ns["sample"].mean(), ns["sample"].var()])


def test_var_divides_by_n_and_an_integer_array_gives_an_integer():
    ns = pc.run(TAB, pc.PROBABILITY, "moments").ns
    pc.check_variance_divisor(numpy(ns["sample"]), ns["sample"].var(), unbiased=False)
    faces = ns["roll"](1000) + 1
    assert np.issubdtype(faces.dtype, np.integer) and np.issubdtype(faces.var().dtype, np.integer)
