"""Claims of "선형대수" in the PyTorch tab beyond the shared ones (test_linear_algebra_claims.py)."""
import numpy as np
import torch

from test_linear_algebra_claims import run


def test_sum_takes_dim_and_a_list_of_axes(fw):
    A = torch.arange(6.0).reshape(2, 3)
    assert float(A.sum(dim=[0, 1])) == 15 and A.sum(dim=0).shape == (3,)
    assert A.sum(dim=1, keepdim=True).shape == (2, 1)


def test_mv_and_matmul_multiply_a_matrix_and_a_vector(fw):
    sec = run(fw, "matvec")
    A, x = sec.ns["A"], sec.ns["x"]
    assert torch.mv(A, x).shape == (2,) and (A @ x).shape == (2,)
    assert torch.equal(torch.mv(A, x), A @ x)


def test_norm_is_l2_for_vectors_and_frobenius_for_matrices(fw):
    run(fw, "norms")
    M = np.array([[1.0, 2], [3, 4]])  # spectral and Frobenius norms differ here
    assert abs(float(torch.norm(torch.tensor(M))) - np.sqrt((M ** 2).sum())) < 1e-6
    assert float(torch.norm(torch.tensor([1.0, 2, 2]))) == 3
