"""Evaluated results are stored by key, several per notebook (jupyter-cache, tools/evaluation.py),
and the last published copies of the HTML are kept with their notebooks (tools/publishing.py):
an edit that is reverted, or a branch switched away from and back, evaluates nothing and runs
no Sphinx."""
import shutil

from fixture_book import SECTION, run_build
from test_incremental import _outputs, edit


def ran(proc):
    return [line for line in proc.stdout.splitlines() if ": ran " in line]


def _edit_then_revert(book):
    """Build with a code edit, then put the section back as it was (as after a branch switch
    back); returns the notebook's bytes before the edit."""
    notebook = book / "_build" / "notebooks" / "pytorch" / "sec.ipynb"
    original, before = (book / SECTION).read_text(), notebook.read_bytes()
    edit(book / SECTION, "x = 6 * 7", "x = 6 * 8")
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert [line.split(": ran")[0] for line in ran(proc)] == ["[eval] sec [pytorch]"]
    assert "48" in (book / "_build" / "html" / "sec.html").read_text()
    (book / SECTION).write_text(original)
    return before


def test_a_reverted_code_edit_publishes_the_book_built_before(book):
    before = _edit_then_revert(book)
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    # nothing parsed, evaluated or rendered: that build's notebooks and HTML are put back
    assert "these sources were built before" in proc.stdout and "[eval]" not in proc.stdout, proc.stdout
    assert (book / "_build" / "notebooks" / "pytorch" / "sec.ipynb").read_bytes() == before
    assert "48" not in (book / "_build" / "html" / "sec.html").read_text()
    assert "nothing changed" in run_build(book).stdout  # and that is the whole build again


def test_kept_notebooks_that_changed_are_not_put_back_and_the_store_gives_the_outputs(book):
    _edit_then_revert(book)
    # a kept notebook written over in place (the links share its bytes): the kept copy no longer fits
    changed = 0
    for path in (book / "_build" / "made").glob("*/notebooks/pytorch/sec.ipynb"):
        text = path.read_text()
        path.write_text(text.replace('"42\\n"', '"41\\n"'))
        changed += '"42\\n"' in text
    assert changed == 1  # the copy built before the edit
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    # the sources are parsed, and the store gives the outputs of the original code back
    assert "built before" not in proc.stdout and ran(proc) == [] and "0 to run, 2 unchanged" in proc.stdout, proc.stdout
    # the HTML of these inputs was published before: that copy again, without Sphinx
    assert "published again" in proc.stdout and "running Sphinx" not in proc.stdout, proc.stdout
    assert _outputs(book / "_build" / "notebooks" / "pytorch" / "sec.ipynb") == ["42\n"]
    assert "48" not in (book / "_build" / "html" / "sec.html").read_text()


def test_the_store_is_bounded(book):
    """With room for one result per tab, the reverted edit's outputs were dropped: it runs again."""
    small = {"D2L_CACHE_ENTRIES": "1"}
    edit(book / SECTION, "x = 6 * 7", "x = 6 * 9")
    assert ran(run_build(book, env=small))
    edit(book / SECTION, "x = 6 * 9", "x = 6 * 7")
    shutil.rmtree(book / "_build" / "made")  # the kept copies' notebooks would give them back
    assert [line.split(": ran")[0] for line in ran(run_build(book, env=small))] == ["[eval] sec [pytorch]"]
    assert len(list((book / "_build" / "cache" / "pytorch" / "executed").iterdir())) == 1
