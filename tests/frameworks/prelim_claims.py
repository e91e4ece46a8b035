"""Shared parts of the claim tests of 미적분 (calculus.md), 자동 미분 (autograd.md) and
확률과 통계 (probability.md): the demos of each section and the checks whose statement
is the same in every tab. Each tab's own file adds what only that framework does.

Values the sections print are compared with values computed here independently (in
NumPy or plain Python, from the formulas the prose states), never with the section's
own numbers."""
import math

import numpy as np

import fresh
from section import Section, chapter

CALCULUS, AUTOGRAD, PROBABILITY = chapter("calculus"), chapter("autograd"), chapter("probability")
DEMOS = {
    CALCULUS: ["imports", "limit", "partial", "chain", "to_numpy", "svg", "plot_helpers", "x", "tangent"],
    AUTOGRAD: ["imports", "simple", "second", "nonscalar", "detach", "detach_y", "control"],
    PROBABILITY: ["imports", "roll", "counts", "running", "plot", "last", "joint", "bayes", "moments"],
}
PROBS = np.array([0.1, 0.2, 0.3, 0.4])
X = np.arange(4.0)  # the x of every autograd demo


def run(tab, path, demo, seed=None):
    """A fresh run of ``tab``'s cells of ``path`` through ``demo``; ``seed`` replaces the
    section's seed 0 in its first cell (to see that a statistical claim is not one lucky seed)."""
    from matplotlib import pyplot as plt
    plt.close("all")
    sec = Section(tab, path)
    if seed is not None:
        assert "seed(0)" in sec.cells[0], "the first cell seeds with 0"
        sec.cells[0] = sec.cells[0].replace("seed(0)", f"seed({seed})")
    sec.printed = sec.run_through(DEMOS[path].index(demo))
    return sec


def check_demo_count(tab):
    for path, demos in DEMOS.items():
        assert len(Section(tab, path).cells) == len(demos), (path, tab)


# --------------------------------------------------------------------------- calculus

def check_limit(tab):
    """(f(1+h) - f(1)) / h is 1 + 3h + h^2 for f(x) = x^3 - 2x, and tends to f'(1) = 1."""
    lines = run(tab, CALCULUS, "limit").printed.splitlines()
    hs = [0.1, 0.01, 0.001, 0.0001, 0.00001]
    assert len(lines) == len(hs)
    shown = [float(line.rsplit("=", 1)[1]) for line in lines]
    for h, value in zip(hs, shown):
        assert abs(value - (1 + 3 * h + h * h)) < 1e-6, (h, value)
    assert shown[:3] == [1.31, 1.0301, 1.003001]
    errors = [abs(v - 1) for v in shown]
    assert errors == sorted(errors, reverse=True) and errors[-1] < 1e-4


def check_partial_and_chain(tab):
    assert run(tab, CALCULUS, "partial").printed == "4.0000, 7.0000\n"  # 2*x1*x2 and x1^2 + 3 at (2, 1)
    numeric, exact = map(float, run(tab, CALCULUS, "chain").printed.split(","))
    assert exact == round(2 * 0.5 * math.cos(0.25), 6) and abs(numeric - exact) < 1e-6


def check_to_numpy(sec, tensor):
    to_numpy = sec.ns["to_numpy"]
    out = to_numpy(tensor)
    assert isinstance(out, np.ndarray)
    assert to_numpy([1, 2]) == [1, 2] and to_numpy(2.5) == 2.5  # other values pass through
    return out


def check_tangent_plot(tab):
    """One figure of 3.5 x 2.5 inches, one axes, two curves: f and its tangent at x = 1."""
    from matplotlib import pyplot as plt
    run(tab, CALCULUS, "tangent")
    fig = plt.gcf()
    assert len(plt.get_fignums()) == 1 and len(fig.axes) == 1
    assert tuple(fig.get_size_inches()) == (3.5, 2.5)
    ax = fig.axes[0]
    curve, tangent = ax.get_lines()
    x = np.linspace(-2, 2, 81)
    assert np.allclose(curve.get_xdata(), x, atol=1e-6) and np.allclose(curve.get_ydata(), x ** 3 - 2 * x, atol=1e-5)
    assert np.allclose(tangent.get_ydata(), x - 2, atol=1e-6)
    # the tangent touches the curve at x = 1 with the slope f'(1) = 1
    i = int(np.argmin(abs(x - 1)))
    assert abs(curve.get_ydata()[i] - tangent.get_ydata()[i]) < 1e-6
    slope = np.diff(tangent.get_ydata()) / np.diff(x)
    assert np.allclose(slope, 1, atol=1e-4)
    assert (curve.get_linestyle(), tangent.get_linestyle()) == ("-", "--")
    assert ax.get_xlabel() == "x" and ax.get_ylabel() == "f(x)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["f(x)", "tangent line (x=1)"]


