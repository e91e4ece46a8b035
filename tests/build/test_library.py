"""d2l/<module>.py is what d2lbook's #@save mechanism makes of the book: the committed
package and the book cannot drift apart."""
import os

import pytest

from fixture_book import ROOT
from tools import frameworks, library


@pytest.fixture
def book(monkeypatch):
    monkeypatch.chdir(ROOT)
    from tools.sources import Book
    return Book()


@pytest.mark.parametrize("tab", frameworks.TABS)
def test_committed_module_is_what_the_book_generates(book, tab):
    with open(library.module_path(tab), encoding="utf-8") as f:
        committed = f.read()
    assert library.generated(book, tab) == committed, \
        f"d2l/{frameworks.TABLE[tab].module}.py differs from the book's #@save cells: run ./build.sh and commit it"


def test_a_saved_cell_reaches_its_tabs_module_only(book, monkeypatch, tmp_path):
    """The mechanism itself: a #@save function of one tab lands in that tab's module."""
    src = tmp_path / "chapters"
    src.mkdir()
    (src / "index.md").write_text("# Book\n\n```toc\nsec\n```\n")
    (src / "sec.md").write_text(
        "# Sec\n:label:`sec_x`\n\n```{.python .input}\n%%tab pytorch\n"
        "def twice(x):  #@save\n    \"\"\"Two of x.\"\"\"\n    return 2 * x\n\nprint(twice(2))\n```\n\n"
        "```{.python .input}\n%%tab jax\nprint(3)\n```\n")
    monkeypatch.setattr(book, "src_dir", str(src))
    monkeypatch.setattr(book, "sections", lambda: ["index", "sec"])
    torch_module = library.generated(book, "pytorch")
    assert "def twice(x):\n    \"\"\"Two of x.\"\"\"\n    return 2 * x" in torch_module
    assert "print(twice(2))" not in torch_module  # only the saved block
    assert "set_seed, get_seed = seeder(torch.manual_seed)" in torch_module  # the hand-written head stays
    assert "twice" not in library.generated(book, "jax")
    assert os.path.basename(library.module_path("pytorch")) == "torch.py"


@pytest.mark.parametrize("tab", frameworks.TABS)
def test_every_saved_function_has_one_docstring_that_says_where(tab):
    """d2lbook adds "Defined in" to a one-line docstring only; a longer one gets a second
    string statement that help() never shows. Every function below the banner has one."""
    import ast
    with open(library.module_path(tab, ROOT), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    saved = [n for n in functions if "Defined in" in ast.unparse(n)]
    assert saved, f"no #@save function in the {tab} module"
    stray = [n.name for n in saved
             if "Defined in" not in (ast.get_docstring(n) or "")
             or (len(n.body) > 1 and isinstance(n.body[1], ast.Expr) and isinstance(n.body[1].value, ast.Constant))]
    assert stray == [], f"{tab}: write the docstring of {stray} on one line (d2lbook merges only those)"
