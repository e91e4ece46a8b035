"""PyTorch helpers for the book: ``from d2l import torch as d2l``."""
import random

import numpy as np
import torch

_seed = 0


def set_seed(seed=0):
    """Seed Python's, NumPy's and PyTorch's random generators, so that a
    notebook run twice prints the same numbers."""
    global _seed
    _seed = int(seed)
    random.seed(_seed)
    np.random.seed(_seed)
    torch.manual_seed(_seed)


def get_seed():
    """The seed last given to :func:`set_seed` (0 until then)."""
    return _seed
