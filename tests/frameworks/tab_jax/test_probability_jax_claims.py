"""What only the JAX tab of 확률과 통계 (probability.md) says; the claims every tab makes are in
../test_probability_claims.py."""
import jax
import numpy as np
import pytest
from jax import numpy as jnp

import prelim_claims as pc

TAB = "jax"


def numpy(x):
    return np.asarray(x)


def test_the_same_key_gives_the_same_draws():
    key = jax.random.PRNGKey(5)
    probs = jnp.array([0.1, 0.2, 0.3, 0.4])
    first, again = (jax.random.choice(key, 4, shape=(50,), p=probs) for _ in range(2))
    other = jax.random.choice(jax.random.split(key)[0], 4, shape=(50,), p=probs)
    assert (first == again).all() and not (first == other).all()


@pytest.mark.parametrize("seed", [None, 4])
def test_expectation_and_variance(seed):
    ns = pc.run(TAB, pc.PROBABILITY, "moments", seed=seed).ns
    pc.check_moments([ns["mean"], ns["var"], ns["sample"].mean(), ns["sample"].var()])


def test_var_divides_by_n():
    ns = pc.run(TAB, pc.PROBABILITY, "moments").ns
    pc.check_variance_divisor(numpy(ns["sample"]), ns["sample"].var(), unbiased=False)
