"""d2l.get_key(): a reproducible chain of distinct JAX keys."""
import jax
import numpy as np

from d2l import jax as d2l


def _data(key):
    return np.asarray(jax.random.key_data(key)) if hasattr(jax.random, "key_data") else np.asarray(key)


def test_each_key_is_new():
    d2l.set_seed(0)
    keys = [_data(d2l.get_key()) for _ in range(5)]
    assert len({k.tobytes() for k in keys}) == 5


def test_chain_restarts_with_the_seed():
    d2l.set_seed(3)
    first = [_data(d2l.get_key()) for _ in range(3)]
    d2l.set_seed(3)
    again = [_data(d2l.get_key()) for _ in range(3)]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert d2l.get_seed() == 3


def test_keys_are_not_the_seed_key_itself():
    d2l.set_seed(5)
    assert not np.array_equal(_data(d2l.get_key()), _data(jax.random.PRNGKey(5)))
