"""Claims the 설치 page makes about JAX's random numbers: keys instead of a hidden global
generator, the same key gives the same values, and d2l.set_seed / d2l.get_key."""
import jax
import numpy as np

from d2l import jax as d2l


def test_random_functions_take_a_key_and_repeat_for_the_same_key():
    key = jax.random.PRNGKey(0)
    np.testing.assert_array_equal(jax.random.normal(key, (5,)), jax.random.normal(key, (5,)))
    try:
        jax.random.normal((5,))  # no key: JAX has no global generator to fall back on
    except (TypeError, ValueError):
        pass
    else:
        raise AssertionError("jax.random.normal ran without a key")


def test_set_seed_restarts_the_keys_and_get_key_gives_new_ones():
    d2l.set_seed(0)
    first = [d2l.get_key() for _ in range(3)]
    d2l.set_seed(0)
    again = [d2l.get_key() for _ in range(3)]
    as_arrays = [np.asarray(jax.random.key_data(k)) if jax.dtypes.issubdtype(k.dtype, jax.dtypes.prng_key)
                 else np.asarray(k) for k in first + again]
    for a, b in zip(as_arrays[:3], as_arrays[3:]):
        np.testing.assert_array_equal(a, b)
    assert len({a.tobytes() for a in as_arrays[:3]}) == 3
