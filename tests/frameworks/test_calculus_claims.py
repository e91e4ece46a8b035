"""What 미적분 (calculus.md) says alike in every tab, checked in the tab under test (``fw`` is its
adapter); tab_<tab>/test_calculus_<tab>_claims.py adds what only that tab says (how its
``to_numpy`` converts)."""
import prelim_claims as pc


def test_every_demo_is_in_the_tab(fw):
    pc.check_demo_count(fw.tab)


def test_the_difference_quotient_tends_to_the_derivative(fw):
    pc.check_limit(fw.tab)


def test_partial_derivatives_and_the_chain_rule(fw):
    pc.check_partial_and_chain(fw.tab)


def test_the_tangent_plot(fw):
    pc.check_tangent_plot(fw.tab)


def test_d2l_plot_draws_one_line_per_curve(fw):
    sec = pc.run(fw.tab, pc.CALCULUS, "x")
    pc.check_d2l_plot(fw.d2l, sec.ns["x"])


def test_the_notebook_svg_is_byte_stable_and_undated(fw):
    pc.check_svg_is_byte_stable(fw.module)


def test_a_plot_with_alt_text_is_shown_once_with_it(fw):
    pc.check_show_figure_gives_the_alt_text(fw.module)


def test_d2l_imports_matplotlib_only_inside_its_functions(fw):
    """Importing d2l loads no matplotlib, unless the framework itself does (TensorFlow)."""
    pc.check_d2l_import_leaves_matplotlib(fw.module, framework_imports_it=fw.imports_matplotlib)