def check_d2l_plot(d2l, tensor):
    """d2l.plot (generated from the book) draws one line per curve, cycling the styles."""
    from matplotlib import pyplot as plt
    plt.close("all")
    d2l.plot(tensor, tensor)
    assert len(plt.gca().get_lines()) == 1
    d2l.plot(tensor, [tensor] * 5, legend=list("abcde"), xscale="log", ylim=(0, 9))
    ax = plt.gca()
    assert len(plt.get_fignums()) == 2  # each call without axes makes a new figure
    assert [line.get_linestyle() for line in ax.get_lines()] == ["-", "--", "-.", ":", "-"]
    assert ax.get_xscale() == "log" and ax.get_ylim() == (0, 9) and len(ax.get_legend().get_texts()) == 5
    fig, axes = plt.subplots(1, 2)
    d2l.plot(tensor, [tensor, tensor], axes=axes[1])  # the given axes, no new figure
    assert len(axes[1].get_lines()) == 2 and len(axes[0].get_lines()) == 0 and len(plt.get_fignums()) == 3
    plt.close("all")


def check_svg_is_byte_stable(module):
    """The notebook's SVG (what the inline backend shows after use_svg_display) is the same
    bytes each time it is made and carries no date; matplotlib's own default SVG is not."""
    first, second = fresh.report(module)["svgs"]
    assert first.startswith("<?xml") or first.lstrip().startswith("<svg"), first[:80]
    assert first == second and "<dc:date>" not in first and 'id="' in first
    plain = fresh.plain_svgs()
    assert plain[0] != plain[1] and "<dc:date>" in plain[0]  # random ids and a date without the settings


def check_show_figure_gives_the_alt_text(module):
    """In a notebook's kernel, plot(alt=...) shows its figure once, with the alt text as the
    output's metadata, and closes it; a plot without alt stays open for the cell's end to show.
    Outside a kernel (the other claim tests) the figure stays open."""
    seen = fresh.report(module)
    shown = seen["shown"]
    assert len(shown) == 1 and shown[0][0] == {"alt": "포물선 하나"} and "image/svg+xml" in shown[0][1], seen
    assert seen["open_lines"] == [[0, 1, 4], [0, 1, 2]], seen  # the shown figure was closed


def check_d2l_import_leaves_matplotlib(module, framework_imports_it=False):
    """The d2l module imports matplotlib only inside its functions: importing it loads no
    matplotlib unless the framework itself does (TensorFlow)."""
    import ast
    import importlib
    path = importlib.import_module(f"d2l.{module}").__file__
    with open(path, encoding="utf-8") as f:
        top = [n for n in ast.parse(f.read()).body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not [n for n in top if "matplotlib" in ast.dump(n)]
    assert ("matplotlib" in fresh.report(module)["loaded"]) == framework_imports_it


# --------------------------------------------------------------------------- probability

def frequencies(faces, n):
    """Relative frequency of each of the four faces (0..3) among ``faces``."""
    faces = np.asarray(faces).reshape(-1)
    assert faces.shape == (n,) and set(np.unique(faces)) <= {0, 1, 2, 3}
    return np.bincount(faces, minlength=4) / n


def check_roll_spread(sec, to_numpy):
    """Relative frequencies of 1,000 rolls have mean p and standard deviation sqrt(p(1-p)/n)
    (within 20 %), seen over 300 experiments of 1,000 rolls each."""
    rolls = np.asarray(to_numpy(sec.ns["roll"](300_000))).reshape(300, 1000)
    freq = np.stack([np.bincount(r, minlength=4) / 1000 for r in rolls])
    assert np.allclose(freq.mean(axis=0), PROBS, atol=0.004)
    predicted = np.sqrt(PROBS * (1 - PROBS) / 1000)
    assert np.allclose(freq.std(axis=0), predicted, rtol=0.2), (freq.std(axis=0), predicted)
    assert 0.009 < predicted.min() and predicted.max() < 0.016  # "0.01에서 0.016쯤"


def check_running(sec, to_numpy, tolerance=0.03):
    """The running frequencies of 5,000 rolls: rows sum to 1, the last row within
    ``tolerance`` (about four standard deviations) of the truth."""
    running = np.asarray(to_numpy(sec.ns["running"]))
    assert running.shape == (5000, 4)
    assert np.allclose(running.sum(axis=1), 1, atol=1e-5)
    assert np.all(abs(running[-1] - PROBS) < tolerance), running[-1]
    return running


def check_convergence_plot(tab):
    from matplotlib import pyplot as plt
    sec = run(tab, PROBABILITY, "plot")
    fig = plt.gcf()
    assert len(plt.get_fignums()) == 1 and tuple(fig.get_size_inches()) == (4.5, 3)
    ax = fig.axes[0]
    lines = ax.get_lines()
    assert len(lines) == 8  # four running frequencies, four dotted truths
    running = np.asarray(sec.ns["d2l"].to_numpy(sec.ns["running"]))
    for i, line in enumerate(lines[:4]):
        assert np.array_equal(line.get_xdata(), np.arange(1, 5001))
        assert np.allclose(line.get_ydata(), running[:, i])
    assert [line.get_ydata()[0] for line in lines[4:]] == list(PROBS)
    assert all(line.get_linestyle() == ":" for line in lines[4:]) and all(line.get_linestyle() == "-" for line in lines[:4])
    assert len({line.get_color() for line in lines[:4]}) == 4
    assert ax.get_xscale() == "log" and ax.get_ylim() == (0, 0.7)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"P(X={i})" for i in range(1, 5)]


