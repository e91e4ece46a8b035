"""Claims the MXNet tab of "지연 초기화" makes, checked against the section's own code."""

import numpy as onp
import pytest
from mxnet import gluon, init, np, npx
from mxnet.base import MXNetError
from mxnet.gluon import nn

from section import chapter, run_demo, Section

npx.set_np()
PATH = chapter("lazy-init")
DEMOS = ["imports", "before", "after", "fixed_shape"]


def run(demo):
    return run_demo("mxnet", PATH, DEMOS, demo)


def shapes(net):
    return [p.shape for p in net.collect_params().values()]


def test_every_demo_is_in_the_tab():
    assert len(Section("mxnet", PATH).cells) == len(DEMOS)


def test_before_the_first_input_unknown_dimensions_are_minus_one():
    sec = run("before")
    net = sec.ns["net"]
    assert shapes(net) == [(256, -1), (256,), (10, -1), (10,)]
    with pytest.raises(gluon.parameter.DeferredInitializationError):
        net[0].weight.data()
    assert sec.stdout[-1].splitlines() == ["Dense(-1 -> 256, Activation(relu))", "[(256, -1), (256,), (10, -1), (10,)]",
                                           "초기화가 첫 순전파까지 미루어졌습니다"]


def test_after_the_first_input_shapes_are_inferred():
    sec = run("after")
    net, X = sec.ns["net"], sec.ns["X"]
    assert X.shape == (2, 20) and X.asnumpy().min() >= 0 and X.asnumpy().max() < 1
    assert shapes(net) == [(256, 20), (256,), (10, 256), (10,)]
    assert net[0].weight.data().shape == (256, 20)
    assert sec.stdout[-1].splitlines() == ["Dense(20 -> 256, Activation(relu))"]


def test_the_recorded_initializer_is_used_at_the_first_input():
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    net.initialize(init.Constant(3))
    net(np.ones((2, 20)))
    assert onp.all(net[0].weight.data().asnumpy() == 3) and onp.all(net[1].weight.data().asnumpy() == 3)


def test_the_book_network_gets_default_values_at_the_first_input():
    w = run("after").ns["net"][0].weight.data().asnumpy()
    assert onp.abs(w).max() <= 0.07 and onp.abs(w).max() > 0.06 and onp.unique(w).size > 1000


def test_a_different_input_size_is_refused():
    sec = run("fixed_shape")
    assert sec.stdout[-1].splitlines() == ["오류: MXNetError"]
    with pytest.raises(MXNetError, match=r"Provided = \[256,20\], inferred shape=\(256,30\)"):
        sec.ns["net"](np.ones((2, 30)))
    assert shapes(sec.ns["net"]) == [(256, 20), (256,), (10, 256), (10,)]


def test_parameter_objects_exist_before_initialize_only_their_values_wait():
    """lazy-init: the Parameter objects are there from the start; initialize records the
    initializer, and the arrays are made at the first forward pass."""
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    before = list(net.collect_params().values())
    assert len(before) == 4 and all(isinstance(p, gluon.Parameter) for p in before)
    net.initialize()
    assert list(net.collect_params().values()) == before  # the same objects
    with pytest.raises(gluon.parameter.DeferredInitializationError):
        before[0].data()
    net(np.ones((2, 20)))
    assert before[0].data().shape == (256, 20)
