"""Seeding shared by the framework modules; imports no framework itself."""
import random

import numpy as np


def seeder(seed_framework):
    """``set_seed`` and ``get_seed`` for a framework whose own generator is seeded by
    ``seed_framework(seed)``."""
    state = {"seed": 0}

    def set_seed(seed=0):
        """Seed the framework's, Python's and NumPy's random generators, so that a
        notebook run twice prints the same numbers."""
        state["seed"] = int(seed)
        random.seed(state["seed"])
        np.random.seed(state["seed"])
        seed_framework(state["seed"])

    def get_seed():
        """The seed last given to ``set_seed`` (0 until then)."""
        return state["seed"]

    return set_seed, get_seed
