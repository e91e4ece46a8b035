"""What "사용자 정의 레이어" (custom-layer.md) says, checked against its JAX tab."""

import jax
import numpy as np
from jax import numpy as jnp

from section import chapter, Section

PATH = chapter("custom-layer")
DEMOS = ["imports", "centered", "centered_net", "my_dense", "dense_forward", "dense_net"]


def run(demo):
    sec = Section("jax", PATH)
    printed = sec.run_through(DEMOS.index(demo))
    return sec, printed


def test_every_demo_is_in_the_tab():
    assert len(Section("jax", PATH).cells) == len(DEMOS)


def test_centering_subtracts_the_mean_and_its_tree_is_empty():
    sec, printed = run("centered")
    assert sec.ns["variables"] == {} and printed.strip() == "{}"
    out = sec.ns["layer"].apply({}, jnp.array([1.0, 2, 3, 4, 5]))
    np.testing.assert_array_equal(np.asarray(out), [-2, -1, 0, 1, 2])


def test_centered_network_output_has_mean_zero():
    sec, _ = run("centered_net")
    Y, params = sec.ns["Y"], sec.ns["params"]
    assert Y.shape == (4, 128)
    assert abs(float(Y.mean())) < 1e-6
    assert list(params["params"]) == ["layers_0"]  # only the dense layer has parameters
    p = params["params"]["layers_0"]
    dense_out = sec.ns["X"] @ p["kernel"] + p["bias"]
    # the output is the dense layer's output with its mean taken away
    np.testing.assert_allclose(np.asarray(Y), np.asarray(dense_out - dense_out.mean()), rtol=1e-5, atol=1e-6)
    assert abs(float(dense_out.mean())) > 1e-3  # the dense layer alone is not centered


def test_params_live_in_the_tree_under_their_names():
    sec, _ = run("my_dense")
    params = sec.ns["params"]
    assert list(params) == ["params"]
    assert {k: v.shape for k, v in params["params"].items()} == {"weight": (5, 3), "bias": (3,)}
    assert np.all(np.asarray(params["params"]["bias"]) == 0)
    # the number of inputs comes from the input's shape
    other = sec.ns["MyDense"](3).init(jax.random.PRNGKey(0), jnp.zeros((2, 7)))
    assert other["params"]["weight"].shape == (7, 3)


def test_weights_are_standard_normal():
    sec, _ = run("my_dense")
    w = np.asarray(sec.ns["MyDense"](700).init(jax.random.PRNGKey(1), jnp.zeros((1, 300)))["params"]["weight"])
    assert abs(w.mean()) < 0.01 and abs(w.std() - 1) < 0.01


def test_forward_is_relu_of_xw_plus_b():
    sec, _ = run("dense_forward")
    params = sec.ns["params"]["params"]
    X = jax.random.normal(jax.random.PRNGKey(2), (6, 5))
    out = np.asarray(sec.ns["dense"].apply(sec.ns["params"], X))
    assert out.shape == (6, 3) and out.min() >= 0
    expected = np.maximum(np.asarray(X) @ np.asarray(params["weight"]) + np.asarray(params["bias"]), 0)
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


def test_stacked_custom_layers():
    sec, _ = run("dense_net")
    p = sec.ns["params"]["params"]
    assert {k: {n: v.shape for n, v in layer.items()} for k, layer in p.items()} == {
        "layers_0": {"weight": (64, 8), "bias": (8,)}, "layers_1": {"weight": (8, 1), "bias": (1,)}}
    out = np.asarray(sec.ns["net"].apply(sec.ns["params"], sec.ns["X"]))
    assert out.shape == (2, 1) and out.min() >= 0


def test_outputs_repeat_with_the_seed():
    runs = [np.asarray(run("dense_net")[0].ns["params"]["params"]["layers_0"]["weight"]) for _ in range(2)]
    np.testing.assert_array_equal(*runs)
