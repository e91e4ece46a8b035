"""Claims the TensorFlow tab of "데이터 다루기" makes; the ones every tab makes are in test_ndarray_claims.py."""
import numpy as np
import pytest
import tensorflow as tf

from test_ndarray_claims import run, value


def test_range_of_integers_is_int32(fw):
    sec = run(fw, "arange")
    assert sec.ns["x"].dtype == tf.int32 and value(fw, sec, "x").tolist() == list(range(12))
    assert sec.stdout[-1].split()[1] == "12"


def test_random_normal_is_standard_normal(fw):
    run(fw, "filled")
    big = tf.random.normal((20000,)).numpy()
    assert abs(big.mean()) < 0.03 and abs(big.std() - 1) < 0.03


def test_concat_refuses_mixed_dtypes(fw):
    sec = run(fw, "from_list")  # X is still the int32 matrix here
    assert sec.ns["X"].dtype == tf.int32
    with pytest.raises((tf.errors.InvalidArgumentError, TypeError, ValueError)):
        tf.concat([sec.ns["X"], sec.ns["Y"]], axis=0)


def test_reduce_sum_does_not_add_booleans(fw):
    sec = run(fw, "compare")
    with pytest.raises((tf.errors.InvalidArgumentError, TypeError, ValueError)):
        tf.reduce_sum(sec.ns["X"] == sec.ns["Y"])


def test_tensors_refuse_assignment_and_variables_assign(fw):
    sec = run(fw, "assign")
    assert sec.stdout[-1].splitlines()[0] == "tf.Tensor에는 원소를 대입할 수 없습니다"
    assert isinstance(sec.ns["V"], tf.Variable)
    np.testing.assert_array_equal(value(fw, sec, "X"), np.arange(12, dtype=np.float32).reshape(3, 4))


def test_only_assign_is_in_place(fw):
    sec = run(fw, "memory")
    assert sec.stdout[-1].split() == ["False", "True", "False"]


def test_numpy_and_constant(fw):
    sec = run(fw, "numpy")
    assert type(sec.ns["A"]) is np.ndarray and isinstance(sec.ns["B"], tf.Tensor)
    assert sec.ns["A"].dtype == np.float32 and sec.ns["B"].dtype == tf.float32