def check_joint(values):
    """p_weather, p_commute, p_commute_given_weather and the joint table, as NumPy arrays."""
    p_weather, p_commute, cond, joint = values
    table = np.array([[0.30, 0.25, 0.15], [0.03, 0.15, 0.12]])
    assert np.allclose(joint, table) and abs(joint.sum() - 1) < 1e-6
    assert np.allclose(p_weather, [0.7, 0.3]) and np.allclose(p_commute, [0.33, 0.4, 0.27])
    assert np.allclose(cond.sum(axis=1), 1) and np.allclose(cond[1], [0.1, 0.5, 0.4])
    assert abs(cond[0, 0] - 0.3 / 0.7) < 1e-6 and round(float(cond[0, 0]), 2) == 0.43
    assert abs(0.3 * 0.33 - 0.099) < 1e-12 and not np.allclose(joint, np.outer(p_weather, p_commute))
    # Bayes: P(rain | bus) from P(bus | rain), and straight from the table
    assert abs(cond[1, 1] * p_weather[1] / p_commute[1] - 0.375) < 1e-6
    assert abs(joint[1, 1] / p_commute[1] - 0.375) < 1e-6


def check_bayes(sec, to_numpy):
    p_t = 0.95 * 0.02 + 0.1 * 0.98
    posterior = 0.95 * 0.02 / p_t
    twice = 0.95 ** 2 * 0.02 / (0.95 ** 2 * 0.02 + 0.01 * 0.98)
    first, second = sec.printed.splitlines()
    assert first.startswith(f"P(T=1) = {p_t:.3f}, P(D=1|T=1) = {posterior:.4f}, ")
    assert (f"{p_t:.3f}", f"{posterior:.4f}", f"{twice:.4f}") == ("0.117", "0.1624", "0.6481")
    assert second == f"P(D=1|T1=1,T2=1) = {twice:.4f}"
    simulated = float(first.rsplit(":", 1)[1])
    assert abs(simulated - posterior) < 0.015 and abs(simulated - float(to_numpy(sec.ns["simulated"]))) < 1e-4
    alarms = np.asarray(to_numpy(sec.ns["alarm"])).sum()
    spread = math.sqrt(100_000 * p_t * (1 - p_t))  # about 100
    assert abs(alarms - 11_700) < 4 * spread
    assert abs(math.sqrt(posterior * (1 - posterior) / 11_700) - 0.0034) < 0.0001
    # false alarms outnumber true ones more than five times
    assert 0.1 * 0.98 / (0.95 * 0.02) > 5


def check_moments(values, unbiased=False):
    """mean and var of the distribution, sample mean and sample variance of 10,000 rolls."""
    mean, var, sample_mean, sample_var = (float(v) for v in values)
    assert abs(mean - (PROBS * np.arange(1, 5)).sum()) < 1e-6 and abs(mean - 3) < 1e-6
    assert abs((PROBS * np.arange(1, 5) ** 2).sum() - 10) < 1e-9 and abs(var - 1) < 1e-5
    assert abs(sample_mean - 3) < 0.04  # four standard deviations of 0.01
    assert abs(sample_var - 1) < 0.05  # Var of the sample variance: (E[(X-3)^4] - 1) / n = 1.2e-4


def check_variance_divisor(sample, var, unbiased):
    """``var`` of ``sample`` divides by n (NumPy's) or by n - 1 (unbiased)."""
    sample = np.asarray(sample, dtype=np.float64)
    assert abs(float(var) - sample.var(ddof=1 if unbiased else 0)) < 1e-4
    assert abs(float(var) - sample.var(ddof=0 if unbiased else 1)) > 1e-5


# --------------------------------------------------------------------------- autograd

def grow_factor(a):
    """k with grow(a) = k * a, from the prose: triple until |.| >= 100, then keep a positive
    result or double a negative one and flip its sign (computed here in float64)."""
    k = 3.0
    while abs(k * a) < 100:
        k *= 3
    return k if k * a > 0 else -2 * k
