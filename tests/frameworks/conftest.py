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

from section import INIT_PARAM, Section

TAB = os.environ.get("D2L_TAB")
MODULES = {"mxnet": "mxnet", "pytorch": "torch", "tensorflow": "tensorflow", "jax": "jax"}
# The section's code cells, the same demos in the same order in every tab.
DEMOS = ["imports", "default", "normal", "constant", "per_layer", "custom", "edit"]
# Large layers for the statistical claims; fan_in != fan_out so that formulas which
# use one, the other or both give different numbers.
FAN_IN, HIDDEN, FAN_OUT = 300, 700, 200


class Framework:
    imports_matplotlib = False  # whether importing the framework itself loads matplotlib

    def __init__(self, tab):
        self.tab = tab
        self.module = MODULES[tab]
        self.d2l = importlib.import_module(f"d2l.{self.module}")

    def section(self):
        return Section(self.tab, INIT_PARAM)

    def run_demo(self, demo):
        """A fresh run of the section through the cell of ``demo``."""
        sec = self.section()
        sec.run_through(DEMOS.index(demo))
        return sec

    def large(self, demo):
        """[(W, b), (W, b)] of a FAN_IN-HIDDEN-FAN_OUT network initialized by the
        book's own cells. Default (MXNet, PyTorch, whose cells re-initialize the ``net``
        they find): right after the default cell, ``net`` and ``X`` become a large
        network and its input, and the cells run on through ``demo``."""
        sec = self.section()
        sec.run_through(DEMOS.index("default"))
        sec.ns["net"], sec.ns["X"] = self.big_net(), self.big_input()
        sec.run_through(DEMOS.index(demo))
        return self.layers(sec)

    def last_value(self, sec, demo):
        """The value of the last expression of ``demo``'s cell (what a notebook shows
        under it), evaluated again in the section's namespace, as a NumPy array."""
        import ast
        body = ast.parse(sec.cells[DEMOS.index(demo)]).body
        assert isinstance(body[-1], ast.Expr), f"{demo} does not end with an expression"
        return self.to_numpy(eval(compile(ast.Expression(body[-1].value), demo, "eval"), sec.ns))

    def default_layers(self):
        """[(W, b), (W, b)] of two layers made with the framework's defaults, one
        FAN_IN -> HIDDEN and one HIDDEN -> FAN_OUT."""
        return [self.default_layer(fan_in, fan_out) for fan_in, fan_out in ((FAN_IN, HIDDEN), (HIDDEN, FAN_OUT))]


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

    def to_numpy(self, x):
        return x.asnumpy()

    def forward(self, sec):
        return sec.ns["net"](sec.ns["X"]).asnumpy()

    def big_input(self):
        from mxnet import np as mnp
        return mnp.random.normal(size=(4, FAN_IN))

    def default_layer(self, fan_in, fan_out):
        from mxnet.gluon import nn
        layer = nn.Dense(fan_out, in_units=fan_in)
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

    def to_numpy(self, x):
        return x.detach().numpy()

    def forward(self, sec):
        return sec.ns["net"](sec.ns["X"]).detach().numpy()

    def big_input(self):
        import torch
        return torch.randn(4, FAN_IN)

    def default_layer(self, fan_in, fan_out):
        from torch import nn
        layer = nn.Linear(fan_in, fan_out)  # no input: a Linear is initialized when it is made
        return layer.weight.detach().numpy(), layer.bias.detach().numpy()


class TensorFlow(Framework):
    """Keras fixes the initializers when a layer is made, so each demo cell makes its
    own small ``net``; the large layers come from calling the initializers that the
    book's layers hold with large shapes."""
    imports_matplotlib = True

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

    def to_numpy(self, x):
        return np.asarray(x)

    def forward(self, sec):
        return sec.ns["net"](sec.ns["X"]).numpy()

    def default_layer(self, fan_in, fan_out):
        import tensorflow as tf
        layer = tf.keras.layers.Dense(fan_out)
        layer(tf.zeros((2, fan_in)))
        return layer.kernel.numpy().T, layer.bias.numpy()


class JAX(Framework):
    """Flax Linen modules hold their initializer functions (``kernel_init``,
    ``bias_init``), not parameters, so the large layers come from calling those of the
    book's ``net``."""

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

    def to_numpy(self, x):
        return np.asarray(x)

    def forward(self, sec):
        return sec.ns["net"].apply(sec.ns["params"], sec.ns["X"])

    def default_layer(self, fan_in, fan_out):
        import jax
        from flax import linen as nn
        p = nn.Dense(fan_out).init(jax.random.PRNGKey(fan_in), jax.numpy.ones((2, fan_in)))["params"]
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
