"""Framework tests run once per tab, each in that tab's own environment.

``tools/testing.py`` sets ``D2L_TAB``; the ``fw`` fixture is then that tab's adapter:
the few framework-specific operations the shared tests need (draw random numbers,
read the book's network as NumPy arrays, build a large network), so that one set of
tests states each claim once for all four tabs.

Weights are always returned as NumPy arrays of shape (outputs, inputs), whatever the
framework stores (Keras and Flax store (inputs, outputs)).
"""
import importlib
import os

import numpy as np
import pytest

from section import Section

TAB = os.environ.get("D2L_TAB")
MODULES = {"mxnet": "mxnet", "pytorch": "torch", "tensorflow": "tensorflow", "jax": "jax"}
# The section's code cells, the same demos in the same order in every tab.
DEMOS = ["imports", "default", "normal", "constant", "per_layer", "custom", "edit"]
# Large layers for the statistical claims; fan_in != fan_out so that formulas which
# use one, the other or both give different numbers.
FAN_IN, HIDDEN, FAN_OUT = 300, 700, 200


class Framework:
    def __init__(self, tab):
        self.tab = tab
        self.module = MODULES[tab]
        self.d2l = importlib.import_module(f"d2l.{self.module}")

    def section(self):
        return Section(self.tab)

    def run_demo(self, demo):
        """A fresh run of the section through the cell of ``demo``."""
        sec = self.section()
        sec.run_through(DEMOS.index(demo))
        return sec

    def large(self, demo):
        """[(W, b), (W, b)] of a FAN_IN-HIDDEN-FAN_OUT network initialized by the
        book's own ``demo`` cell. Default: the cell runs on a large ``net``."""
        sec = self.section()
        index = DEMOS.index(demo)
        sec.run_before(index)
        sec.ns["net"] = self.big_net()
        sec.run(sec.cells[index], demo)
        return self.layers(sec)


class MXNet(Framework):
    def draw(self):
        from mxnet import np as mnp, npx
        npx.set_np()
        return mnp.random.uniform(size=8).asnumpy()

    def layers(self, sec):
        net = sec.ns["net"]
        return [(net[i].weight.data().asnumpy().copy(), net[i].bias.data().asnumpy().copy()) for i in (0, 1)]

    def big_net(self):
        from mxnet.gluon import nn
        net = nn.Sequential()
        net.add(nn.Dense(HIDDEN, activation="relu", in_units=FAN_IN), nn.Dense(FAN_OUT, in_units=HIDDEN))
        net.initialize()
        return net

    def default_layer(self):
        from mxnet.gluon import nn
        layer = nn.Dense(HIDDEN, in_units=FAN_IN)
        layer.initialize()
        return layer.weight.data().asnumpy(), layer.bias.data().asnumpy()


class PyTorch(Framework):
    def draw(self):
        import torch
        return torch.rand(8).numpy()

    def layers(self, sec):
        from torch import nn
        linear = [m for m in sec.ns["net"] if isinstance(m, nn.Linear)]
        return [(m.weight.detach().numpy().copy(), m.bias.detach().numpy().copy()) for m in linear]

    def big_net(self):
        from torch import nn
        return nn.Sequential(nn.Linear(FAN_IN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, FAN_OUT))

    def default_layer(self):
        import torch
        from torch import nn
        layer = nn.LazyLinear(HIDDEN)
        layer(torch.rand(2, FAN_IN))
        assert type(layer) is nn.Linear  # a LazyLinear becomes a Linear once it has seen input
        return layer.weight.detach().numpy(), layer.bias.detach().numpy()


class TensorFlow(Framework):
    """Keras fixes the initializers when a layer is made, so each demo cell makes its
    own small ``net``; the large layers come from calling the initializers that the
    book's layers hold with large shapes."""

    def draw(self):
        import tensorflow as tf
        return tf.random.uniform((8,)).numpy()

    def layers(self, sec):
        return [(layer.kernel.numpy().T.copy(), layer.bias.numpy().copy()) for layer in sec.ns["net"].layers]

    def large(self, demo):
        layers = self.run_demo(demo).ns["net"].layers
        shapes = [(FAN_IN, HIDDEN), (HIDDEN, FAN_OUT)]
        return [(np.asarray(layer.kernel_initializer(shape=s)).T, np.asarray(layer.bias_initializer(shape=(s[1],))))
                for layer, s in zip(layers, shapes)]

    def default_layer(self):
        import tensorflow as tf
        layer = tf.keras.layers.Dense(HIDDEN)
        layer(tf.zeros((2, FAN_IN)))
        return layer.kernel.numpy().T, layer.bias.numpy()


class JAX(Framework):
    """Flax modules hold their initializer functions (``kernel_init``, ``bias_init``),
    so the large layers come from calling those of the book's ``net``."""

    def draw(self):
        import jax
        return np.asarray(jax.random.uniform(self.d2l.get_key(), (8,)))

    def layers(self, sec, tree="params"):
        p = sec.ns[tree]["params"]
        return [(np.asarray(p[k]["kernel"]).T.copy(), np.asarray(p[k]["bias"]).copy()) for k in ("layers_0", "layers_2")]

    def large(self, demo):
        import jax
        from flax import linen as nn
        dense = [m for m in self.run_demo(demo).ns["net"].layers if isinstance(m, nn.Dense)]
        keys = jax.random.split(jax.random.PRNGKey(0), 4)
        shapes = [(FAN_IN, HIDDEN), (HIDDEN, FAN_OUT)]
        return [(np.asarray(m.kernel_init(keys[2 * i], s)).T, np.asarray(m.bias_init(keys[2 * i + 1], (s[1],))))
                for i, (m, s) in enumerate(zip(dense, shapes))]

    def default_layer(self):
        import jax
        from flax import linen as nn
        p = nn.Dense(HIDDEN).init(jax.random.PRNGKey(0), jax.numpy.ones((2, FAN_IN)))["params"]
        return np.asarray(p["kernel"]).T, np.asarray(p["bias"])


ADAPTERS = {"mxnet": MXNet, "pytorch": PyTorch, "tensorflow": TensorFlow, "jax": JAX}


@pytest.fixture(scope="session")
def fw():
    if TAB not in ADAPTERS:
        pytest.fail("run these tests through ./build.sh test (D2L_TAB names the tab)")
    return ADAPTERS[TAB](TAB)


@pytest.fixture
def run_read_write(fw):
    """run_read_write(demo): a fresh run of read-write.md through ``demo`` in this tab; the
    temporary folder its cells made is removed afterwards."""
    import shutil
    from read_write import DEMOS, PATH
    made = []

    def through(demo):
        sec = Section(fw.tab, PATH)
        sec.run_through(DEMOS.index(demo))
        made.append(sec.ns["folder"])
        return sec
    yield through
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)
