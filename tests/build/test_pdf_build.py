"""The per-framework PDFs in the build: printed after the HTML is published when chromium
is there (in the background for an author's build), printed again only when the HTML
changed, never published stale, and a clear message (and a book without PDF links)
when chromium is missing."""
import os
import shutil
import subprocess

import pytest

from fixture_book import SECTION, run_build, wait_for_lock
from tools import frameworks

PDFS = [f"fixture-{tab}.pdf" for tab in frameworks.TABS]


@pytest.fixture(scope="module")
def built_book(built_book, tmp_path_factory):
    """The shared small book (the other build tests go without PDFs), copied and built again
    with chromium: the PDFs are printed (and linked), and no notebook runs again."""
    book = tmp_path_factory.mktemp("pdf") / "book"
    shutil.copytree(built_book, book, symlinks=True)
    proc = run_build(book, pdf=True)
    assert proc.returncode == 0 and "[pdf] printing" in proc.stdout, proc.stdout + proc.stderr
    assert ": 0 to run," in proc.stdout, proc.stdout
    return book


def downloads(book):
    return sorted(n for n in os.listdir(book / "_build" / "html" / "_static" / "downloads") if n.endswith(".pdf"))


def pdf_links(book):
    """Whether the book links its PDFs (d2l_links, which the theme turns into buttons)."""
    return "fixture-pytorch.pdf" in (book / "_build" / "rst_all" / "_d2l_links.json").read_text(encoding="utf-8")


def test_pdfs_are_printed_once_and_again_only_when_the_html_changes(book):
    assert downloads(book) == sorted(PDFS) and pdf_links(book)
    pdf = book / "_build" / "html" / "_static" / "downloads" / "fixture-pytorch.pdf"
    before = pdf.read_bytes()
    # Sphinx runs again (its recorded inputs are gone) but writes the same HTML: no printing
    os.remove(book / "_build" / "html" / ".d2l-inputs")
    os.remove(book / "_build" / "html" / ".d2l-fingerprint")
    proc = run_build(book, pdf=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PDFs are reused" in proc.stdout and "[pdf] printing" not in proc.stdout, proc.stdout
    assert pdf.read_bytes() == before
    # the text changes: the new page is published at once, without the stale PDF, and the
    # PDF printed in the background appears beside it once it holds the new text
    (book / SECTION).write_text((book / SECTION).read_text().replace("Text for PyTorch.", "Changed text for PyTorch."))
    proc = run_build(book, pdf=True, wait=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "in the background" in proc.stdout, proc.stdout
    assert "Changed text" in (book / "_build" / "html" / "sec.html").read_text()
    assert not pdf.exists() or pdf.read_bytes() != before  # never the old PDF with the new page
    wait_for_lock(book)
    assert pdf.read_bytes() != before and downloads(book) == sorted(PDFS)
    assert "Changed text" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert run_build(book, pdf=True).stdout.count("nothing changed since the last build") == 1


def test_without_chromium_the_build_says_how_to_get_pdfs(book):
    (book / SECTION).write_text((book / SECTION).read_text().replace("Text for JAX.", "Other text for JAX."))
    proc = run_build(book, pdf=True, env={"D2L_CHROMIUM": "/nonexistent/chromium"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[pdf] warning" in proc.stdout and "apt-get install -y chromium chromium-driver" in proc.stdout, proc.stdout
    assert downloads(book) == [] and not pdf_links(book)  # no PDF, and no link to one
