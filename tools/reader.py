"""What the build adds for readers and learners around d2lbook's Sphinx input
(called by tools/book.py after d2lbook has prepared the rst folder):

* ``_static/d2l.js`` and ``d2l.css`` rewritten from the d2lbook pieces the book keeps:
  no analytics, no discussion embed, no copy-button image from GitHub, and no
  position-based tab bar (theme/static/book.js selects tabs by name);
* Colab notebooks, ``_build/colab/<tab>/…ipynb``: the evaluated notebook with a first
  cell that installs exactly the framework pins of ``requirements/<tab>.txt`` and the
  ``d2l`` helper (``[notebooks] d2l_requirement`` in config.ini);
* one zip of the notebooks per framework, served by the book from ``_static/downloads``,
  where tools/pdf.py puts one PDF per framework after Sphinx;
* ``d2l_links`` in conf.py, which the theme turns into the per-page buttons.

Zips are written with fixed timestamps, so an unchanged book gives byte-identical
Sphinx inputs and no rebuild.
"""
import copy
import json
import os
import re
import zipfile

from tools import envs

COLAB = os.path.join("_build", "colab")


def framework_pins(tab):
    """The requirement lines of requirements/<tab>.txt itself (not the shared kernel file)."""
    with open(envs.requirement_file(tab), encoding="utf-8") as f:
        lines = [line.split("#")[0].strip() for line in f]
    return [line for line in lines if line and not line.startswith("-")]


def settings():
    """config.ini's [notebooks] section (empty when the book has none)."""
    import configparser
    parser = configparser.ConfigParser()
    parser.read("config.ini", encoding="utf-8")
    return dict(parser["notebooks"]) if parser.has_section("notebooks") else {}


def install_command(tab, options=None):
    requirement = (options if options is not None else settings()).get("d2l_requirement", "").strip()
    quoted = [f'"{r}"' if re.search(r"[ <>@;]", r) else r for r in [*framework_pins(tab), requirement] if r]
    return "!pip install " + " ".join(quoted)


def colab_notebook(nb, tab):
    import nbformat
    nb = copy.deepcopy(nb)
    intro = nbformat.v4.new_markdown_cell(
        f"이 노트북은 Colab에서 바로 실행할 수 있습니다. 아래 셀은 책이 테스트한 {envs.DISPLAY[tab]} "
        f"버전과 이 책의 도우미 패키지 `d2l`을 설치합니다.")
    install = nbformat.v4.new_code_cell(install_command(tab))
    for i, cell in enumerate([intro, install]):
        cell.id = f"colab-{i}"
        cell.metadata["d2l_colab"] = True
    nb.cells = [intro, install, *nb.cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_colab(book, sections, write):
    """``_build/colab/<tab>/<section>.ipynb`` for every notebook that has code."""
    import nbformat
    pages = []
    for tab in book.tabs:
        for section in sections:
            path = book.notebook_path(section, tab)
            if not os.path.exists(path):
                continue
            nb = nbformat.read(path, as_version=4)
            if not any(c.cell_type == "code" for c in nb.cells):
                continue
            write(os.path.join(COLAB, tab, section + ".ipynb"), nbformat.writes(colab_notebook(nb, tab)))
            pages.append(section)
    return sorted(set(pages))


def write_downloads(book, static_dir):
    """One zip per framework of its notebooks; returns {tab: path relative to the html root}."""
    out = {}
    folder = os.path.join(static_dir, "downloads")
    os.makedirs(folder, exist_ok=True)
    for tab in book.tabs:
        root = os.path.join("_build", "notebooks", tab)
        files = sorted(os.path.relpath(os.path.join(b, n), root)
                       for b, _, names in os.walk(root) for n in names if n.endswith(".ipynb"))
        if not files:
            continue
        name = f"{book.config.project['name']}-{tab}.zip"
        tmp = os.path.join(folder, name + ".tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for rel in files:
                info = zipfile.ZipInfo(f"{tab}/{rel}", date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(os.path.join(root, rel), "rb") as f:
                    z.writestr(info, f.read())
        os.replace(tmp, os.path.join(folder, name))
        out[tab] = f"_static/downloads/{name}"
    return out


def write_static(rst_dir):
    """d2l.js and d2l.css from the d2lbook pieces the book keeps (see the module doc)."""
    from d2lbook import sphinx_template as t
    static = os.path.join(rst_dir, "_static")
    with open(os.path.join(static, "d2l.js"), "w", encoding="utf-8") as f:
        f.write(t.shorten_sec_num)
    with open(os.path.join(static, "d2l.css"), "w", encoding="utf-8") as f:
        f.write(t.hide_bibkey_css + t.limit_output_length_css + t.tabbar_css)


def links(book, pages, downloads, pdfs=None):
    pdfs = pdfs or {}
    options = settings()
    repo, branch = options.get("colab_repo", "").strip(), options.get("colab_branch", "main").strip()
    return {
        "tabs": {tab: envs.DISPLAY[tab] for tab in book.tabs},
        "colab": {tab: f"https://colab.research.google.com/github/{repo}/blob/{branch}/{tab}/{{page}}.ipynb"
                  for tab in book.tabs} if repo else {},
        "notebook_pages": pages,
        "downloads": downloads,
        "pdfs": pdfs,
    }


def prepare(book, sections, rst_dir, write):
    """Everything above; ``write(path, text)`` writes a file only when it changed."""
    write_static(rst_dir)
    pages = write_colab(book, sections, write)
    downloads = write_downloads(book, os.path.join(rst_dir, "_static"))
    from tools import pdf
    # printed after Sphinx (tools/pdf.py) into the same folder as the zips
    pdfs = {tab: f"_static/downloads/{pdf.file_name(book, tab)}" for tab in book.tabs} if pdf.available() else {}
    with open(os.path.join(rst_dir, "conf.py"), "a", encoding="utf-8") as f:
        f.write(f"\n# written by tools/reader.py: per-page Colab and download links\n"
                f"d2l_links = {json.dumps(links(book, pages, downloads, pdfs), ensure_ascii=False)}\n")
        if not book.config.pdf["bibfile"].strip():
            # d2lbook writes [""] when the book has no bibliography, which sphinxcontrib-bibtex
            # reports as an unreadable file: a warning, so an error under warning_is_error
            f.write("bibtex_bibfiles = []\n")
