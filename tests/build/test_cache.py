"""Evaluated results are stored by key, several per notebook (jupyter-cache, tools/evaluation.py),
and the last published copies of the HTML are kept (tools/publishing.py): an edit that is
reverted, or a branch switched away from and back, evaluates nothing and runs no Sphinx."""
import json

from fixture_book import SECTION, run_build
from test_incremental import edit


def ran(proc):
    return [line for line in proc.stdout.splitlines() if ": ran " in line]


def test_a_reverted_code_edit_evaluates_nothing(book):
    original = (book / SECTION).read_text()
    edit(book / SECTION, "x = 6 * 7", "x = 6 * 8")
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert [line.split(": ran")[0] for line in ran(proc)] == ["[eval] sec [pytorch]"]
    assert "48" in (book / "_build" / "html" / "sec.html").read_text()
    (book / SECTION).write_text(original)  # the edit reverted, as after a branch switch back
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert ran(proc) == [] and "0 to run, 2 unchanged" in proc.stdout, proc.stdout
    # the HTML of these inputs was published before: that copy again, without Sphinx
    assert "published again" in proc.stdout and "running Sphinx" not in proc.stdout, proc.stdout
    nb = json.loads((book / "_build" / "notebooks" / "pytorch" / "sec.ipynb").read_text())
    printed = ["".join(o["text"]) for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert printed == ["42\n"]  # the stored outputs of the original code, not of the edit
    assert "48" not in (book / "_build" / "html" / "sec.html").read_text()


def test_the_store_is_bounded(book):
    """With room for one result per tab, the reverted edit's outputs were dropped: it runs again."""
    small = {"D2L_CACHE_ENTRIES": "1"}
    edit(book / SECTION, "x = 6 * 7", "x = 6 * 9")
    assert ran(run_build(book, env=small))
    edit(book / SECTION, "x = 6 * 9", "x = 6 * 7")
    assert [line.split(": ran")[0] for line in ran(run_build(book, env=small))] == ["[eval] sec [pytorch]"]
    assert len(list((book / "_build" / "cache" / "pytorch" / "executed").iterdir())) == 1
