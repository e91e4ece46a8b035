"""Claims the PyTorch tab of "지연 초기화" makes, checked against the section's own code."""

import pytest
import torch
from torch import nn

from section import chapter, run_demo, Section

PATH = chapter("lazy-init")
DEMOS = ["imports", "before", "after", "fixed_shape", "apply_init"]


def run(demo):
    return run_demo("pytorch", PATH, DEMOS, demo)


def test_every_demo_is_in_the_tab():
    assert len(Section("pytorch", PATH).cells) == len(DEMOS)


def test_linear_needs_the_input_count_lazy_linear_does_not():
    with pytest.raises(TypeError):
        nn.Linear(256)
    assert nn.LazyLinear(256).out_features == 256


def test_before_the_first_input_parameters_are_uninitialized():
    sec = run("before")
    net = sec.ns["net"]
    assert type(net[0]) is nn.LazyLinear and net[0].in_features == 0
    for p in net.parameters():
        assert isinstance(p, nn.parameter.UninitializedParameter)
        with pytest.raises(RuntimeError):
            p.shape
    assert sec.stdout[-1].splitlines() == ["LazyLinear(in_features=0, out_features=256, bias=True)",
                                           "UninitializedParameter", "파라미터가 아직 만들어지지 않았습니다"]


def test_after_the_first_input_lazy_linear_becomes_linear():
    sec = run("after")
    net, X = sec.ns["net"], sec.ns["X"]
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    assert type(net[0]) is nn.Linear and type(net[2]) is nn.Linear
    assert (net[0].in_features, net[2].in_features) == (20, 256)
    assert [tuple(p.shape) for p in net.parameters()] == [(256, 20), (256,), (10, 256), (10,)]
    assert not any(isinstance(p, nn.parameter.UninitializedParameter) for p in net.parameters())
    bound = 1 / 20 ** 0.5  # initialized as nn.Linear would be
    assert net[0].weight.abs().max() <= bound and net[0].weight.abs().max() > 0.9 * bound
    assert sec.stdout[-1].splitlines() == ["Linear(in_features=20, out_features=256, bias=True)"]


def test_a_different_input_size_is_refused():
    sec = run("fixed_shape")
    assert sec.stdout[-1].splitlines() == ["오류: RuntimeError"]
    with pytest.raises(RuntimeError, match=r"\(2x30 and 20x256\)"):
        sec.ns["net"](torch.rand(2, 30))
    assert sec.ns["net"][0].weight.shape == (256, 20)


def test_nn_init_cannot_fill_a_lazy_parameter_before_the_first_input():
    with pytest.raises((ValueError, RuntimeError)):
        nn.init.xavier_uniform_(nn.LazyLinear(5).weight)


def test_apply_init_makes_the_parameters_then_initializes_them():
    sec = run("apply_init")
    small, apply_init = sec.ns["small"], sec.ns["apply_init"]
    assert [type(m) for m in small] == [nn.Linear, nn.ReLU, nn.Linear]  # no lazy layer left
    assert small[0].weight.shape == (64, 12) and small[2].weight.shape == (5, 64)
    assert sec.stdout[-1] == "torch.Size([64, 12]) torch.Size([5, 64])\n"
    bound = (6 / (12 + 64)) ** 0.5  # Xavier's uniform bound for this layer
    w = small[0].weight.detach()
    assert w.abs().max() <= bound and w.abs().max() > 0.9 * bound
    assert all(torch.count_nonzero(m.bias) == 0 for m in (small[0], small[2]))
    assert not small[0].weight.requires_grad or small[0].weight.grad is None  # no gradient was recorded
    # without init_fn, only the forward pass: the framework's default values
    plain = apply_init(nn.Sequential(nn.LazyLinear(4)), (torch.rand(1, 9),))
    assert plain[0].weight.shape == (4, 9) and torch.count_nonzero(plain[0].bias) > 0


def test_apply_init_is_in_the_d2l_package():
    from d2l import torch as d2l
    net = d2l.apply_init(nn.Sequential(nn.LazyLinear(3)), (torch.ones(2, 7),))
    assert net[0].weight.shape == (3, 7)
