"""Claims the JAX tab of "파라미터 초기화" makes about JAX and Flax Linen themselves."""
import math

import flax.linen
import jax
import numpy as np
import pytest
from flax import linen as nn
from jax import numpy as jnp

from conftest import DEMOS
from section import INIT_PARAM, Section
from stats import assert_fraction


def run(demo):
    sec = Section("jax", INIT_PARAM)
    sec.run_through(DEMOS.index(demo))
    return sec


def test_the_cut_and_the_hidden_layers_bound():
    """2 / 0.8796 ~ 2.27, and 2.27 / sqrt(6) ~ 0.93 for the hidden layer; 0.8796 is the
    standard deviation of a standard normal cut to [-2, 2] (test_init_param_claims.py
    derives it)."""
    from test_init_param_claims import TRUNCATED_STD
    assert round(TRUNCATED_STD, 4) == 0.8796
    assert round(2 / TRUNCATED_STD, 2) == 2.27
    assert round(2 / TRUNCATED_STD / math.sqrt(6), 2) == 0.93


def test_a_linen_module_holds_no_parameters():
    sec = run("default")
    net = sec.ns["net"]
    with pytest.raises(ValueError, match="unbound"):
        net.variables
    assert not any(isinstance(v, jax.Array) for v in jax.tree_util.tree_leaves(vars(net)))


def test_init_runs_the_module_on_the_example_and_returns_a_plain_tree():
    sec = run("default")
    net, params = sec.ns["net"], sec.ns["params"]
    assert type(params) is dict and type(params["params"]) is dict
    assert sorted(params["params"]) == ["layers_0", "layers_2"]  # nn.relu (layers_1) has no parameters
    assert params["params"]["layers_0"]["kernel"].shape == (6, 10)
    wider = net.init(jax.random.PRNGKey(0), jnp.ones((3, 9)))  # the shapes follow the example
    assert wider["params"]["layers_0"]["kernel"].shape == (9, 10)


def test_flax_linen_initializers_are_jax_initializers():
    assert nn.initializers is flax.linen.initializers
    for name in ("normal", "constant", "xavier_uniform", "lecun_normal", "zeros"):
        assert getattr(nn.initializers, name) is getattr(jax.nn.initializers, name)


def test_init_gives_each_parameter_its_own_key():
    keys = []

    def recording(key, shape, dtype=jnp.float32):
        keys.append(np.asarray(jax.random.key_data(key)) if jnp.issubdtype(key.dtype, jax.dtypes.prng_key) else np.asarray(key))
        return jax.random.normal(key, shape, dtype)

    net = nn.Sequential([nn.Dense(5, kernel_init=recording), nn.Dense(5, kernel_init=recording)])
    params = net.init(jax.random.PRNGKey(0), jnp.ones((1, 5)))["params"]
    assert len(keys) == 2 and not np.array_equal(*keys)
    assert not np.array_equal(params["layers_0"]["kernel"], params["layers_1"]["kernel"])


def test_xavier_uniform_makes_the_initializer():
    f = nn.initializers.xavier_uniform()
    assert callable(f) and f(jax.random.PRNGKey(0), (6, 10)).shape == (6, 10)


def test_an_initializer_is_called_with_a_key_a_shape_and_a_dtype():
    calls = []

    def recording(*args):
        calls.append(args)
        return jnp.zeros(args[1], args[2])

    nn.Dense(10, kernel_init=recording).init(jax.random.PRNGKey(0), jnp.ones((3, 6)))
    (key, shape, dtype), = calls
    assert tuple(shape) == (6, 10) and jnp.dtype(dtype) == jnp.float32
    assert isinstance(key, jax.Array)


def test_one_key_always_gives_the_same_numbers():
    key = jax.random.PRNGKey(3)
    np.testing.assert_array_equal(jax.random.uniform(key, (100,)), jax.random.uniform(key, (100,)))


def test_rademacher_gives_plus_or_minus_one_with_equal_chance():
    s = np.asarray(jax.random.rademacher(jax.random.PRNGKey(0), (100_000,), jnp.float32))
    assert set(np.unique(s)) == {-1.0, 1.0}
    assert_fraction(int((s == 1).sum()), s.size, 0.5, "share of +1")


def test_arrays_are_immutable_and_at_set_returns_a_new_array():
    bias = jnp.zeros(4)
    with pytest.raises(TypeError):
        bias[0] = 3.0
    new = bias.at[0].set(3.0)
    assert new[0] == 3 and bias[0] == 0


def test_the_edited_tree_shares_what_did_not_change_and_runs():
    sec = run("edit")
    assert sec.stdout[DEMOS.index("edit")].splitlines()[0] == "JAX 배열에는 원소를 대입할 수 없습니다"
    params, edited, net, X = sec.ns["params"], sec.ns["edited"], sec.ns["net"], sec.ns["X"]
    assert edited["params"]["layers_2"] is params["params"]["layers_2"]
    layer, out = edited["params"]["layers_0"], edited["params"]["layers_2"]
    by_hand = jnp.maximum(X @ layer["kernel"] + layer["bias"], 0) @ out["kernel"] + out["bias"]
    np.testing.assert_allclose(net.apply(edited, X), by_hand, rtol=1e-5, atol=1e-5)
    assert not np.allclose(net.apply(params, X), by_hand)


def test_set_seed_restarts_the_chain_of_keys():
    from d2l import jax as d2l
    d2l.set_seed(0)
    first = [np.asarray(jax.random.key_data(d2l.get_key())) for _ in range(3)]
    d2l.set_seed(0)
    again = [np.asarray(jax.random.key_data(d2l.get_key())) for _ in range(3)]
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first[0], first[1])
