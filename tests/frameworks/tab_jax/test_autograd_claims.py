"""What 자동 미분 (autograd.md) says, checked against its JAX tab."""
import jax
import numpy as np
import pytest
from jax import numpy as jnp

import prelim_claims as pc

TAB = "jax"


def run(demo):
    return pc.run(TAB, pc.AUTOGRAD, demo)


def test_grad_returns_the_gradient_and_changes_nothing():
    sec = run("simple")
    assert np.array_equal(np.asarray(sec.ns["x_grad"]), 3 * pc.X ** 2)
    assert np.array_equal(np.asarray(sec.ns["x"]), pc.X) and not hasattr(sec.ns["x"], "grad")


def test_grad_is_with_respect_to_the_first_argument():
    g = jax.grad(lambda a, b: a * a * b)(3.0, 5.0)
    assert float(g) == 30.0  # d/da a^2 b, not d/db (9)


def test_gradient_of_the_sum_is_ones():
    sec = run("second")
    assert np.array_equal(np.asarray(jax.grad(lambda x: x.sum())(sec.ns["x"])), np.ones(4))


def test_grad_takes_only_scalar_functions():
    sec = run("nonscalar")
    assert sec.printed == "jax.grad는 스칼라를 돌려주는 함수만 받습니다\n"
    with pytest.raises(TypeError):
        jax.grad(lambda x: x * x)(sec.ns["x"])
    assert np.array_equal(np.asarray(jax.grad(lambda x: (x * x).sum())(sec.ns["x"])), 2 * pc.X)


def test_stop_gradient_part_gets_no_gradient():
    sec = run("detach")
    assert np.array_equal(np.asarray(sec.ns["x_grad"]), pc.X ** 2)
    assert float(sec.ns["detached"](jnp.arange(4.0))) == float((pc.X ** 3).sum())  # values unchanged


def test_y_keeps_its_own_gradient():
    sec = run("detach_y")
    assert np.array_equal(np.asarray(sec.ns["y_grad"]), 2 * pc.X)


def test_control_flow_under_grad_but_not_under_jit():
    sec = run("control")
    ns = sec.ns
    lines = sec.printed.splitlines()
    assert lines[1] == "jit으로 컴파일하는 함수에서는 값에 따라 갈라지는 if와 while을 쓸 수 없습니다"
    for a in [float(ns["a"]), 0.01, -0.7, 5.0, 150.0, -42.0]:
        assert float(jax.grad(ns["grow"])(jnp.float32(a))) == pc.grow_factor(a), a
    with pytest.raises(jax.errors.TracerBoolConversionError):
        jax.jit(ns["grow"])(jnp.float32(1.0))
