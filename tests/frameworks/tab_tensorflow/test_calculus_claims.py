"""What 미적분 (calculus.md) says, checked against its TensorFlow tab."""
import importlib

import prelim_claims as pc

TAB, MODULE = "tensorflow", "tensorflow"


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


def test_d2l_imports_matplotlib_only_inside_its_functions_but_tensorflow_imports_it():
    pc.check_d2l_import_leaves_matplotlib(MODULE, framework_imports_it=True)


def test_to_numpy_takes_tensors_and_variables():
    import tensorflow as tf
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    assert (pc.check_to_numpy(sec, x) == x.numpy()).all()
    v = tf.Variable(x)
    assert (pc.check_to_numpy(sec, v) == x.numpy()).all()
