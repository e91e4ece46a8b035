"""What only the TensorFlow tab of 확률과 통계 (probability.md) says; the claims every tab makes are in
../test_probability_claims.py."""
import numpy as np
import pytest
import tensorflow as tf

import prelim_claims as pc

TAB = "tensorflow"


def numpy(x):
    return np.asarray(x)


def test_categorical_takes_logits_row_by_row():
    draws = tf.random.categorical(tf.math.log([[0.0, 1.0], [1.0, 0.0]]), 50).numpy()
    assert draws.shape == (2, 50) and (draws[0] == 1).all() and (draws[1] == 0).all()


@pytest.mark.parametrize("seed", [None, 4])
def test_expectation_and_variance(seed):
    ns = pc.run(TAB, pc.PROBABILITY, "moments", seed=seed).ns
    pc.check_moments([ns["mean"], ns["var"], tf.reduce_mean(ns["sample"]), tf.math.reduce_variance(ns["sample"])])


def test_reduce_variance_divides_by_n():
    ns = pc.run(TAB, pc.PROBABILITY, "moments").ns
    pc.check_variance_divisor(numpy(ns["sample"]), tf.math.reduce_variance(ns["sample"]), unbiased=False)
