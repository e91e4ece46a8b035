"""What "파라미터 초기화" says in the prose every tab shows, checked against the
section's own code in one tab.

Each test runs the tab's cells from chapters/chapter_builders-guide/init-param.md as a
notebook would (tests/frameworks/section.py), then checks the claim the prose makes
about that demo: on the book's small network exactly, and statistically on large
layers initialized by the same cells (stats.py explains the tolerances).
"""
import math
import re

import numpy as np
import pytest

from conftest import DEMOS, FAN_IN, HIDDEN
from stats import (Z, assert_mixture, assert_normal, assert_symmetric_uniform,
                   assert_truncated_normal)

# The standard deviation of a standard normal cut to [-2, 2]:
# Var = 1 - 2 * 2 * phi(2) / (Phi(2) - Phi(-2)), phi the density, Phi the distribution.
_PHI2 = math.exp(-2) / math.sqrt(2 * math.pi)
TRUNCATED_STD = math.sqrt(1 - 4 * _PHI2 / math.erf(2 / math.sqrt(2)))

# What each tab's prose says its framework does by default, for a layer with fan_in
# inputs and fan_out outputs: (distribution of the weights, of the biases).
DEFAULTS = {
    "mxnet": (("uniform", lambda fi, fo: 0.07), ("zero", None)),
    "pytorch": (("uniform", lambda fi, fo: 1 / math.sqrt(fi)), ("uniform", lambda fi, fo: 1 / math.sqrt(fi))),
    "tensorflow": (("uniform", lambda fi, fo: math.sqrt(6 / (fi + fo))), ("zero", None)),
    "jax": (("truncated_normal", lambda fi, fo: math.sqrt(1 / fi)), ("zero", None)),
}
SHAPES = [(FAN_IN, HIDDEN), (HIDDEN, 200)]  # the layers of fw.default_layers()
# The section's network: 6 features, 10 hidden units, 3 outputs; the input 0, 0.1, ..., 1.7
# laid out as 3 examples of 6 features.
N_IN, N_HIDDEN, N_OUT = 6, 10, 3
INPUT = np.arange(18).reshape(3, 6) / 10


def check(x, claim, fan_in, fan_out):
    kind, scale = claim
    if kind == "zero":
        assert np.all(x == 0), "claimed all zero"
    elif kind == "uniform":
        assert_symmetric_uniform(x, scale(fan_in, fan_out))
    else:
        std = scale(fan_in, fan_out)
        assert_truncated_normal(x, std, cut=2 * std / TRUNCATED_STD)


def printed_numbers(text):
    return [float(x) for x in re.findall(r"-?\d+\.\d*(?:e-?\d+)?", text)]


def test_every_tab_has_every_demo(fw):
    cells = fw.section().cells
    assert len(cells) == len(DEMOS), f"{fw.tab} has {len(cells)} code cells; the tests expect {DEMOS}"


def test_one_network_and_input_in_every_tab(fw):
    """6 features -> 10 hidden units with ReLU -> 3 outputs; one row of 0, 0.1, ..., 1.7 per example."""
    sec = fw.run_demo("default")
    (w0, b0), (w1, b1) = fw.layers(sec)
    assert w0.shape == (N_HIDDEN, N_IN) and b0.shape == (N_HIDDEN,)
    assert w1.shape == (N_OUT, N_HIDDEN) and b1.shape == (N_OUT,)
    x = fw.to_numpy(sec.ns["X"])
    np.testing.assert_allclose(x, INPUT, rtol=0, atol=1e-6)
    out = np.asarray(fw.forward(sec))
    expected = np.maximum(INPUT @ w0.T + b0, 0) @ w1.T + b1
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_three_of_the_four_defaults_are_uniform_and_scale_with_the_layer():
    """The shared prose, over the table of what each tab says (each tab's own run checks
    its row): three draw from a uniform distribution, one from a normal cut at both
    ends; three set the spread from fan_in and fan_out (not all the same way), one does not."""
    kinds = sorted(kind for (kind, _), _ in DEFAULTS.values())
    assert kinds == ["truncated_normal", "uniform", "uniform", "uniform"]
    sizes = [(FAN_IN, HIDDEN), (HIDDEN, 200), (10, 10), (10, 1000)]
    fixed = [tab for tab, ((_, scale), _) in DEFAULTS.items() if len({scale(*s) for s in sizes}) == 1]
    assert fixed == ["mxnet"]
    rules = {tab: tuple(scale(*s) for s in sizes) for tab, ((_, scale), _) in DEFAULTS.items() if tab != "mxnet"}
    assert len(set(rules.values())) > 1


