"""The book's own code for one tab, run cell by cell in this process.

Framework environments have no d2lbook, so the code cells are read here with a small
parser of the same rules (``tests/build/test_section_parser.py`` checks it against
d2lbook itself). A cell is a fenced ``{.python .input}`` block whose first line is
``%%tab <tabs>``; it belongs to a tab named there, or to every tab with ``all``.

Claim files use it as ``Section(tab, chapter("<section>"))``; where they go and how they
are named is in tools/claims.py and the README ("절 추가하기").
"""
import contextlib
import glob
import io
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def chapter(name):
    """The markdown source of section ``name``, in whichever chapter folder holds it."""
    found = glob.glob(os.path.join(ROOT, "chapters", "*", f"{name}.md"))
    if len(found) != 1:
        raise LookupError(f"section {name!r}: expected one chapters/*/{name}.md, found {found}")
    return found[0]


INIT_PARAM = chapter("init-param")

_CELL = re.compile(r"^```\{\.python \.input\}[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def tab_cells(tab, path):
    """Sources of the code cells that ``tab`` runs, in order, without their ``%%tab`` line."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    cells = []
    for m in _CELL.finditer(text):
        lines = m.group(1).rstrip("\n").split("\n")
        head = re.match(r"%%tab\s+(.*)", lines[0])
        if head and (tab in [t.strip() for t in head.group(1).split(",")] or head.group(1).strip() == "all"):
            cells.append("\n".join(lines[1:]).strip("\n"))
    return cells


class Section:
    """Runs a tab's cells one at a time in one namespace, as a notebook would."""

    def __init__(self, tab, path):
        """``path``: the section's markdown, e.g. ``chapter("init-param")``; no default, so a
        claim file cannot check another section's cells by mistake."""
        self.tab = tab
        self.cells = tab_cells(tab, path)
        self.ns = {"__name__": f"section_{tab}"}
        self.ran = 0
        self.stdout = []

    def run(self, source, name="cell"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(source, f"<{self.tab} {name}>", "exec"), self.ns)
        self.stdout.append(out.getvalue())
        return out.getvalue()

    def run_through(self, index):
        """Run the cells up to and including ``index``; return the last cell's stdout."""
        printed = ""
        while self.ran <= index:
            printed = self.run(self.cells[self.ran], f"cell {self.ran + 1}")
            self.ran += 1
        return printed

    def run_before(self, index):
        if index:
            self.run_through(index - 1)


def run_demo(tab, path, demos, demo):
    """A fresh run of ``tab``'s cells of ``path`` through the cell of ``demo`` (demos: the
    names of the tab's cells, in order); returns the Section."""
    sec = Section(tab, path)
    sec.run_through(demos.index(demo))
    return sec
