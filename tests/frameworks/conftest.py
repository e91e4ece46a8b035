"""Framework tests run once per tab, each in that tab's own environment.

``tools/testing.py`` sets ``D2L_TAB``; the ``fw`` fixture then describes that tab's
framework the same way for every test: which module to import and how to draw
random numbers from the framework's global generator.
"""
import importlib
import os

import numpy as np
import pytest

TAB = os.environ.get("D2L_TAB")
MODULES = {"mxnet": "mxnet", "pytorch": "torch", "tensorflow": "tensorflow", "jax": "jax"}


def _draw(tab, d2l):
    """Eight numbers from the framework's own random generator, as a NumPy array."""
    if tab == "mxnet":
        from mxnet import np as mnp, npx
        npx.set_np()
        return mnp.random.uniform(size=8).asnumpy()
    if tab == "pytorch":
        import torch
        return torch.rand(8).numpy()
    if tab == "tensorflow":
        import tensorflow as tf
        return tf.random.uniform((8,)).numpy()
    import jax
    return np.asarray(jax.random.uniform(d2l.get_key(), (8,)))


class Framework:
    def __init__(self, tab):
        self.tab = tab
        self.module = MODULES[tab]
        self.d2l = importlib.import_module(f"d2l.{self.module}")

    def draw(self):
        return _draw(self.tab, self.d2l)


@pytest.fixture(scope="session")
def fw():
    if TAB not in MODULES:
        pytest.fail("run these tests through ./build.sh test (D2L_TAB names the tab)")
    return Framework(TAB)
