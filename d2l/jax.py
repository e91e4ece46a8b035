"""JAX helpers for the book: ``from d2l import jax as d2l``.

JAX has no hidden global random state: every random call takes a key. The book
keeps one chain of keys here, so that a section can ask for a fresh key with
``d2l.get_key()`` and still print the same numbers every time it runs.
"""
import random

import jax
import numpy as np

_seed = 0
_key = jax.random.PRNGKey(_seed)


def set_seed(seed=0):
    """Restart the key chain (and Python's and NumPy's generators) from ``seed``."""
    global _seed, _key
    _seed = int(seed)
    _key = jax.random.PRNGKey(_seed)
    random.seed(_seed)
    np.random.seed(_seed)


def get_seed():
    """The seed the key chain started from (0 unless :func:`set_seed` was called)."""
    return _seed


def get_key():
    """A new key, split off the chain: each call returns a different key, and the
    sequence of keys is the same in every run."""
    global _key
    _key, subkey = jax.random.split(_key)
    return subkey
