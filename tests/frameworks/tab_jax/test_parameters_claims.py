"""Claims the JAX tab of "파라미터 관리" makes, checked against the section's own code."""

import jax
import numpy as np
from flax import linen as nn
from jax import numpy as jnp

from section import chapter, run_demo, Section

PATH = chapter("parameters")
DEMOS = ["imports", "network", "one_parameter", "gradient", "all_parameters", "tied", "tied_grad"]


def run(demo):
    return run_demo("jax", PATH, DEMOS, demo)


def shapes(tree):
    return jax.tree_util.tree_map(jnp.shape, tree)


def test_every_demo_is_in_the_tab():
    assert len(Section("jax", PATH).cells) == len(DEMOS)


def test_one_network_and_input():
    sec = run("network")
    X = np.asarray(sec.ns["X"])
    assert X.shape == (2, 20) and X.min() >= 0 and X.max() < 1
    assert shapes(sec.ns["params"]) == {"params": {"layers_0": {"kernel": (20, 256), "bias": (256,)},
                                                   "layers_2": {"kernel": (256, 10), "bias": (10,)}}}


def test_one_parameter_is_a_plain_array_in_the_tree():
    sec = run("one_parameter")
    bias = sec.ns["params"]["params"]["layers_2"]["bias"]
    assert isinstance(bias, jax.Array) and bias.shape == (10,) and np.all(np.asarray(bias) == 0)
    assert not hasattr(bias, "grad")
    assert sec.stdout[-1].splitlines() == ["True (10,)"]


def test_gradient_tree_has_the_structure_of_the_parameters():
    sec = run("gradient")
    grads, params = sec.ns["grads"], sec.ns["params"]
    assert jax.tree_util.tree_structure(grads) == jax.tree_util.tree_structure(params)
    assert shapes(grads) == shapes(params)
    n = sec.ns["X"].shape[0]
    assert np.array_equal(np.asarray(grads["params"]["layers_2"]["bias"]), np.full(10, float(n)))


def test_all_parameters_by_path():
    sec = run("all_parameters")
    assert sec.stdout[-1].splitlines() == ["params/layers_0/kernel (20, 256)", "params/layers_0/bias (256,)",
                                           "params/layers_2/kernel (256, 10)", "params/layers_2/bias (10,)"]
    assert sec.ns["flat"]["params/layers_2/bias"] is sec.ns["params"]["params"]["layers_2"]["bias"]


def test_tied_parameters_appear_once_and_the_new_value_is_used_in_both_places():
    sec = run("tied")
    params, net, X = sec.ns["params"], sec.ns["net"], sec.ns["X"]
    assert sorted(params["params"]) == ["layers_0", "layers_2", "layers_6"]
    assert float(params["params"]["layers_2"]["kernel"][0, 0]) == 100
    assert float(sec.ns["kernel"][0, 0]) != 100  # the old tree's array is unchanged
    twin = nn.Sequential([nn.Dense(256), nn.relu, nn.Dense(256), nn.relu, nn.Dense(256), nn.relu, nn.Dense(10)])
    old = params["params"]["layers_2"]["kernel"]
    new = old + jax.random.normal(jax.random.PRNGKey(1), old.shape) * 0.1
    tied = {"params": {**params["params"], "layers_2": {**params["params"]["layers_2"], "kernel": new}}}
    out = net.apply(tied, X)

    def twin_out(first, second):
        p = {**params["params"], "layers_2": {**params["params"]["layers_2"], "kernel": first},
             "layers_4": {**params["params"]["layers_2"], "kernel": second}}
        return twin.apply({"params": p}, X)

    np.testing.assert_allclose(out, twin_out(new, new), rtol=1e-5, atol=1e-6)  # both places read the new value
    assert not np.allclose(out, twin_out(new, old)) and not np.allclose(out, twin_out(old, new))


def test_tied_gradient_is_the_sum_of_the_two_uses():
    sec = run("tied_grad")
    assert sec.stdout[-1].splitlines() == ["True"]
    net, twin, X = sec.ns["net"], sec.ns["twin"], sec.ns["X"]
    params, twin_params = sec.ns["params"], sec.ns["twin_params"]
    assert sorted(twin_params["params"]) == ["layers_0", "layers_2", "layers_4", "layers_6"]
    tied = jax.grad(lambda p: net.apply(p, X).sum())(params)["params"]["layers_2"]["kernel"]
    g = jax.grad(lambda p: twin.apply(p, X).sum())(twin_params)["params"]
    first, second = np.asarray(g["layers_2"]["kernel"]), np.asarray(g["layers_4"]["kernel"])
    assert np.abs(first).sum() > 0 and np.abs(second).sum() > 0 and not np.allclose(first, second)
    np.testing.assert_allclose(tied, first + second, rtol=1e-5, atol=1e-6)
    assert not np.allclose(tied, first) and not np.allclose(tied, second)


def test_outputs_repeat_with_the_seed():
    a, b = (run("tied") for _ in range(2))
    np.testing.assert_array_equal(a.ns["net"].apply(a.ns["params"], a.ns["X"]),
                                  b.ns["net"].apply(b.ns["params"], b.ns["X"]))
