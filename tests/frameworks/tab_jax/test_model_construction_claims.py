"""Claims the JAX tab of "레이어와 모듈" makes, checked against the section's own code."""

import jax
import numpy as np
import pytest
from flax import linen as nn
from jax import numpy as jnp

from section import chapter, run_demo, Section

PATH = chapter("model-construction")
DEMOS = ["imports", "sequential", "mlp", "nnx", "my_sequential", "fixed_weight", "nested"]


def run(demo):
    return run_demo("jax", PATH, DEMOS, demo)


def shapes(tree):
    return jax.tree_util.tree_map(jnp.shape, tree)


def test_every_module_is_a_linen_module():
    for cls in (nn.Dense, nn.Sequential):
        assert issubclass(cls, nn.Module)
    sec = run("nested")
    for name in ("MLP", "MySequential", "FixedWeightMLP", "StackedMLP"):
        assert issubclass(sec.ns[name], nn.Module)


def test_every_demo_is_in_the_tab():
    assert len(Section("jax", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("sequential")
    X = np.asarray(sec.ns["X"])
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    assert shapes(sec.ns["params"]) == {"params": {"layers_0": {"kernel": (20, 256), "bias": (256,)},
                                                   "layers_2": {"kernel": (256, 10), "bias": (10,)}}}
    assert sec.ns["net"].apply(sec.ns["params"], sec.ns["X"]).shape == (2, 10)


def test_parameters_live_outside_the_module():
    sec = run("mlp")
    net, params = sec.ns["net"], sec.ns["params"]
    assert type(params) is dict
    assert not any(isinstance(v, jax.Array) for v in vars(net).values())
    with pytest.raises(ValueError, match="unbound"):
        net.variables  # the module object itself holds no variables


def test_mlp_tree_is_named_after_the_attributes():
    sec = run("mlp")
    printed = sec.stdout[-1]
    tree = shapes(sec.ns["params"])
    assert tree == {"params": {"hidden": {"kernel": (20, 256), "bias": (256,)},
                               "out": {"kernel": (256, 10), "bias": (10,)}}}
    assert printed.strip() == str(tree)


def test_modules_are_dataclasses():
    import dataclasses
    sec = run("my_sequential")
    assert dataclasses.is_dataclass(sec.ns["MLP"]) and dataclasses.is_dataclass(sec.ns["MySequential"])
    assert [f.name for f in dataclasses.fields(sec.ns["MySequential"]) if f.name == "blocks"] == ["blocks"]


def test_my_sequential_names_by_position_and_skips_functions():
    sec = run("my_sequential")
    net, params, X = sec.ns["net"], sec.ns["params"], sec.ns["X"]
    assert shapes(params) == {"params": {"blocks_0": {"kernel": (20, 256), "bias": (256,)},
                                         "blocks_2": {"kernel": (256, 10), "bias": (10,)}}}
    p = params["params"]
    expected = nn.relu(X @ p["blocks_0"]["kernel"] + p["blocks_0"]["bias"]) @ p["blocks_2"]["kernel"] + p["blocks_2"]["bias"]
    np.testing.assert_allclose(net.apply(params, X), expected, rtol=1e-5, atol=1e-6)


def _fixed_reference(variables, X):
    p, C = variables["params"], np.asarray(variables["constants"]["C"])
    H = np.maximum(X @ np.asarray(p["hidden"]["kernel"]) + np.asarray(p["hidden"]["bias"]), 0)
    O = np.maximum(H @ C + 1, 0) @ np.asarray(p["out"]["kernel"]) + np.asarray(p["out"]["bias"])
    halvings = 0
    while np.linalg.norm(O) > 1:
        O, halvings = O / 2, halvings + 1
    return O.sum(), halvings


def test_fixed_weight_mlp_computes_what_the_text_says():
    sec = run("fixed_weight")
    net, variables, X = sec.ns["net"], sec.ns["variables"], sec.ns["X"]
    expected, halvings = _fixed_reference(variables, np.asarray(X))
    assert halvings > 0  # the loop really runs on the book's input
    np.testing.assert_allclose(float(net.apply(variables, X)), expected, rtol=1e-5)


def test_constants_are_a_separate_collection_left_out_of_training():
    sec = run("fixed_weight")
    net, variables, X = sec.ns["net"], sec.ns["variables"], sec.ns["X"]
    assert sorted(variables) == ["constants", "params"]
    assert shapes(variables["constants"]) == {"C": (20, 20)}
    assert "C" not in variables["params"]

    def loss(params):
        return net.apply({"params": params, "constants": variables["constants"]}, X)

    grads = jax.grad(loss)(variables["params"])
    assert shapes(grads) == shapes(variables["params"])  # no gradient for C
    new = jax.tree_util.tree_map(lambda w, g: w - 0.1 * g, variables["params"], grads)
    assert not np.array_equal(new["hidden"]["kernel"], variables["params"]["hidden"]["kernel"])


def test_the_while_loop_cannot_be_jitted():
    sec = run("fixed_weight")
    net, variables, X = sec.ns["net"], sec.ns["variables"], sec.ns["X"]
    with pytest.raises(jax.errors.TracerBoolConversionError):
        jax.jit(net.apply)(variables, X)


def test_nested_modules_compose_into_a_nested_tree():
    sec = run("nested")
    nested, variables, X = sec.ns["nested"], sec.ns["variables"], sec.ns["X"]
    p = variables["params"]
    assert p["blocks_0"]["body"]["layers_0"]["kernel"].shape == (20, 128)
    assert shapes(p["blocks_0"]) == {"body": {"layers_0": {"kernel": (20, 128), "bias": (128,)},
                                              "layers_2": {"kernel": (128, 64), "bias": (64,)}},
                                     "head": {"kernel": (64, 32), "bias": (32,)}}
    assert shapes(variables["constants"]) == {"blocks_2": {"C": (20, 20)}}
    out = nested.apply(variables, X)
    assert out.shape == ()
    nest, dense, fixed = nested.blocks
    h = nest.apply({"params": p["blocks_0"]}, X)
    h = dense.apply({"params": p["blocks_1"]}, h)
    h = fixed.apply({"params": p["blocks_2"], "constants": variables["constants"]["blocks_2"]}, h)
    np.testing.assert_allclose(float(out), float(h), rtol=1e-6)


def test_outputs_repeat_with_the_seed():
    a, b = (run("nested") for _ in range(2))
    assert float(a.ns["nested"].apply(a.ns["variables"], a.ns["X"])) == \
        float(b.ns["nested"].apply(b.ns["variables"], b.ns["X"]))


def test_nnx_modules_hold_their_parameters():
    """The NNX aside: parameters made at construction, inside the module, called directly;
    nnx.Linear takes its input count, so it infers no shape from an input."""
    from flax import nnx
    sec = run("nnx")
    net, X = sec.ns["nnx_net"], sec.ns["X"]
    assert isinstance(net, nnx.Module) and not isinstance(net, nn.Module)
    params = nnx.to_pure_dict(nnx.state(net, nnx.Param))
    assert shapes(params) == {"hidden": {"kernel": (20, 256), "bias": (256,)},
                              "out": {"kernel": (256, 10), "bias": (10,)}}
    assert sec.stdout[-1] == "(20, 256)\n" and net(X).shape == (2, 10)
    assert not hasattr(net, "init") and not hasattr(net, "apply")  # no Linen-style init/apply
    with pytest.raises(TypeError):
        nnx.Linear(256, rngs=nnx.Rngs(0))  # no lazy input count
