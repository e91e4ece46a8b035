"""Claims the PyTorch tab of "레이어와 모듈" makes, checked against the section's own code."""

import numpy as np
import pytest
import torch
from torch import nn

from section import chapter, run_demo, Section

PATH = chapter("model-construction")
DEMOS = ["imports", "sequential", "mlp", "my_sequential", "fixed_weight", "nested"]


def run(demo):
    return run_demo("pytorch", PATH, DEMOS, demo)


def shapes(module):
    return [(name, tuple(p.shape)) for name, p in module.named_parameters()]


def test_every_module_is_an_nn_module():
    for cls in (nn.Linear, nn.ReLU, nn.Sequential, nn.LazyLinear):
        assert issubclass(cls, nn.Module)


def test_every_demo_is_in_the_tab():
    assert len(Section("pytorch", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("sequential")
    X = sec.ns["X"]
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    net = sec.ns["net"]
    assert isinstance(net[1], nn.ReLU)  # ReLU takes a place of its own
    assert shapes(net) == [("0.weight", (256, 20)), ("0.bias", (256,)), ("2.weight", (10, 256)), ("2.bias", (10,))]
    assert net(X).shape == (2, 10)


def test_call_runs_forward():
    sec = run("mlp")
    net, X = sec.ns["net"], sec.ns["X"]
    torch.testing.assert_close(net(X), net.forward(X), rtol=0, atol=0)


def test_sequential_forward_is_pytorchs_own():
    """model-construction: nn.Sequential's forward is PyTorch's, which calls the modules in turn."""
    sec = run("sequential")
    net, X = sec.ns["net"], sec.ns["X"]
    assert type(net) is nn.Sequential and type(net).forward is nn.Sequential.forward
    H = X
    for module in net:
        H = module(H)
    torch.testing.assert_close(net(X), H, rtol=0, atol=0)


def test_mlp_attributes_are_registered_submodules():
    sec = run("mlp")
    net = sec.ns["net"]
    assert shapes(net) == [("hidden.weight", (256, 20)), ("hidden.bias", (256,)),
                           ("out.weight", (10, 256)), ("out.bias", (10,))]
    assert net(sec.ns["X"]).shape == (2, 10)


def test_super_init_must_come_first():
    class Early(nn.Module):
        def __init__(self):
            self.layer = nn.Linear(2, 2)
            super().__init__()

    with pytest.raises(AttributeError, match="before Module.__init__"):
        Early()


def test_my_sequential_registers_in_order():
    sec = run("my_sequential")
    net = sec.ns["net"]
    assert shapes(net) == [("0.weight", (256, 20)), ("0.bias", (256,)), ("2.weight", (10, 256)), ("2.bias", (10,))]
    assert [type(m) for m in net.children()] == [nn.Linear, nn.ReLU, nn.Linear]
    X = sec.ns["X"]
    first, _, last = net.children()
    expected = last(torch.relu(first(X)))
    torch.testing.assert_close(net(X), expected)


def test_a_plain_list_registers_nothing():
    class ListOnly(nn.Module):
        def __init__(self, *modules):
            super().__init__()
            self.modules_list = list(modules)

    assert list(ListOnly(nn.Linear(20, 256)).parameters()) == []


def _fixed_reference(net, X):
    W1, b1 = net.hidden.weight.detach().numpy(), net.hidden.bias.detach().numpy()
    W2, b2 = net.out.weight.detach().numpy(), net.out.bias.detach().numpy()
    H = np.maximum(X @ W1.T + b1, 0)
    O = np.maximum(H @ net.C.numpy() + 1, 0) @ W2.T + b2
    halvings = 0
    while np.linalg.norm(O) > 1:
        O, halvings = O / 2, halvings + 1
    return O.sum(), halvings


def test_fixed_weight_mlp_computes_what_the_text_says():
    sec = run("fixed_weight")
    net, X = sec.ns["net"], sec.ns["X"]
    expected, halvings = _fixed_reference(net, X.numpy())
    assert halvings > 0  # the loop really runs on the book's input
    np.testing.assert_allclose(net(X).item(), expected, rtol=1e-5)


def test_fixed_weight_is_not_a_parameter_and_is_not_trained():
    sec = run("fixed_weight")
    net, X = sec.ns["net"], sec.ns["X"]
    assert net.C.shape == (20, 20) and not net.C.requires_grad
    assert all(p is not net.C for p in net.parameters())
    assert [name for name, _ in net.named_parameters()] == ["hidden.weight", "hidden.bias", "out.weight", "out.bias"]
    # a buffer: in state_dict, and it follows the module's `to` (dtype here; the device alike)
    assert dict(net.named_buffers())["C"] is net.C and torch.equal(net.state_dict()["C"], net.C)
    plain = nn.Module()
    plain.C = torch.rand(2, 2)  # a plain tensor attribute misses both
    assert "C" not in plain.state_dict()
    assert plain.to(torch.float64).C.dtype == torch.float32
    assert net.to(torch.float64).C.dtype == torch.float64
    net.to(torch.float32)
    C, W = net.C.clone(), net.hidden.weight.detach().clone()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    net(X).backward()
    optimizer.step()
    assert net.C.grad is None and torch.equal(net.C, C)
    assert not torch.equal(net.hidden.weight.detach(), W)  # the trained weights did move


def test_nested_modules_compose():
    sec = run("nested")
    nested, X = sec.ns["nested"], sec.ns["X"]
    nest, dense, fixed = nested.children()
    assert [tuple(p.shape) for p in nest.parameters()] == [(128, 20), (128,), (64, 128), (64,), (32, 64), (32,)]
    out = nested(X)
    assert out.shape == ()
    torch.testing.assert_close(out, fixed(dense(nest(X))))


def test_outputs_repeat_with_the_seed():
    a, b = (run("nested") for _ in range(2))
    assert a.ns["nested"](a.ns["X"]).item() == b.ns["nested"](b.ns["X"]).item()
