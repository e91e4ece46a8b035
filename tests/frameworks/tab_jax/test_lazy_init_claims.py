"""Claims the JAX tab of "지연 초기화" makes, checked against the section's own code."""

import jax
import pytest
import numpy as np
from flax import errors
from flax import linen as nn
from jax import numpy as jnp

from section import chapter, run_demo, Section

PATH = chapter("lazy-init")
DEMOS = ["imports", "before", "after", "fixed_shape", "apply_init"]


def run(demo):
    return run_demo("jax", PATH, DEMOS, demo)


def shapes(tree):
    return jax.tree_util.tree_map(jnp.shape, tree)


EXPECTED = {"params": {"layers_0": {"kernel": (20, 256), "bias": (256,)},
                       "layers_2": {"kernel": (256, 10), "bias": (10,)}}}


def test_every_demo_is_in_the_tab():
    assert len(Section("jax", PATH).cells) == len(DEMOS)


def test_the_module_holds_no_parameters():
    sec = run("before")
    net = sec.ns["net"]
    assert not any(isinstance(v, jax.Array) for v in vars(net).values())
    with pytest.raises(ValueError, match="unbound"):
        net.variables


def test_eval_shape_gives_the_shapes_without_arrays():
    sec = run("before")
    leaves = jax.tree_util.tree_leaves(sec.ns["shapes"])
    assert leaves and all(isinstance(x, jax.ShapeDtypeStruct) for x in leaves)
    assert not any(isinstance(x, jax.Array) for x in leaves)
    assert shapes(sec.ns["shapes"]) == EXPECTED


def test_init_makes_the_tree_the_shapes_foretold():
    sec = run("after")
    X, params = sec.ns["X"], sec.ns["params"]
    assert X.shape == (2, 20) and float(X.min()) >= 0 and float(X.max()) < 1
    assert shapes(params) == EXPECTED == shapes(sec.ns["shapes"])
    assert all(isinstance(x, jax.Array) for x in jax.tree_util.tree_leaves(params))


def test_the_tree_is_refused_for_another_input_size_but_init_adapts():
    sec = run("fixed_shape")
    net, params = sec.ns["net"], sec.ns["params"]
    assert sec.stdout[-1].splitlines() == ["오류: ScopeParamShapeError"]
    with pytest.raises(errors.ScopeParamShapeError, match=r"shape \(30, 256\).*shape \(20, 256\)"):
        net.apply(params, jnp.ones((2, 30)))
    assert shapes(sec.ns["params30"])["params"]["layers_0"]["kernel"] == (30, 256)
    assert shapes(params) == EXPECTED  # the old tree is as it was
    assert net.apply(sec.ns["params30"], sec.ns["X30"]).shape == (2, 10)


def test_apply_init_is_init_with_an_example_input():
    sec = run("apply_init")
    params = sec.ns["small_params"]
    shapes = jax.tree_util.tree_map(jnp.shape, params)
    assert shapes == {"params": {"layers_0": {"kernel": (12, 64), "bias": (64,)},
                                 "layers_2": {"kernel": (64, 5), "bias": (5,)}}}
    bound = (6 / (12 + 64)) ** 0.5  # the kernel_init given to the layer: Xavier uniform
    w = np.asarray(params["params"]["layers_0"]["kernel"])
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.9 * bound
    key = jax.random.PRNGKey(3)
    same = sec.ns["apply_init"](sec.ns["small"], (jnp.ones((3, 12)),), key)
    assert jax.tree_util.tree_all(jax.tree_util.tree_map(
        lambda a, b: bool(jnp.array_equal(a, b)), same, sec.ns["small"].init(key, jnp.ones((3, 12)))))


def test_apply_init_is_in_the_d2l_package():
    from d2l import jax as d2l
    params = d2l.apply_init(nn.Dense(3), (jnp.ones((2, 7)),), jax.random.PRNGKey(0))
    assert params["params"]["kernel"].shape == (7, 3)