def test_default_initialization_as_described(fw):
    weight_claim, bias_claim = DEFAULTS[fw.tab]
    for (weight, bias), (fan_in, fan_out) in zip(fw.default_layers(), SHAPES):
        check(weight, weight_claim, fan_in, fan_out)
        if bias_claim[0] == "zero":
            check(bias, bias_claim, fan_in, fan_out)
        else:  # a few hundred samples: the bounds and the spread, not the finer statistics
            bound = bias_claim[1](fan_in, fan_out)
            assert np.abs(bias).max() <= bound and np.abs(bias).max() > 0.97 * bound
            assert abs(bias.std() / (bound / math.sqrt(3)) - 1) < 0.15


def test_default_initialization_of_the_book_network(fw):
    """The cell's own network, and what it prints: the hidden weights' smallest and
    largest value lie inside the claimed bound."""
    sec = fw.run_demo("default")
    (w0, b0), (w1, b1) = fw.layers(sec)
    (weight_kind, scale), (bias_kind, _) = DEFAULTS[fw.tab]
    for (w, b), (fi, fo) in (((w0, b0), (N_IN, N_HIDDEN)), ((w1, b1), (N_HIDDEN, N_OUT))):
        bound = scale(fi, fo) * (2 / TRUNCATED_STD if weight_kind == "truncated_normal" else 1)
        assert np.abs(w).max() <= bound * (1 + 1e-6)
        if bias_kind == "zero":
            assert np.all(b == 0)
    low, high = printed_numbers(sec.stdout[DEMOS.index("default")].splitlines()[1])
    assert (low, high) == pytest.approx((w0.min(), w0.max()), rel=1e-5)


def test_normal_weights_and_zero_bias(fw):
    for weight, bias in fw.large("normal"):
        assert_normal(weight, mean=0.0, std=0.01)
        assert np.all(bias == 0)
    sec = fw.run_demo("normal")
    for weight, bias in fw.layers(sec):  # the book's own network
        assert np.all(bias == 0) and np.abs(weight).max() < 0.06


def test_sixty_hidden_weights_give_a_mean_and_spread_near_but_not_at_the_claim(fw):
    (w0, _), _ = fw.layers(fw.run_demo("normal"))
    n = w0.size
    assert n == 60
    assert w0.mean() != 0 and w0.std() != 0.01
    assert abs(w0.mean()) <= Z * 0.01 / math.sqrt(n)
    assert abs(w0.std() / 0.01 - 1) <= Z * math.sqrt(2 / (4 * n))


def test_constant_weights_and_zero_bias(fw):
    for layers in (fw.large("constant"), fw.layers(fw.run_demo("constant"))):
        for weight, _ in layers:
            assert np.all(weight == 0.5)
    for _, bias in fw.layers(fw.run_demo("constant")):  # left at zero by the cells before
        assert np.all(bias == 0)


def test_constant_weights_make_every_hidden_unit_compute_the_same(fw):
    """The cell's output: each example's 10 hidden values are equal, 0.5 times the sum
    of its features (0.75 for the first), the same in every tab."""
    sec = fw.run_demo("constant")
    hidden = np.asarray(fw.last_value(sec, "constant"))
    assert hidden.shape == (3, N_HIDDEN)
    expected = 0.5 * INPUT.sum(axis=1)
    np.testing.assert_allclose(expected, [0.75, 2.55, 4.35])
    np.testing.assert_allclose(hidden, np.repeat(expected[:, None], N_HIDDEN, axis=1), rtol=1e-6)
    # any input, not only the book's: equal weights and biases, equal units
    (w0, b0), _ = fw.layers(sec)
    x = np.random.default_rng(0).normal(size=(50, N_IN))
    h = np.maximum(x @ w0.T + b0, 0)
    assert np.all(h == h[:, :1])


def test_xavier_hidden_layer_and_42_output_layer(fw):
    (w0, _), (w1, _) = fw.large("per_layer")
    assert_symmetric_uniform(w0, math.sqrt(6 / (FAN_IN + HIDDEN)))  # so variance 2 / (fan_in + fan_out)
    assert np.all(w1 == 42)
    sec = fw.run_demo("per_layer")
    (w0, b0), (w1, b1) = fw.layers(sec)
    assert np.abs(w0).max() <= math.sqrt(6 / (N_IN + N_HIDDEN)) and np.all(w1 == 42)
    assert np.all(b0 == 0) and np.all(b1 == 0)  # the biases are not touched


