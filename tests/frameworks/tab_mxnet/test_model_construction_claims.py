"""Claims the MXNet tab of "레이어와 모듈" makes, checked against the section's own code."""

import warnings

import numpy as onp
import pytest
from mxnet import autograd, gluon, np, npx
from mxnet.gluon import nn

from section import chapter, run_demo, Section

npx.set_np()
PATH = chapter("model-construction")
DEMOS = ["imports", "sequential", "mlp", "my_sequential", "fixed_weight", "nested"]


def run(demo):
    return run_demo("mxnet", PATH, DEMOS, demo)


def shapes(block):
    return [p.shape for p in block.collect_params().values()]


def test_every_block_is_an_nn_block():
    for cls in (nn.Dense, nn.Sequential, nn.Activation):
        assert issubclass(cls, nn.Block)


def test_every_demo_is_in_the_tab():
    assert len(Section("mxnet", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("sequential")
    X = sec.ns["X"].asnumpy()
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    net = sec.ns["net"]
    assert shapes(net) == [(256, 20), (256,), (10, 256), (10,)]
    assert net(sec.ns["X"]).shape == (2, 10)


def test_initialize_needs_no_input_count():
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    net.initialize()
    assert net[0].weight.shape == (256, -1)  # unknown until the first input
    net(np.ones((2, 20)))
    assert net[0].weight.shape == (256, 20)


def test_mlp_attributes_are_registered_children():
    sec = run("mlp")
    net = sec.ns["net"]
    assert shapes(net) == [(256, 20), (256,), (10, 256), (10,)]
    assert net.hidden.weight.shape == (256, 20) and net.out.weight.shape == (10, 256)
    assert net(sec.ns["X"]).shape == (2, 10)


def test_super_init_must_come_first():
    class Early(nn.Block):
        def __init__(self):
            self.layer = nn.Dense(2)
            super().__init__()

    try:
        Early()
    except AttributeError:
        return
    raise AssertionError("a child assigned before Block.__init__ was accepted")


def test_my_sequential_registers_in_order():
    sec = run("my_sequential")
    net, X = sec.ns["net"], sec.ns["X"]
    assert shapes(net) == [(256, 20), (256,), (10, 256), (10,)]
    first, last = net.blocks
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # registered as well as listed: Gluon has nothing to warn about
        net.collect_params()
    onp.testing.assert_allclose(net(X).asnumpy(), last(first(X)).asnumpy())


def test_a_plain_list_is_not_found_or_initialized():
    class ListOnly(nn.Block):
        def __init__(self, *blocks):
            super().__init__()
            self.blocks = list(blocks)

        def forward(self, X):
            for block in self.blocks:
                X = block(X)
            return X

    net = ListOnly(nn.Dense(10))
    with pytest.warns(UserWarning, match="unregistered container with Blocks"):
        assert list(net.collect_params().keys()) == []
    with pytest.warns(UserWarning, match="unregistered container with Blocks"):
        net.initialize()
    try:
        net(np.ones((2, 20)))
    except RuntimeError as e:  # the Dense inside was never initialized
        assert "not been initialized" in str(e)
    else:
        raise AssertionError("the unregistered block was initialized")


def _fixed_reference(net, X):
    W1, b1 = net.hidden.weight.data().asnumpy(), net.hidden.bias.data().asnumpy()
    W2, b2 = net.out.weight.data().asnumpy(), net.out.bias.data().asnumpy()
    H = onp.maximum(X @ W1.T + b1, 0)
    O = onp.maximum(H @ net.C.data().asnumpy() + 1, 0) @ W2.T + b2
    halvings = 0
    while onp.linalg.norm(O) > 1:
        O, halvings = O / 2, halvings + 1
    return O.sum(), halvings


def test_fixed_weight_mlp_computes_what_the_text_says():
    sec = run("fixed_weight")
    net, X = sec.ns["net"], sec.ns["X"]
    expected, halvings = _fixed_reference(net, X.asnumpy())
    assert halvings > 0  # the loop really runs on the book's input
    onp.testing.assert_allclose(float(net(X)), expected, rtol=1e-5)


def test_constant_is_listed_but_has_no_gradient_and_is_not_trained():
    sec = run("fixed_weight")
    net, X = sec.ns["net"], sec.ns["X"]
    params = net.collect_params()
    assert net.C in list(params.values()) and net.C.shape == (20, 20)
    assert net.C.grad_req == "null"
    assert all(p.grad_req == "write" for p in params.values() if p is not net.C)
    C, W = net.C.data().asnumpy().copy(), net.hidden.weight.data().asnumpy().copy()
    trainer = gluon.Trainer(params, "sgd", {"learning_rate": 0.1})
    with autograd.record():
        loss = net(X)
    loss.backward()
    trainer.step(1)
    onp.testing.assert_array_equal(net.C.data().asnumpy(), C)
    assert not onp.array_equal(net.hidden.weight.data().asnumpy(), W)  # the trained weights did move


def test_nested_modules_compose():
    sec = run("nested")
    nested, X = sec.ns["nested"], sec.ns["X"]
    nest, dense, fixed = nested.blocks
    assert shapes(nest) == [(128, 20), (128,), (64, 128), (64,), (32, 64), (32,)]
    out = nested(X)
    assert out.shape == ()
    onp.testing.assert_allclose(float(out), float(fixed(dense(nest(X)))), rtol=1e-6)


def test_outputs_repeat_with_the_seed():
    a, b = (run("nested") for _ in range(2))
    assert float(a.ns["nested"](a.ns["X"])) == float(b.ns["nested"](b.ns["X"]))
