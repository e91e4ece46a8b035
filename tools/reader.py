"""What the build adds for readers and learners around d2lbook's Sphinx input
(called by tools/book.py after d2lbook has prepared the rst folder):

* ``_static/d2l.js`` and ``d2l.css`` rewritten from the d2lbook pieces the book keeps:
  no analytics, no discussion embed, no copy-button image from GitHub, and no
  position-based tab bar (theme/static/book.js selects tabs by name);
* Colab notebooks, ``_build/colab/<tab>/…ipynb`` (tools/colab.py);
* one zip of the notebooks per framework, served by the book from ``_static/downloads``,
  where tools/pdf.py puts one PDF per framework after Sphinx;
* the per-page links as a JSON file beside d2lbook's conf.py, which the theme turns
  into the per-page buttons.

Zips are written with fixed timestamps, so an unchanged book gives byte-identical
Sphinx inputs and no rebuild.
"""
import io
import json
import os
import zipfile

from tools import colab, envs, frameworks

def settings():
    """config.ini's [notebooks] section (empty when the book has none)."""
    import configparser
    parser = configparser.ConfigParser()
    parser.read("config.ini", encoding="utf-8")
    return dict(parser["notebooks"]) if parser.has_section("notebooks") else {}


def _zip(root, files, prefix):
    """A zip of ``files`` under ``root`` with fixed timestamps: the same notebooks, the same bytes."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in files:
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(root, rel), "rb") as f:
                z.writestr(info, f.read())
    return data.getvalue()


def write_downloads(book, static_dir, write):
    """One zip per framework of its notebooks; returns {tab: path relative to the html root}."""
    out = {}
    for tab in book.tabs:
        root = os.path.join("_build", "notebooks", tab)
        files = sorted(os.path.relpath(os.path.join(b, n), root)
                       for b, _, names in os.walk(root) for n in names if n.endswith(".ipynb"))
        if files:
            name = f"{book.config.project['name']}-{tab}.zip"
            write(os.path.join(static_dir, "downloads", name), _zip(root, files, tab))
            out[tab] = f"_static/downloads/{name}"
    return out


def write_static(rst_dir, write):
    """d2l.js and d2l.css from the d2lbook pieces the book keeps (see the module doc)."""
    from d2lbook import sphinx_template as t
    static = os.path.join(rst_dir, "_static")
    write(os.path.join(static, "d2l.js"), t.shorten_sec_num)
    write(os.path.join(static, "d2l.css"), t.hide_bibkey_css + t.limit_output_length_css + t.tabbar_css)


def links(book, pages, downloads, pdfs=None):
    pdfs = pdfs or {}
    options = settings()
    repo, branch = options.get("colab_repo", "").strip(), options.get("colab_branch", "").strip()
    return {
        "tabs": {tab: envs.DISPLAY[tab] for tab in book.tabs},
        "colab": {tab: f"https://colab.research.google.com/github/{repo}/blob/{branch}/{tab}/{{page}}.ipynb"
                  for tab in book.tabs if tab in frameworks.COLAB_TABS} if repo and branch else {},
        # shown instead of a Colab button under a framework that cannot run there
        "no_colab": {tab: no_colab_note(tab) for tab in book.tabs if frameworks.TABLE[tab].colab},
        "notebook_pages": pages,
        "downloads": downloads,
        "pdfs": pdfs,
    }


def no_colab_note(tab):
    return (f"{envs.DISPLAY[tab]} 노트북은 Colab에서 열 수 없습니다. {frameworks.TABLE[tab].colab} "
            f"저장소에서 ./build.sh를 실행하면 만들어지는 {envs.kernel_name(tab)} 커널로, 내려받은 노트북을 "
            f"Jupyter에서 실행하세요.")


def prepare(book, sections, rst_dir, write):
    """Everything above; ``write(path, text)`` writes a file only when it changed."""
    write_static(rst_dir, write)
    pages = colab.write_notebooks(book, sections, write)
    downloads = write_downloads(book, os.path.join(rst_dir, "_static"), write)
    from tools import pdf
    # printed after Sphinx (tools/pdf.py) into the same folder as the zips
    pdfs = {tab: f"_static/downloads/{pdf.file_name(book, tab)}" for tab in book.tabs} if pdf.available() else {}
    write(links_file(rst_dir), json.dumps(links(book, pages, downloads, pdfs), ensure_ascii=False, indent=1))


def links_file(rst_dir):
    """Per-page Colab and download links, as data for the theme (its ``d2l_links_file``)."""
    from theme import LINKS_FILE
    return os.path.join(rst_dir, LINKS_FILE)
