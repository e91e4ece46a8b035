"""What "사용자 정의 레이어" (custom-layer.md) says, checked against its PyTorch tab."""

import numpy as np
import torch

from section import chapter, run_demo, Section

PATH = chapter("custom-layer")
DEMOS = ["imports", "centered", "centered_net", "my_dense", "dense_forward", "dense_net"]


def run(demo):
    return run_demo("pytorch", PATH, DEMOS, demo)


def test_every_demo_is_in_the_tab():
    assert len(Section("pytorch", PATH).cells) == len(DEMOS)


def test_centering_subtracts_the_mean_and_has_no_parameters():
    sec = run("centered")
    layer = sec.ns["layer"]
    out = layer(torch.tensor([1.0, 2, 3, 4, 5]))
    np.testing.assert_array_equal(out.numpy(), [-2, -1, 0, 1, 2])
    assert list(layer.parameters()) == []


def test_centered_network_output_has_mean_zero():
    sec = run("centered_net")
    Y, net = sec.ns["Y"], sec.ns["net"]
    assert tuple(Y.shape) == (4, 128)
    assert abs(float(Y.detach().mean())) < 1e-6
    # the centering layer is what makes it zero: the dense layer's own output is not centered
    dense_out = net[0](torch.rand(4, 8))
    assert abs(float(dense_out.detach().mean())) > 1e-3


def test_my_linear_registers_weight_and_bias():
    sec = run("my_dense")
    dense = sec.ns["dense"]
    shapes = {name: tuple(p.shape) for name, p in dense.named_parameters()}
    assert shapes == {"weight": (5, 3), "bias": (3,)}  # (inputs, outputs), unlike nn.Linear
    assert all(p.requires_grad for p in dense.parameters())
    assert torch.all(dense.bias == 0)


def test_weights_are_standard_normal():
    sec = run("my_dense")
    w = sec.ns["MyLinear"](300, 700).weight.detach().numpy()
    assert abs(w.mean()) < 0.01 and abs(w.std() - 1) < 0.01


def test_forward_is_relu_of_xw_plus_b():
    sec = run("dense_forward")
    dense = sec.ns["dense"]
    X = torch.randn(6, 5)
    w, b = dense.weight.detach().numpy(), dense.bias.detach().numpy()
    out = dense(X).detach().numpy()
    assert out.shape == (6, 3) and out.min() >= 0
    np.testing.assert_allclose(out, np.maximum(X.numpy() @ w + b, 0), rtol=1e-5, atol=1e-6)


def test_stacked_custom_layers():
    sec = run("dense_net")
    net = sec.ns["net"]
    shapes = [tuple(p.shape) for p in net.parameters()]
    assert shapes == [(64, 8), (8,), (8, 1), (1,)]
    out = net(torch.rand(2, 64))
    assert tuple(out.shape) == (2, 1) and float(out.detach().min()) >= 0


def test_outputs_repeat_with_the_seed():
    runs = [run("dense_net").ns["net"][0].weight.detach().numpy() for _ in range(2)]
    np.testing.assert_array_equal(*runs)
