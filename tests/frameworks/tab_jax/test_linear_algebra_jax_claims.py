"""Claims of "선형대수" in the JAX tab beyond the shared ones (test_linear_algebra_claims.py)."""
import numpy as np
from jax import numpy as jnp

from test_linear_algebra_claims import run


def test_sum_takes_a_tuple_of_axes(fw):
    A = jnp.arange(6.0).reshape(2, 3)
    assert float(A.sum(axis=(0, 1))) == 15 and A.sum(axis=0).shape == (3,)


def test_dot_and_matmul_multiply_a_matrix_and_a_vector(fw):
    sec = run(fw, "matvec")
    A, x = sec.ns["A"], sec.ns["x"]
    assert jnp.dot(A, x).shape == (2,) and (A @ x).shape == (2,)


def test_norm_is_l2_for_vectors_and_frobenius_for_matrices(fw):
    run(fw, "norms")
    M = np.array([[1.0, 2], [3, 4]])  # spectral and Frobenius norms differ here
    assert abs(float(jnp.linalg.norm(jnp.array(M))) - np.sqrt((M ** 2).sum())) < 1e-5
    assert abs(float(jnp.linalg.norm(jnp.array([1.0, 2, 2]))) - 3) < 1e-6
