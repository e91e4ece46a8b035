"""Claims the MXNet tab of "파라미터 관리" makes, checked against the section's own code."""
import re

import mxnet as mx
import numpy as onp
from mxnet import autograd, gluon, npx
from mxnet.gluon import nn

from section import chapter, Section

npx.set_np()
PATH = chapter("parameters")
DEMOS = ["imports", "network", "one_parameter", "gradient", "all_parameters", "tied", "tied_grad"]


def run(demo):
    """As in a fresh notebook: Gluon's automatic names start again from 0."""
    sec = Section("mxnet", PATH)
    with mx.name.NameManager():
        sec.run_through(DEMOS.index(demo))
    return sec


def test_every_demo_is_in_the_tab():
    assert len(Section("mxnet", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("network")
    X, net = sec.ns["X"], sec.ns["net"]
    assert X.shape == (2, 20) and X.asnumpy().min() >= 0 and X.asnumpy().max() < 1
    assert [p.shape for p in net.collect_params().values()] == [(256, 20), (256,), (10, 256), (10,)]
    assert net(X).shape == (2, 10)


def test_one_parameter_its_value_and_a_zero_gradient_before_backward():
    sec = run("one_parameter")
    bias = sec.ns["net"][1].bias
    assert isinstance(bias, gluon.Parameter) and bias.shape == (10,) and bias.grad_req == "write"
    assert onp.all(bias.data().asnumpy() == 0)  # the default bias
    assert onp.all(bias.grad().asnumpy() == 0)
    assert sec.stdout[-1].splitlines()[0] == "Parameter dense1_bias (shape=(10,), dtype=float32)"


def test_gradient_of_the_summed_output_is_the_number_of_examples():
    sec = run("gradient")
    grad = sec.ns["net"][1].bias.grad().asnumpy()
    assert onp.array_equal(grad, onp.full(10, float(sec.ns["X"].shape[0])))


def test_all_parameters_by_name():
    sec = run("all_parameters")
    params = sec.ns["net"].collect_params()
    assert list(params.keys()) == ["dense0_weight", "dense0_bias", "dense1_weight", "dense1_bias"]
    assert params["dense1_bias"] is sec.ns["net"][1].bias
    assert sec.stdout[-1].splitlines() == ["dense0_weight (256, 20)", "dense0_bias (256,)",
                                           "dense1_weight (10, 256)", "dense1_bias (10,)"]


def test_names_are_numbered_in_order_of_creation():
    with mx.name.NameManager():
        a, b = nn.Dense(3), nn.Dense(3)
    first, second = (int(re.fullmatch(r"dense(\d+)", x.name).group(1)) for x in (a, b))
    assert (first, second) == (0, 1)
    assert a.weight.name == "dense0_weight" and a.bias.name == "dense0_bias"


def test_tied_layers_are_one_object_and_an_edit_shows_in_both():
    sec = run("tied")
    net, shared = sec.ns["net"], sec.ns["shared"]
    assert net[1] is shared and net[2] is shared and net[1].weight is net[2].weight
    assert float(net[2].weight.data()[0, 0]) == 100
    assert sec.stdout[-1].splitlines() == ["True", "100.0"]
    assert len(list(net.collect_params().keys())) == 6


def test_tied_gradient_is_the_sum_of_the_two_uses():
    sec = run("tied_grad")
    assert sec.stdout[-1].splitlines() == ["True"]
    net, twin, X, shared = sec.ns["net"], sec.ns["twin"], sec.ns["X"], sec.ns["shared"]
    assert twin[1].weight is not twin[2].weight
    for i in (1, 2):
        onp.testing.assert_array_equal(twin[i].weight.data().asnumpy(), shared.weight.data().asnumpy())
    # recompute from zero, independently of the cell
    for m in (net, twin):
        with autograd.record():
            loss = m(X).sum()
        loss.backward()
    first, second = twin[1].weight.grad().asnumpy(), twin[2].weight.grad().asnumpy()
    assert onp.abs(first).sum() > 0 and onp.abs(second).sum() > 0 and not onp.allclose(first, second)
    tied = shared.weight.grad().asnumpy()
    onp.testing.assert_allclose(tied, first + second, rtol=1e-5, atol=1e-6)
    assert not onp.allclose(tied, first) and not onp.allclose(tied, second)


def test_outputs_repeat_with_the_seed():
    a, b = (run("tied") for _ in range(2))
    onp.testing.assert_array_equal(a.ns["net"](a.ns["X"]).asnumpy(), b.ns["net"](b.ns["X"]).asnumpy())
