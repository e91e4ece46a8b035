"""What 미적분 (calculus.md) says, checked against its JAX tab."""
import importlib

import prelim_claims as pc

TAB, MODULE = "jax", "jax"


def test_every_demo_is_in_the_tab():
    pc.check_demo_count(TAB)


def test_the_difference_quotient_tends_to_the_derivative():
    pc.check_limit(TAB)


def test_partial_derivatives_and_the_chain_rule():
    pc.check_partial_and_chain(TAB)


def test_the_tangent_plot():
    pc.check_tangent_plot(TAB)


def test_d2l_plot_draws_one_line_per_curve():
    sec = pc.run(TAB, pc.CALCULUS, "x")
    pc.check_d2l_plot(importlib.import_module(f"d2l.{MODULE}"), sec.ns["x"])


def test_the_notebook_svg_is_byte_stable_and_undated():
    pc.check_svg_is_byte_stable(MODULE)


def test_a_plot_with_alt_text_is_shown_once_with_it():
    pc.check_show_figure_gives_the_alt_text(MODULE)


def test_importing_d2l_does_not_import_matplotlib():
    pc.check_d2l_import_leaves_matplotlib(MODULE)


def test_to_numpy_is_device_get():
    import jax
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    assert isinstance(x, jax.Array)
    assert (pc.check_to_numpy(sec, x) == jax.device_get(x)).all()
