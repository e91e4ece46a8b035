"""Claims the PyTorch tab of "파라미터 관리" makes, checked against the section's own code."""
import copy

import torch
from torch import nn

from section import chapter, run_demo, Section

PATH = chapter("parameters")
DEMOS = ["imports", "network", "one_parameter", "gradient", "all_parameters", "tied", "tied_grad"]


def run(demo):
    return run_demo("pytorch", PATH, DEMOS, demo)


def test_every_demo_is_in_the_tab():
    assert len(Section("pytorch", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("network")
    X, net = sec.ns["X"], sec.ns["net"]
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    assert [tuple(p.shape) for p in net.parameters()] == [(256, 20), (256,), (10, 256), (10,)]
    assert net(X).shape == (2, 10)


def test_one_parameter_its_value_and_no_gradient_yet():
    sec = run("one_parameter")
    bias = sec.ns["net"][2].bias
    assert isinstance(sec.ns["net"][1], nn.ReLU)  # so the output layer is net[2]
    assert type(bias) is nn.Parameter and isinstance(bias, torch.Tensor) and bias.shape == (10,)
    assert bias.requires_grad and not bias.data.requires_grad
    assert bias.grad is None
    assert sec.stdout[-1].splitlines()[0] == "Parameter torch.Size([10])"
    assert sec.stdout[-1].splitlines()[-1] == "None"


def test_gradient_of_the_summed_output_is_the_number_of_examples():
    sec = run("gradient")
    grad = sec.ns["net"][2].bias.grad
    assert torch.equal(grad, torch.full((10,), float(sec.ns["X"].shape[0])))


def test_all_parameters_by_name():
    sec = run("all_parameters")
    net = sec.ns["net"]
    assert sec.stdout[-1].splitlines() == ["0.weight torch.Size([256, 20])", "0.bias torch.Size([256])",
                                           "2.weight torch.Size([10, 256])", "2.bias torch.Size([10])"]
    assert torch.equal(net.state_dict()["2.bias"], net[2].bias.data)


def test_tied_layers_are_one_object_and_an_edit_shows_in_both():
    sec = run("tied")
    net, shared = sec.ns["net"], sec.ns["shared"]
    assert net[2] is shared and net[4] is shared and net[2].weight is net[4].weight
    assert net[4].weight[0, 0].item() == 100
    assert sec.stdout[-1].splitlines() == ["True", "tensor(100.)"]
    assert len(list(net.parameters())) == 6
    assert [n for n, _ in net.named_parameters()] == ["0.weight", "0.bias", "2.weight", "2.bias", "6.weight", "6.bias"]
    assert {"2.weight", "4.weight"} <= set(net.state_dict())


def test_whole_deepcopy_keeps_the_tie_but_module_by_module_does_not():
    sec = run("tied_grad")
    net, twin = sec.ns["net"], sec.ns["twin"]
    whole = copy.deepcopy(net)
    assert whole[2].weight is whole[4].weight
    assert twin[2].weight is not twin[4].weight
    assert torch.equal(twin[2].weight, net[2].weight) and torch.equal(twin[4].weight, net[2].weight)


def test_tied_gradient_is_the_sum_of_the_two_uses():
    sec = run("tied_grad")
    assert sec.stdout[-1].splitlines() == ["True"]
    net, twin, X = sec.ns["net"], sec.ns["twin"], sec.ns["X"]
    # recompute from zero, independently of the cell
    for m in (net, twin):
        m.zero_grad()
        m(X).sum().backward()
    first, second = twin[2].weight.grad, twin[4].weight.grad
    assert first.abs().sum() > 0 and second.abs().sum() > 0 and not torch.allclose(first, second)
    torch.testing.assert_close(net[2].weight.grad, first + second)
    assert not torch.allclose(net[2].weight.grad, first) and not torch.allclose(net[2].weight.grad, second)
    torch.testing.assert_close(sec.ns["shared"].weight.grad, sec.ns["grad_sum"])


def test_outputs_repeat_with_the_seed():
    a, b = (run("tied") for _ in range(2))
    assert torch.equal(a.ns["net"](a.ns["X"]), b.ns["net"](b.ns["X"]))
