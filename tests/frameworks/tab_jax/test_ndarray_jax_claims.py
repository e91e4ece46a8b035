"""Claims the JAX tab of "데이터 다루기" makes; the ones every tab makes are in test_ndarray_claims.py."""
import jax
import numpy as np
from jax import numpy as jnp

from test_ndarray_claims import run, value


def test_arange_of_integers_is_int32(fw):
    sec = run(fw, "arange")
    assert sec.ns["x"].dtype == jnp.int32 and value(fw, sec, "x").tolist() == list(range(12))
    assert not jax.config.jax_enable_x64  # no 64-bit numbers unless asked for


def test_normal_draws_are_standard_normal_and_keys_are_new(fw):
    sec = run(fw, "filled")
    d2l = sec.ns["d2l"]
    k1, k2 = d2l.get_key(), d2l.get_key()
    assert not np.array_equal(jax.random.normal(k1, (4,)), jax.random.normal(k2, (4,)))
    np.testing.assert_array_equal(jax.random.normal(k1, (4,)), jax.random.normal(k1, (4,)))
    big = np.asarray(jax.random.normal(k1, (20000,)))
    assert abs(big.mean()) < 0.03 and abs(big.std() - 1) < 0.03


def test_arrays_are_immutable_and_at_makes_new_ones(fw):
    sec = run(fw, "assign")
    assert sec.stdout[-1].splitlines()[0] == "JAX 배열에는 원소를 대입할 수 없습니다"
    np.testing.assert_array_equal(value(fw, sec, "X"), np.arange(12, dtype=np.float32).reshape(3, 4))
    at = sec.ns["X"].at[0, 0]
    assert float(at.add(5)[0, 0]) == 5 and float(sec.ns["X"].at[1, 1].multiply(3)[1, 1]) == 15


def test_plus_equals_makes_a_new_array(fw):
    sec = run(fw, "memory")
    assert sec.stdout[-1].split() == ["False", "False"]


def test_asarray_is_read_only_and_float64_becomes_float32(fw):
    sec = run(fw, "numpy")
    assert type(sec.ns["A"]) is np.ndarray and isinstance(sec.ns["B"], jax.Array)
    assert sec.stdout[-1].splitlines()[1:] == ["False True", "float32"]
    assert jnp.asarray(np.ones(2)).dtype == jnp.float32
