"""Fixtures: the small book of fixture_book.py, built once per module with the real
environments; each test breaks or edits a fresh copy of it."""
import shutil

import pytest

from fixture_book import CONFIG, GOOD, INDEX, SECTION, run_build


def make_book(tmp_path_factory, pdf=False):
    book = tmp_path_factory.mktemp("book")
    (book / "chapters").mkdir()
    (book / "config.ini").write_text(CONFIG)
    (book / "chapters" / "index.md").write_text(INDEX)
    (book / SECTION).write_text(GOOD)
    proc = run_build(book, pdf=pdf)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return book


@pytest.fixture(scope="module")
def built_book(tmp_path_factory):
    return make_book(tmp_path_factory)


@pytest.fixture
def book(built_book, tmp_path):
    """A fresh copy of the good, built book, for one test to break."""
    copy = tmp_path / "book"
    shutil.copytree(built_book, copy, symlinks=True)
    return copy