def test_xavier_bound_as_printed(fw):
    """a = sqrt(6/16) ~ 0.61, computed from the weight's shape and printed beside the
    largest |w|, which lies inside it."""
    sec = fw.run_demo("per_layer")
    bound, largest = printed_numbers(sec.stdout[DEMOS.index("per_layer")])
    assert bound == pytest.approx(math.sqrt(6 / 16), abs=1e-12) and round(bound, 2) == 0.61
    (w0, _), _ = fw.layers(sec)
    assert largest == pytest.approx(np.abs(w0).max(), rel=1e-6) and 0 < largest <= bound


def test_custom_mixture(fw):
    (w0, _), (w1, _) = fw.large("custom")
    assert_mixture(w0)  # 210,000 samples
    assert_mixture(w1)  # 140,000 samples
    sec = fw.run_demo("custom")
    (w0, b0), (w1, b1) = fw.layers(sec)
    for w in (w0, w1):
        assert np.all((w == 0) | ((np.abs(w) >= 5) & (np.abs(w) <= 10)))
    assert np.all(b0 == 0) and np.all(b1 == 0)


def test_custom_cell_prints_the_share_of_zeros_of_sixty_weights(fw):
    sec = fw.run_demo("custom")
    (w0, _), _ = fw.layers(sec)
    line = sec.stdout[DEMOS.index("custom")].strip().splitlines()[-1]
    assert line.startswith("0의 비율:")
    share = printed_numbers(line)[-1]
    assert share == pytest.approx((w0 == 0).mean(), abs=1e-6)
    assert abs(share - 0.5) <= Z * math.sqrt(0.25 / w0.size)  # "near 1/2"


def test_weight_layouts_and_the_rows_or_columns_of_one_unit(fw):
    """PyTorch and MXNet store (outputs, inputs), Keras and Flax (inputs, outputs)."""
    sec = fw.run_demo("custom")
    native = fw.to_numpy(sec.ns["W"])
    expected = {"mxnet": (N_HIDDEN, N_IN), "pytorch": (N_HIDDEN, N_IN),
                "tensorflow": (N_IN, N_HIDDEN), "jax": (N_IN, N_HIDDEN)}[fw.tab]
    assert native.shape == expected
    (w0, _), _ = fw.layers(sec)
    unit = w0[1]  # the weights into hidden unit 1
    np.testing.assert_array_equal(unit, native[1] if fw.tab in ("mxnet", "pytorch") else native[:, 1])


def test_direct_edit_scales_the_weights_and_sets_one_bias(fw):
    sec = fw.section()
    edit = DEMOS.index("edit")
    sec.run_through(edit - 1)
    (w_before, b_before), (w1_before, _) = [(w.copy(), b.copy()) for w, b in fw.layers(sec)]
    sec.run_through(edit)
    tree = {"tree": "edited"} if fw.tab == "jax" else {}
    (w_after, b_after), (w1_after, _) = fw.layers(sec, **tree)
    np.testing.assert_allclose(w_after, w_before * 0.1, rtol=1e-6, atol=0)
    expected_bias = b_before.copy()
    expected_bias[0] = 3
    np.testing.assert_array_equal(b_after, expected_bias)
    np.testing.assert_array_equal(w1_after, w1_before)  # the output layer is left alone
    if fw.tab == "jax":  # the functional update leaves the old tree as it was
        (w_old, b_old), _ = fw.layers(sec)
        np.testing.assert_array_equal(w_old, w_before)
        np.testing.assert_array_equal(b_old, b_before)


def test_outputs_repeat_with_the_seed(fw):
    """The first cell seeds the framework: two fresh runs of the section agree."""
    runs = []
    for _ in range(2):
        sec = fw.run_demo("custom")
        printed = [line for line in sec.stdout[DEMOS.index("custom")].splitlines()
                   if not line.startswith("초기화:")]  # Gluon's layer names count on within a process
        runs.append([w for layer in fw.layers(sec) for w in layer] + printed)
    for a, b in zip(*runs):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("demo", ["normal", "custom"])
def test_large_layers_are_really_random(fw, demo):
    """Guards the statistical tests themselves: two layers drawn by one cell differ."""
    (w0, _), (w1, _) = fw.large(demo)
    assert not np.array_equal(w0.ravel()[:1000], w1.ravel()[:1000])
