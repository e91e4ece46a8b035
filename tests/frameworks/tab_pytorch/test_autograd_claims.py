"""What 자동 미분 (autograd.md) says, checked against its PyTorch tab."""
import numpy as np
import pytest
import torch

import prelim_claims as pc

TAB = "pytorch"


def run(demo):
    return pc.run(TAB, pc.AUTOGRAD, demo)


def test_gradient_is_three_x_squared_and_none_before_backward():
    sec = run("simple")
    assert sec.printed == "None\n"
    assert np.array_equal(sec.ns["x"].grad.numpy(), 3 * pc.X ** 2)
    assert sec.ns["x"].requires_grad


def test_gradients_accumulate_until_zeroed():
    sec = run("second")
    assert sec.printed.startswith("tensor([ 1.,  4., 13., 28.])")  # 3x^2 + 1
    assert np.array_equal(sec.ns["x"].grad.numpy(), np.ones(4))


def test_vector_backward_needs_a_gradient_argument():
    sec = run("nonscalar")
    assert sec.printed.startswith("벡터 출력에는 gradient 인자가 필요합니다")
    assert np.array_equal(sec.ns["x"].grad.numpy(), 2 * pc.X)
    y = sec.ns["x"] * sec.ns["x"]
    with pytest.raises(RuntimeError):
        y.backward()


def test_the_gradient_argument_weights_the_outputs():
    x = torch.arange(4.0, requires_grad=True)
    v = torch.tensor([1.0, -2.0, 0.5, 3.0])
    (x * x).backward(gradient=v)
    assert np.allclose(x.grad.numpy(), v.numpy() * 2 * pc.X)  # the gradient of v^T y


def test_a_detached_part_gets_no_gradient():
    sec = run("detach")
    ns = sec.ns
    assert not ns["u"].requires_grad and ns["u"].grad_fn is None
    assert np.array_equal(ns["x"].grad.numpy(), pc.X ** 2)  # u, not 3x^2
    assert not np.array_equal(ns["x"].grad.numpy(), 3 * pc.X ** 2)


def test_y_keeps_its_own_gradient():
    sec = run("detach_y")
    assert np.array_equal(sec.ns["x"].grad.numpy(), 2 * pc.X)


def test_control_flow_gradient_is_the_constant_factor():
    sec = run("control")
    ns = sec.ns
    for a in [float(ns["a"].detach()), 0.01, -0.7, 5.0, 150.0, -42.0]:
        t = torch.tensor(a, requires_grad=True)
        ns["grow"](t).backward()
        assert float(t.grad) == pc.grow_factor(a), a
