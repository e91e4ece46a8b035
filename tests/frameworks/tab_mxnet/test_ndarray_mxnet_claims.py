"""Claims the MXNet tab of "데이터 다루기" makes; the ones every tab makes are in test_ndarray_claims.py."""
import numpy as onp
from mxnet import np

from test_ndarray_claims import run, value


def test_arange_is_float32_by_default(fw):
    sec = run(fw, "arange")
    assert sec.ns["x"].dtype == onp.float32 and value(fw, sec, "x").tolist() == list(range(12))
    assert sec.stdout[-1].split() == ["(12,)", "12", "float32"]


def test_normal_draws_are_standard_normal(fw):
    run(fw, "filled")
    big = np.random.normal(0, 1, size=(20000,)).asnumpy()
    assert abs(big.mean()) < 0.03 and abs(big.std() - 1) < 0.03


def test_slice_assignment_and_plus_equals_are_in_place(fw):
    sec = run(fw, "memory")
    assert sec.stdout[-1].split() == ["False", "True", "True"]


def test_asnumpy_copies(fw):
    sec = run(fw, "numpy")
    assert type(sec.ns["A"]) is onp.ndarray and type(sec.ns["B"]) is np.ndarray
    assert float(sec.ns["X"][0, 0]) == -1 and sec.ns["A"][0, 0] != -1


def test_npx_holds_deep_learning_operators_numpy_lacks():
    from mxnet import npx
    for name in ("relu", "sigmoid", "softmax"):
        assert hasattr(npx, name) and not hasattr(onp, name)
