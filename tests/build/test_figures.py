"""A figure drawn by a section's code gets the text alternative its output carries
(tools/figures.py): through d2lbook's own notebook-to-rst conversion, into ``:alt:``."""
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import figures

SVG = "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'><rect width='4' height='4'/></svg>"


def plot_output(alt=None):
    return new_output("display_data", data={"image/svg+xml": SVG, "text/plain": "<Figure>"},
                      metadata={"alt": alt} if alt is not None else {})


def rst_of(tmp_path, nb):
    from d2lbook.build import ipynb2rst
    from tools.book import use_bundled_pandoc
    use_bundled_pandoc()  # as the build does: d2lbook's conversion calls pandoc
    path, rst = tmp_path / "plots.ipynb", tmp_path / "plots.rst"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    ipynb2rst(str(path), str(rst))
    return rst.read_text(encoding="utf-8")


def test_each_figure_gets_its_own_alternative_and_one_without_gets_none(tmp_path):
    nb = new_notebook(cells=[
        new_markdown_cell("# 그림"),
        new_code_cell("draw()", outputs=[plot_output("손실이 줄어드는\n선 그래프")]),
        new_code_cell("draw()", outputs=[plot_output()]),
        new_code_cell("draw()", outputs=[plot_output("시그모이드 곡선")]),
    ])
    assert figures.alternatives(nb) == ["손실이 줄어드는 선 그래프", None, "시그모이드 곡선"]
    body = figures.add_alternatives(rst_of(tmp_path, nb), figures.alternatives(nb), "plots")
    lines = body.split("\n")
    shown = [i for i, line in enumerate(lines) if figures.OUTPUT_FIGURE.match(line)]
    assert len(shown) == 3
    assert lines[shown[0] + 1].strip() == ":alt: 손실이 줄어드는 선 그래프"
    assert ":alt:" not in lines[shown[1] + 1]
    assert lines[shown[2] + 1].strip() == ":alt: 시그모이드 곡선"


def test_unpaired_figures_are_an_error_naming_the_section(tmp_path):
    nb = new_notebook(cells=[new_code_cell("draw()", outputs=[plot_output("그래프")])])
    with pytest.raises(ValueError, match="chapter_x/plots: 2 image outputs .* but 1 output figures"):
        figures.add_alternatives(rst_of(tmp_path, nb), ["a", "b"], "chapter_x/plots")
