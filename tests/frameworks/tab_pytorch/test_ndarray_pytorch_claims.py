"""Claims the PyTorch tab of "데이터 다루기" makes; the ones every tab makes are in test_ndarray_claims.py."""
import numpy as np
import torch

from test_ndarray_claims import run, value


def test_arange_of_integers_is_int64(fw):
    sec = run(fw, "arange")
    assert sec.ns["x"].dtype == torch.int64 and value(fw, sec, "x").tolist() == list(range(12))
    assert sec.ns["x"].numel() == 12 and sec.stdout[-1].split()[-2:] == ["12", "torch.int64"]


def test_randn_is_standard_normal(fw):
    run(fw, "filled")
    big = torch.randn(20000).numpy()
    assert abs(big.mean()) < 0.03 and abs(big.std() - 1) < 0.03


def test_slice_assignment_and_plus_equals_are_in_place(fw):
    sec = run(fw, "memory")
    assert sec.stdout[-1].split() == ["False", "True", "True"]


def test_numpy_shares_memory_and_tensor_copies(fw):
    sec = run(fw, "numpy")
    assert type(sec.ns["A"]) is np.ndarray and type(sec.ns["B"]) is torch.Tensor
    assert sec.ns["A"][0, 0] == -1 and float(sec.ns["B"][0, 0]) != -1
    a = np.zeros(3, dtype=np.float32)
    shared = torch.from_numpy(a)
    a[0] = 5
    assert float(shared[0]) == 5  # from_numpy shares memory


def test_numel_is_a_name_numpy_does_not_use():
    assert hasattr(torch.Tensor, "numel") and not hasattr(np.ndarray, "numel")
