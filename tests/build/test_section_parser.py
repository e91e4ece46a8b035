"""The claim tests read each tab's code with their own small parser (framework
environments have no d2lbook); it must agree with d2lbook on every section."""
import glob
import os
import sys

import pytest
from d2lbook import notebook

from tools import frameworks

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "frameworks"))
from section import tab_cells  # noqa: E402

TABS = frameworks.TABS
SECTIONS = sorted(glob.glob(os.path.join(ROOT, "chapters", "**", "*.md"), recursive=True))


@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: os.path.relpath(p, ROOT))
@pytest.mark.parametrize("tab", TABS)
def test_parser_agrees_with_d2lbook(path, tab):
    with open(path, encoding="utf-8") as f:
        nb = notebook.split_markdown_cell(notebook.read_markdown(f.read()))
    tab_nb = notebook.get_tab_notebook(nb, tab, TABS[0])
    expected = [c.source.strip("\n") for c in tab_nb.cells if c.cell_type == "code"] if tab_nb else []
    assert tab_cells(tab, path) == expected
