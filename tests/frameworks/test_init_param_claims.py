"""What "파라미터 초기화" says, checked against the section's own code in one tab.

Each test runs the tab's cells from chapters/chapter_builders-guide/init-param.md as a
notebook would (tests/frameworks/section.py), then checks the claim the prose makes
about that demo: on the book's small network exactly, and statistically on large
layers initialized by the same cell (stats.py explains the tolerances).
"""
import math

import numpy as np
import pytest

from conftest import DEMOS, FAN_IN, HIDDEN
from stats import (assert_mixture, assert_normal, assert_symmetric_uniform,
                   assert_truncated_normal)

# Flax's lecun_normal: a normal cut at two standard deviations, rescaled so the
# result has standard deviation sqrt(1/fan_in); 0.8796... is the standard deviation
# of a standard normal cut to [-2, 2].
TRUNCATED_STD = 0.87962566103423978

# What the prose says each framework does by default, for a layer with fan_in inputs
# and fan_out outputs: (distribution of the weights, of the biases).
DEFAULTS = {
    "mxnet": (("uniform", lambda fi, fo: 0.07), ("zero", None)),
    "pytorch": (("uniform", lambda fi, fo: 1 / math.sqrt(fi)), ("uniform", lambda fi, fo: 1 / math.sqrt(fi))),
    "tensorflow": (("uniform", lambda fi, fo: math.sqrt(6 / (fi + fo))), ("zero", None)),
    "jax": (("truncated_normal", lambda fi, fo: math.sqrt(1 / fi)), ("zero", None)),
}


def check(x, claim, fan_in, fan_out):
    kind, scale = claim
    if kind == "zero":
        assert np.all(x == 0), "claimed all zero"
    elif kind == "uniform":
        assert_symmetric_uniform(x, scale(fan_in, fan_out))
    else:
        std = scale(fan_in, fan_out)
        assert_truncated_normal(x, std, cut=2 * std / TRUNCATED_STD)


def test_every_tab_has_every_demo(fw):
    cells = fw.section().cells
    assert len(cells) == len(DEMOS), f"{fw.tab} has {len(cells)} code cells; the tests expect {DEMOS}"


def test_one_network_and_input_in_every_tab(fw):
    sec = fw.run_demo("default")
    (w0, b0), (w1, b1) = fw.layers(sec)
    assert w0.shape == (8, 4) and b0.shape == (8,)
    assert w1.shape == (1, 8) and b1.shape == (1,)
    x = np.asarray(sec.ns["X"])
    assert x.shape == (2, 4) and x.min() >= 0 and x.max() < 1


def test_default_initialization_as_described(fw):
    weight, bias = fw.default_layer()
    weight_claim, bias_claim = DEFAULTS[fw.tab]
    check(weight, weight_claim, FAN_IN, HIDDEN)
    if bias_claim[0] == "zero":
        check(bias, bias_claim, FAN_IN, HIDDEN)
    else:  # only HIDDEN samples: the bounds and the spread, not the finer statistics
        bound = bias_claim[1](FAN_IN, HIDDEN)
        assert np.abs(bias).max() <= bound and np.abs(bias).max() > 0.97 * bound
        assert abs(bias.std() / (bound / math.sqrt(3)) - 1) < 0.15


def test_default_initialization_of_the_book_network(fw):
    """The small network of the first demo is drawn from the same defaults."""
    (w0, b0), (w1, b1) = fw.layers(fw.run_demo("default"))
    for (w, b), (fi, fo) in (((w0, b0), (4, 8)), ((w1, b1), (8, 1))):
        (weight_kind, scale), (bias_kind, _) = DEFAULTS[fw.tab]
        bound = scale(fi, fo) * (2 / TRUNCATED_STD if weight_kind == "truncated_normal" else 1)
        assert np.abs(w).max() <= bound * (1 + 1e-6)
        if bias_kind == "zero":
            assert np.all(b == 0)


def test_normal_weights_and_zero_bias(fw):
    for weight, bias in fw.large("normal"):
        assert_normal(weight, mean=0.0, std=0.01)
        assert np.all(bias == 0)
    for weight, bias in fw.layers(fw.run_demo("normal")):  # the book's own network
        assert np.all(bias == 0) and np.abs(weight).max() < 0.06


def test_constant_one_weights_and_zero_bias(fw):
    for layers in (fw.large("constant"), fw.layers(fw.run_demo("constant"))):
        for weight, bias in layers:
            assert np.all(weight == 1) and np.all(bias == 0)


def test_xavier_first_layer_and_42_second(fw):
    (w0, _), (w1, _) = fw.large("per_layer")
    assert_symmetric_uniform(w0, math.sqrt(6 / (FAN_IN + HIDDEN)))
    assert np.all(w1 == 42)
    (w0, _), (w1, _) = fw.layers(fw.run_demo("per_layer"))
    assert np.abs(w0).max() <= math.sqrt(6 / (4 + 8)) and np.all(w1 == 42)


def test_custom_mixture(fw):
    (w0, _), (w1, _) = fw.large("custom")
    assert_mixture(w0)  # 210,000 samples
    assert_mixture(w1)  # 140,000 samples
    (w0, _), _ = fw.layers(fw.run_demo("custom"))
    assert np.all((w0 == 0) | ((np.abs(w0) >= 5) & (np.abs(w0) <= 10)))


def test_direct_edit_adds_one_and_sets_42(fw):
    sec = fw.section()
    edit = DEMOS.index("edit")
    sec.run_before(edit)
    before = fw.layers(sec)[0][0]
    sec.run_through(edit)
    edited = fw.layers(sec, tree="new_params")[0][0] if fw.tab == "jax" else fw.layers(sec)[0][0]
    expected = before + 1
    expected[0, 0] = 42
    np.testing.assert_allclose(edited, expected, rtol=0, atol=1e-6)
    if fw.tab == "jax":  # the functional update leaves the old tree as it was
        np.testing.assert_array_equal(fw.layers(sec)[0][0], before)


def test_outputs_repeat_with_the_seed(fw):
    """The first cell seeds the framework: two fresh runs of the section agree."""
    runs = []
    for _ in range(2):
        sec = fw.run_demo("custom")
        runs.append([w for layer in fw.layers(sec) for w in layer])
    for a, b in zip(*runs):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("demo", ["normal", "custom"])
def test_large_layers_are_really_random(fw, demo):
    """Guards the statistical tests themselves: two layers drawn by one cell differ."""
    (w0, _), (w1, _) = fw.large(demo)
    assert not np.array_equal(w0.ravel()[:1000], w1.ravel()[:1000])
