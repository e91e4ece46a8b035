"""The per-framework PDFs of the built book (tools/pdf.py): the whole book with only that
framework's code, math rendered, Korean text in embedded fonts, code that keeps its
indentation; navigable (outline, tags, language, title, read back with pypdf); linked from
every page beside the notebook zips."""
import functools
import html
import os
import re
import shutil
import subprocess
import urllib.request
import zlib

import pytest

from reading import HTML, ROOT, SECTION, wait_for
from tools import frameworks

TABS = frameworks.TABS
# a line of code that only that framework's tab has
CODE = {
    "mxnet": ["from mxnet import init, np, npx", "npx.set_np()"],
    "pytorch": ["import torch", "nn.Linear(6, 10)", "def two_bands_(tensor):"],
    "tensorflow": ["import tensorflow as tf", "tf.keras.layers.Dense"],
    "jax": ["from flax import linen as nn", "jnp."],
}


def pdf_path(tab):
    return os.path.join(HTML, "_static", "downloads", f"d2l-ko-{tab}.pdf")


def tool(name):
    if not shutil.which(name):
        pytest.skip(f"{name} is not installed; as root: apt-get install -y poppler-utils")
    return name


@functools.lru_cache(maxsize=None)
def text(tab, *options):
    path = pdf_path(tab)
    assert os.path.isfile(path), f"no {path}: the build prints the PDFs when chromium is installed"
    return subprocess.run([tool("pdftotext"), *options, path, "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("tab", TABS)
def test_pdf_has_this_frameworks_code_only(tab):
    pdf = text(tab, "-layout")
    for line in CODE[tab]:
        assert line in pdf, (tab, line)
    for other in TABS:
        if other != tab:
            assert [line for line in CODE[other] if line in pdf] == [], (tab, other)
    assert "mxnetpytorch" not in pdf.lower() and "파라미터 초기화" in pdf


def test_pytorch_pdf_is_the_whole_book_with_rendered_math_and_korean_text():
    pdf = text("pytorch", "-layout")
    for title in ("인터랙티브 딥러닝", "빌더 가이드", "파라미터 초기화", "사용자 정의 초기화", "연습 문제"):
        assert title in pdf, title
    assert len(re.findall(r"[가-힣]", pdf)) > 1000
    for raw in ("\\(", "\\)", "\\[", "\\begin", "\\textrm", "\\sqrt", "\\frac", "$$"):
        assert raw not in pdf, f"raw TeX {raw!r} in the PDF"
    assert "√" in pdf  # the math was drawn (by MathJax), and its text is still there


def test_pytorch_pdf_code_keeps_its_indentation():
    lines = text("pytorch", "-layout").splitlines()
    start = next(i for i, line in enumerate(lines) if "def two_bands_(tensor):" in line)
    block = [line for line in lines[start:start + 6] if line.strip()]
    indent = [len(line) - len(line.lstrip()) for line in block[:4]]
    assert block[1].strip() == "with torch.no_grad():"
    assert block[2].strip().startswith("size = torch.empty_like(tensor)")
    assert indent[0] < indent[1] < indent[2] and indent[2] == indent[3], block
    # pdftotext -layout places text by position; a reader copying from a viewer gets the
    # characters themselves: the code font must hold a real space glyph (U+0020)
    assert " " in monospace_characters(pdf_path("pytorch"))


def monospace_characters(path):
    """The characters the PDF's embedded monospace font maps glyphs to (its ToUnicode map)."""
    with open(path, "rb") as f:
        data = f.read()
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}
    chars = set()
    for body in objects.values():
        if re.search(rb"/BaseFont /\w+\+\w*Mono\w*", body) and b"/ToUnicode" in body:
            cmap = objects[int(re.search(rb"/ToUnicode (\d+) 0 R", body).group(1))]
            raw = re.search(rb"stream\r?\n(.*?)\r?\nendstream", cmap, re.S).group(1)
            for code in re.findall(rb"<[0-9A-F]+>\s*<([0-9A-F]{4})>", zlib.decompress(raw)):
                chars.add(chr(int(code, 16)))
    return chars


@pytest.mark.parametrize("tab", ["pytorch", "jax"])
def test_pdf_fonts_are_embedded(tab):
    out = subprocess.run([tool("pdffonts"), pdf_path(tab)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), out  # the "emb" column
    assert any("Mono" in row[0] for row in rows)


def test_pdfs_are_linked_beside_the_zips(browser, site):
    browser.get(site + SECTION)
    wait_for(browser, "document.querySelectorAll('.d2l-links a.d2l-pdf').length")
    links = browser.execute_script("""return [...document.querySelectorAll('.d2l-links a')].map(
        a => [a.className.split(' ')[0], a.dataset.tab, a.href, a.textContent])""")
    kinds = [kind for kind, *_ in links]
    assert kinds.index("d2l-pdf") > max(i for i, k in enumerate(kinds) if k == "d2l-download")
    pdfs = {tab: url for kind, tab, url, _ in links if kind == "d2l-pdf"}
    assert sorted(pdfs) == sorted(TABS)
    for tab, url in pdfs.items():
        assert url.endswith(f"/_static/downloads/d2l-ko-{tab}.pdf")
        with urllib.request.urlopen(url) as response:
            assert response.read(5) == b"%PDF-"



def pdf_reader(tab):
    pypdf = pytest.importorskip("pypdf", reason="pypdf is in the book's lock: run ./build.sh setup")
    assert os.path.isfile(pdf_path(tab)), f"no {pdf_path(tab)}: the build prints the PDFs when chromium is installed"
    return pypdf.PdfReader(pdf_path(tab))


def outline_titles(entries):
    for entry in entries:
        if isinstance(entry, list):
            yield from outline_titles(entry)
        else:
            yield entry.title


def page_titles():
    """The title of every page of the book that the PDFs print (not the index or search)."""
    from audit import pages
    titles = []
    for page in pages():
        if page.startswith(("genindex", "search")):
            continue
        with open(os.path.join(HTML, page), encoding="utf-8") as f:
            title = re.search(r"<title>(.*?)</title>", f.read(), re.S).group(1)
        titles.append(html.unescape(title).split(" — ")[0].strip())
    return titles


@pytest.mark.parametrize("tab", TABS)
def test_pdf_is_navigable_tagged_korean_and_titled(tab):
    """Read back with a PDF library: an outline entry for every page of the book, a tagged
    structure tree, Korean as the document language, and the title (book once, framework)."""
    import configparser
    reader = pdf_reader(tab)
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "ko"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    config = configparser.ConfigParser()
    config.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    assert reader.metadata.title == f"{config['project']['title']} — {frameworks.DISPLAY[tab]}"
    unnumbered = lambda t: re.sub(r"^[\d.]+\s+", "", t).strip()  # the outline numbers sections only
    entries = {unnumbered(t) for t in outline_titles(reader.outline)}
    missing = [t for t in page_titles() if unnumbered(t) not in entries]
    assert len(entries) > len(page_titles()) and missing == [], (missing, sorted(entries)[:10])


# sentences just before each figure of the book, and matplotlib's second colour (#ff7f0e),
# which only a figure puts on a page: the figures are vector paths, so pdfimages sees none
FIGURES = ["접선을 함께 그립니다", "점선은 참 확률입니다"]


def orange_pixels(tab, page):
    """Pixels of matplotlib's orange on ``page`` of the tab's PDF, rendered at 72 dpi."""
    ppm = subprocess.run([tool("pdftoppm"), "-r", "72", "-f", str(page), "-l", str(page), pdf_path(tab)],
                         capture_output=True, check=True).stdout
    pixels = ppm.split(b"\n", 3)[3]  # after P6, width height, 255
    # each channel's test as one bit per pixel (bytes.translate), the three ANDed as integers:
    # half a million pixels a page, which a Python loop took a third of a second for
    bits = [int.from_bytes(pixels[c::3].translate(bytes(int(test(v)) for v in range(256))), "big")
            for c, test in enumerate([lambda v: v > 200, lambda v: 90 < v < 180, lambda v: v < 90])]
    return bin(bits[0] & bits[1] & bits[2]).count("1")


@pytest.mark.parametrize("tab", TABS)
def test_each_figure_is_printed(tab):
    pages = text(tab).split("\f")
    for sentence in FIGURES:
        found = [i + 1 for i, page in enumerate(pages) if sentence.replace(" ", "") in re.sub(r"\s+", "", page)]
        assert found, f"{sentence!r} is not in the {tab} PDF"
        page = found[0]
        assert orange_pixels(tab, page) + orange_pixels(tab, page + 1) > 50, (tab, sentence, page)
    assert orange_pixels(tab, 1) == 0  # the title page has no figure: the colour is the figure's
