"""Claims the MXNet tab of "파라미터 초기화" makes about MXNet (Gluon) itself."""
import warnings

import numpy as np
from mxnet import init, np as mnp, npx
from mxnet.gluon import nn

from conftest import DEMOS
from section import INIT_PARAM, Section

npx.set_np()


def run(demo):
    sec = Section("mxnet", INIT_PARAM)
    sec.run_through(DEMOS.index(demo))
    return sec


def test_dense_fixes_zeros_for_its_bias_so_initialize_reaches_the_weights_only():
    layer = nn.Dense(3, in_units=4)
    assert layer.bias.init == "zeros" and layer.weight.init is None
    layer.initialize(init.Constant(3))
    assert np.all(layer.weight.data().asnumpy() == 3)
    assert np.all(layer.bias.data().asnumpy() == 0)


def test_initializers_are_subclasses_of_initializer():
    for name in ("Uniform", "Normal", "Constant", "Xavier", "Zero", "One"):
        assert issubclass(getattr(init, name), init.Initializer), name


def test_without_force_reinit_initialize_keeps_the_values_and_warns():
    net = run("default").ns["net"]
    before = net[0].weight.data().asnumpy().copy()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net.initialize(init.Constant(1))
        net[0].weight.initialize(init.Constant(1))  # one Parameter: the same rule
    np.testing.assert_array_equal(net[0].weight.data().asnumpy(), before)
    assert caught and all("force_reinit" in str(w.message) for w in caught)
    net[0].weight.initialize(init.Constant(1), force_reinit=True)
    assert np.all(net[0].weight.data().asnumpy() == 1)


def test_a_sequential_unpacks_into_its_layers():
    net = run("default").ns["net"]
    hidden, output = net
    assert hidden is net[0] and output is net[1] and len(list(net)) == 2


def test_xavier_without_arguments_is_the_uniform_glorot_bound():
    """init.Xavier(): uniform, the average of fan_in and fan_out, magnitude 3, i.e.
    [-a, a] with a = sqrt(3 / ((fan_in + fan_out) / 2)) = sqrt(6 / (fan_in + fan_out))."""
    x = init.Xavier()
    assert (x.rnd_type, x.factor_type, x.magnitude) == ("uniform", "avg", 3)


def test_init_weight_must_write_into_the_array_it_is_given():
    class Returns(init.Initializer):
        def _init_weight(self, name, arr):
            return mnp.full(arr.shape, 7.0)  # returned, never written

    layer = nn.Dense(5, in_units=5)
    layer.initialize(Returns())
    assert not np.any(layer.weight.data().asnumpy() == 7)


def test_init_weight_is_called_once_per_weight_and_never_for_a_bias():
    sec = run("custom")
    lines = [line for line in sec.stdout[DEMOS.index("custom")].splitlines() if line.startswith("초기화:")]
    assert len(lines) == 2
    assert all(line.split()[1].endswith("_weight") for line in lines)
    assert [line.split(" ", 2)[2] for line in lines] == ["(10, 6)", "(3, 10)"]
    assert np.all(sec.ns["net"][0].bias.data().asnumpy() == 0)


def test_data_is_the_parameters_own_array():
    net = run("default").ns["net"]
    assert net[0].weight.data() is net[0].weight.data()
    w = net[0].weight.data()
    w *= 2  # changes the parameter itself
    np.testing.assert_array_equal(net[0].weight.data().asnumpy(), w.asnumpy())
    net[0].bias.data()[1] = 5
    assert net[0].bias.data().asnumpy()[1] == 5
