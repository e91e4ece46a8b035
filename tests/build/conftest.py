"""Fixtures: the small book of fixture_book.py, built with the real environments once per
test run and shared; each test breaks or edits a fresh copy of it."""
import fcntl
import os
import shutil

import pytest

from fixture_book import CONFIG, GOOD, INDEX, SECTION, run_build


def make_book(tmp_path_factory):
    book = tmp_path_factory.mktemp("book")
    build_into(book)
    return book


def build_into(book):
    (book / "chapters").mkdir()
    (book / "config.ini").write_text(CONFIG)
    (book / "chapters" / "index.md").write_text(INDEX)
    (book / SECTION).write_text(GOOD)
    proc = run_build(book)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The good book built once. ``./build.sh test`` runs the build tests in several pytest
    processes at once and gives them one D2L_FIXTURE_DIR (tools/testing.py): the first to
    get there builds the book, the others wait for it and take a copy."""
    shared = os.environ.get("D2L_FIXTURE_DIR")
    if not shared:
        return make_book(tmp_path_factory)
    book = tmp_path_factory.mktemp("book")
    os.rmdir(book)
    with open(os.path.join(shared, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        first = os.path.join(shared, "book")
        if not os.path.exists(os.path.join(first, "done")):
            shutil.rmtree(first, ignore_errors=True)
            os.makedirs(first)
            build_into(type(book)(first))
            open(os.path.join(first, "done"), "w").close()
    shutil.copytree(first, book, symlinks=True, ignore=shutil.ignore_patterns("done"))
    return book


@pytest.fixture
def book(built_book, tmp_path):
    """A fresh copy of the good, built book, for one test to break."""
    copy = tmp_path / "book"
    shutil.copytree(built_book, copy, symlinks=True)
    return copy
