"""What 자동 미분 (autograd.md) says, checked against its MXNet tab."""
import numpy as np
from mxnet import autograd, np as mnp, npx

import prelim_claims as pc

TAB = "mxnet"
npx.set_np()


def run(demo):
    return pc.run(TAB, pc.AUTOGRAD, demo)


def test_gradient_is_three_x_squared():
    sec = run("simple")
    assert np.array_equal(sec.ns["x"].grad.asnumpy(), 3 * pc.X ** 2)


def test_only_recorded_computation_has_a_gradient():
    x = mnp.arange(4.0)
    x.attach_grad()
    y = (x ** 3).sum()  # outside autograd.record()
    try:
        y.backward()
        raised = False
    except Exception:  # MXNetError: nothing was recorded
        raised = True
    assert raised and np.array_equal(x.grad.asnumpy(), np.zeros(4))


def test_backward_overwrites_the_gradient():
    sec = run("second")
    assert np.array_equal(sec.ns["x"].grad.asnumpy(), np.ones(4))  # not 3x^2 + 1


def test_vector_backward_is_the_gradient_of_the_sum():
    sec = run("nonscalar")
    assert np.array_equal(sec.ns["x"].grad.asnumpy(), 2 * pc.X)


def test_a_detached_part_gets_no_gradient():
    sec = run("detach")
    ns = sec.ns
    assert np.array_equal(ns["x"].grad.asnumpy(), pc.X ** 2)
    assert np.array_equal(ns["u"].asnumpy(), ns["y"].asnumpy())  # same values


def test_y_keeps_its_own_gradient():
    sec = run("detach_y")
    assert np.array_equal(sec.ns["x"].grad.asnumpy(), 2 * pc.X)


def test_control_flow_gradient_is_the_constant_factor():
    sec = run("control")
    ns = sec.ns
    for a in [float(ns["a"]), 0.01, -0.7, 5.0, 150.0, -42.0]:
        t = mnp.array(a)
        t.attach_grad()
        with autograd.record():
            d = ns["grow"](t)
        d.backward()
        assert float(t.grad) == pc.grow_factor(a), a
