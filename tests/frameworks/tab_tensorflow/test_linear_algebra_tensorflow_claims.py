"""Claims of "선형대수" in the TensorFlow tab beyond the shared ones (test_linear_algebra_claims.py)."""
import numpy as np
import pytest
import tensorflow as tf

from test_linear_algebra_claims import run


def test_tensors_have_no_T_attribute(fw):
    sec = run(fw, "matrices")
    assert not hasattr(sec.ns["A"], "T")


def test_reductions_are_named_reduce(fw):
    A = tf.reshape(tf.range(6.0), (2, 3))
    assert float(tf.reduce_sum(A, axis=[0, 1])) == 15 and float(tf.reduce_mean(A)) == 2.5
    assert not hasattr(tf, "sum") and not hasattr(tf, "mean")


def test_there_is_no_dot_and_tensordot_with_one_axis_is_the_dot_product(fw):
    sec = run(fw, "dot")
    assert not hasattr(tf, "dot")
    assert float(tf.tensordot(sec.ns["x"], sec.ns["y"], axes=1)) == 3


def test_matmul_refuses_a_vector_and_matvec_takes_it(fw):
    sec = run(fw, "matvec")
    A, x = sec.ns["A"], sec.ns["x"]
    with pytest.raises((tf.errors.InvalidArgumentError, ValueError)):
        A @ x
    assert tf.linalg.matvec(A, x).shape == (2,)
    assert (A @ tf.reshape(x, (3, 1))).shape == (2, 1)


def test_norm_is_l2_for_vectors_and_frobenius_for_matrices(fw):
    run(fw, "norms")
    M = np.array([[1.0, 2], [3, 4]])  # spectral and Frobenius norms differ here
    assert abs(float(tf.norm(tf.constant(M))) - np.sqrt((M ** 2).sum())) < 1e-6
    assert abs(float(tf.norm(tf.constant([1.0, 2, 2]))) - 3) < 1e-6
