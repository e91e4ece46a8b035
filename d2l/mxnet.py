"""MXNet helpers for the book: ``from d2l import mxnet as d2l``."""
import random

import mxnet as mx
import numpy as onp

_seed = 0


def set_seed(seed=0):
    """Seed Python's, NumPy's and MXNet's random generators, so that a
    notebook run twice prints the same numbers."""
    global _seed
    _seed = int(seed)
    random.seed(_seed)
    onp.random.seed(_seed)
    mx.random.seed(_seed)


def get_seed():
    """The seed last given to :func:`set_seed` (0 until then)."""
    return _seed
