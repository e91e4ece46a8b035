"""Statistical assertions for the initialization claims.

Every tolerance is five standard errors of the statistic under the claimed
distribution, for the sample at hand, so a true claim fails with probability far
below one in a million, while a wrong distribution or scale (e.g. sqrt(3/fan_in)
instead of sqrt(6/(fan_in + fan_out)), or a uniform instead of a normal) is many
tolerances away for the 60,000+ samples the tests draw. The seeds are fixed, so the
outcome is also the same on every run.
"""
import math

import numpy as np

Z = 5.0  # standard errors


def _flat(x):
    x = np.asarray(x, dtype=np.float64).ravel()
    assert x.size >= 100, f"too few samples ({x.size}) for a statistical check"
    return x


def _kurtosis(x):
    c = x - x.mean()
    return float((c ** 4).mean() / (c ** 2).mean() ** 2)


def assert_std(x, std, kurtosis):
    """Sample standard deviation within 5 standard errors of ``std``; the standard
    error of s/sigma is sqrt((kurtosis - 1) / (4 n))."""
    x = _flat(x)
    rel = Z * math.sqrt((kurtosis - 1) / (4 * x.size))
    assert abs(x.std() / std - 1) <= rel, f"std {x.std():.6g}, claimed {std:.6g} (±{rel:.2%})"


def assert_mean(x, mean, std):
    x = _flat(x)
    tol = Z * std / math.sqrt(x.size)
    assert abs(x.mean() - mean) <= tol, f"mean {x.mean():.6g}, claimed {mean:.6g} (±{tol:.3g})"


def assert_normal(x, mean, std):
    """N(mean, std²): mean, standard deviation and kurtosis (3 for a normal; the
    standard error of the sample kurtosis is about sqrt(24 / n))."""
    x = _flat(x)
    assert_mean(x, mean, std)
    assert_std(x, std, kurtosis=3.0)
    tol = Z * math.sqrt(24 / x.size)
    assert abs(_kurtosis(x) - 3) <= tol, f"kurtosis {_kurtosis(x):.3f}: not a normal (±{tol:.3f})"


def assert_uniform(x, low, high):
    """U(low, high): every value inside; the extremes near both ends (the chance that
    no value falls in the outer 10/n of the range is about e^-10); mean and standard
    deviation (kurtosis 1.8) as claimed."""
    x = _flat(x)
    span = high - low
    eps = 1e-6 * max(abs(low), abs(high))
    assert x.min() >= low - eps and x.max() <= high + eps, f"values in [{x.min():.6g}, {x.max():.6g}], claimed [{low:.6g}, {high:.6g}]"
    edge = 10 * span / x.size
    assert x.min() <= low + edge and x.max() >= high - edge, f"values in [{x.min():.6g}, {x.max():.6g}] do not reach the claimed ends [{low:.6g}, {high:.6g}]"
    std = span / math.sqrt(12)
    assert_mean(x, (low + high) / 2, std)
    assert_std(x, std, kurtosis=1.8)


def assert_symmetric_uniform(x, bound):
    assert_uniform(x, -bound, bound)


def assert_truncated_normal(x, std, cut):
    """Mean 0, standard deviation ``std``, every |value| at most ``cut`` and the largest near it."""
    x = _flat(x)
    assert_mean(x, 0.0, std)
    assert_std(x, std, kurtosis=3.0)
    assert np.abs(x).max() <= cut * (1 + 1e-6), f"max |w| {np.abs(x).max():.6g} beyond the cut {cut:.6g}"
    assert np.abs(x).max() >= 0.95 * cut, f"max |w| {np.abs(x).max():.6g}: not truncated at {cut:.6g}"


def assert_fraction(hits, n, p, what):
    tol = Z * math.sqrt(p * (1 - p) / n)
    assert abs(hits / n - p) <= tol, f"{what}: {hits / n:.4f} of {n}, claimed {p} (±{tol:.4f})"


def assert_mixture(x):
    """The section's custom distribution: 0 with probability 1/2, U(5, 10) and
    U(-10, -5) with probability 1/4 each."""
    x = _flat(x)
    n = x.size
    assert_fraction(int((x == 0).sum()), n, 0.5, "share of zeros")
    assert_fraction(int((x > 0).sum()), n, 0.25, "share in [5, 10]")
    assert_fraction(int((x < 0).sum()), n, 0.25, "share in [-10, -5]")
    nonzero = np.abs(x[x != 0])
    assert nonzero.min() >= 5 and nonzero.max() <= 10, f"nonzero |w| in [{nonzero.min()}, {nonzero.max()}], claimed [5, 10]"
    assert_uniform(x[x > 0], 5, 10)
    assert_uniform(x[x < 0], -10, -5)
