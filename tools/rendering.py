"""Rendering: the evaluated notebooks of every tab merged into one page per section
(d2lbook's tab merge), converted to rst (d2lbook), and turned into HTML by Sphinx in a
work folder. Each step runs only when its inputs changed (tools/inputs.py)."""
import concurrent.futures
import contextlib
import copy
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import time
import warnings

from tools import diagnostics, envs, figures, glossary_page, inputs, pdf, reader, stamps
from tools.sources import OUT, BuildError, say

WORK = os.path.join(OUT, "sphinx")


def merged_notebook(book, section):
    import nbformat
    from d2lbook import notebook
    nbs = []
    for tab in book.tabs:
        path = book.notebook_path(section, tab)
        if os.path.exists(path):
            nbs.append(nbformat.read(path, as_version=4))
    if not nbs:
        raise BuildError(f"{book.source_path(section)}: no evaluated notebook in any tab")
    nb = nbs[0] if len(nbs) == 1 else notebook.add_html_tab(notebook.merge_tab_notebooks(nbs), book.tabs)
    # d2lbook's tab merge can place one cell object in several tab panels: copy each
    # cell, then number them, so that ids are unique and the same on every build
    nb.cells = [copy.deepcopy(c) for c in nb.cells]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
        for output in cell.get("outputs", []):
            _literal_text(output)
    return nb


# Sphinx shows a cell's text output in a ``parsed-literal`` block, where rst markup still
# works: a `*` or a backquote in the text (``ones_like(input, *, dtype=None)`` in help())
# starts emphasis or a role, and an unclosed one is a warning, which fails the build.
_RST_INLINE = str.maketrans({c: "\\" + c for c in "\\*`|_"})


def _literal_text(output):
    """Escape rst's inline markup in one output's text, so the page shows it as printed."""
    if output.get("output_type") == "stream":
        output["text"] = output["text"].translate(_RST_INLINE)
    elif "text/plain" in output.get("data", {}):
        output["data"]["text/plain"] = output["data"]["text/plain"].translate(_RST_INLINE)


def write_rst(book, sections):
    """rst of every section whose merged notebook changed; returns how many changed.
    An unchanged rst keeps its time, so Sphinx skips the page."""
    import nbformat
    from nbformat.warnings import DuplicateCellId
    warnings.filterwarnings("ignore", category=DuplicateCellId)  # d2lbook's split copies ids; harmless
    todo = []
    for section in sections:
        text = nbformat.writes(merged_notebook(book, section))
        rst = os.path.join(book.config.rst_dir, section + ".rst")
        key = stamps.digest(text)
        if not (os.path.exists(rst) and _rst_stamp(section).matches(key)):
            todo.append((rst, section, text, key))
    if len(todo) > 1:  # sections convert independently (nbconvert, a pandoc per cell): a process per core
        context = multiprocessing.get_context("fork")  # the children have d2lbook imported already
        with concurrent.futures.ProcessPoolExecutor(min(len(todo), os.cpu_count() or 1), mp_context=context) as pool:
            list(pool.map(_to_rst, *zip(*todo)))
    elif todo:
        _to_rst(*todo[0])
    return len(todo)


def _rst_stamp(section):
    return stamps.Stamp(os.path.join(OUT, "stamps", "rst", section))


def _to_rst(rst, section, text, key):
    import nbformat
    from d2lbook.build import ipynb2rst
    merged = os.path.join(OUT, "merged", section + ".ipynb")
    stamps.write_atomic(merged, text)
    os.makedirs(os.path.dirname(rst), exist_ok=True)
    nb = nbformat.reads(text, as_version=4)
    with _pandoc_batch(nb):
        ipynb2rst(merged, rst)  # d2lbook writes the rst and its images; the stamp after them marks it done
    with open(rst, encoding="utf-8") as f:  # the figures' text alternatives (tools/figures.py)
        body = figures.add_alternatives(f.read(), figures.alternatives(nb), section)
    stamps.write_if_changed(rst, body)
    _rst_stamp(section).write(key)


# A line of a markdown table. Where a table's rows are wider than its separator line, the
# server mode makes its rst grid a character or two narrower than a pandoc run does: texts
# with a table are left to nbconvert's pandoc per text (tests/build/test_rst_pandoc.py).
_TABLE = re.compile(r"^\s*(\|.*|\+[-=+:]+|-+( +-+)+)\s*$", re.M)


@contextlib.contextmanager
def _pandoc_batch(nb):
    """While nbconvert turns ``nb`` into rst, its markdown cells come from one pandoc process.
    nbconvert starts a ``pandoc -f markdown -t rst`` per cell (some 1,700 for the whole book);
    pandoc's server mode, run once as a CGI program, takes them all and converts each on
    its own, as those processes would. Any text it does not answer goes to nbconvert's own."""
    from d2lbook import rst as d2lbook_rst
    from nbconvert.filters import pandoc as nbconvert_pandoc
    cells = d2lbook_rst._process_nb(copy.deepcopy(nb)).cells  # what d2lbook hands to nbconvert
    converted = _pandoc_server([c.source for c in cells if c.cell_type == "markdown" and not _TABLE.search(c.source)])
    one_by_one = nbconvert_pandoc.pandoc

    def pandoc(source, fmt, to, extra_args=None, encoding="utf-8"):
        if (fmt, to, extra_args) == ("markdown", "rst", None) and source in converted:
            return converted[source]
        return one_by_one(source, fmt, to, extra_args, encoding)

    nbconvert_pandoc.pandoc = pandoc
    try:
        yield
    finally:
        nbconvert_pandoc.pandoc = one_by_one


def _pandoc_server(texts):
    """{markdown: rst as nbconvert's pandoc() returns it} from one run of pandoc's server
    mode; {} if that fails (nbconvert then converts each text itself)."""
    import json
    import tempfile
    pandoc = shutil.which("pandoc")
    if not texts or not pandoc:
        return {}
    body = json.dumps([{"text": t, "from": "markdown", "to": "rst"} for t in texts]).encode()
    with tempfile.TemporaryDirectory(prefix="d2l-pandoc-") as folder:
        cgi = os.path.join(folder, "pandoc-server.cgi")  # the name that makes pandoc answer one CGI request
        os.symlink(pandoc, cgi)
        env = dict(os.environ, REQUEST_METHOD="POST", PATH_INFO="/batch", CONTENT_TYPE="application/json",
                   CONTENT_LENGTH=str(len(body)), HTTP_ACCEPT="application/json", SERVER_NAME="localhost",
                   SERVER_PORT="80", SERVER_PROTOCOL="HTTP/1.1", SCRIPT_NAME="/pandoc-server.cgi",
                   QUERY_STRING="", REMOTE_ADDR="127.0.0.1")
        proc = subprocess.run([cgi], input=body, env=env, capture_output=True)
    head, _, payload = proc.stdout.replace(b"\r\n", b"\n").partition(b"\n\n")
    try:
        results = json.loads(payload) if proc.returncode == 0 and head.startswith(b"Status: 200") else []
    except ValueError:
        results = []
    if len(results) != len(texts) or not all(isinstance(r, dict) and "output" in r for r in results):
        return {}
    for r in results:  # pandoc's warnings, where a pandoc per cell would print them
        for message in r.get("messages", []):
            print(f"[pandoc] {message.get('verbosity', '')}: {message.get('message', message)}", file=sys.stderr)
    return {t: r["output"].rstrip("\n") for t, r in zip(texts, results)}


def sphinx_command(book):
    rst_dir = book.config.rst_dir
    # not -j: Sphinx's parallel reading orders the search index's titles as the readers
    # finish, and the same inputs must give the same HTML (kept copies, PDF reuse)
    cmd = [os.path.join(os.path.dirname(sys.executable), "sphinx-build"), "-b", "html", "-q",
           "-c", rst_dir, "-d", os.path.join(WORK, "doctrees"), rst_dir, os.path.join(WORK, "html")]
    if book.config.build["warning_is_error"].lower() == "true":
        cmd += ["-W", "--keep-going"]  # every warning of the run at once, not only the first
    return cmd


# pybtex (through d2lbook's Sphinx extensions) imports pkg_resources, whose deprecation
# notice would come before every real warning; setuptools<81 is pinned for it
QUIET = "ignore:pkg_resources is deprecated:UserWarning"


def run_sphinx(cmd, book=None):
    """Sphinx into the work folder; an interrupted run is started over from nothing. Its
    warnings are told against the markdown sources of ``book`` (tools/diagnostics.py)."""
    dirty = WORK + ".incomplete"
    if os.path.exists(dirty):
        shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(OUT, exist_ok=True)
    with open(dirty, "w"):
        pass
    theme = stamps.Stamp(os.path.join(WORK, ".d2l-theme"))
    theme_key = stamps.digest(*inputs.theme())
    if not theme.matches(theme_key):
        # Sphinx sees no outdated page when only the theme changed, and then copies no static
        # file either: write everything
        cmd = [*cmd, "-a"]
    # the book's Sphinx extension (theme/, listed in config.ini) comes from this checkout
    path = os.pathsep.join(p for p in (envs.ROOT, os.environ.get("PYTHONPATH")) if p)
    warn = ",".join(w for w in (QUIET, os.environ.get("PYTHONWARNINGS")) if w)
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=path, PYTHONWARNINGS=warn))
    if proc.returncode != 0:
        mapped = diagnostics.explain(proc.stdout + "\n" + proc.stderr, book.config.rst_dir, book.src_dir) \
            if book else []
        raise BuildError("\n".join(mapped) + ("\n\n" if mapped else "") +
                         f"Sphinx failed ({' '.join(cmd)}):\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    os.remove(dirty)
    theme.write(theme_key)
    return os.path.join(WORK, "html")


def build_html(book, sections, kept):
    """Merge, convert and render. Returns (html folder, inputs digest); the folder is None
    when the inputs equal those of a copy in ``kept`` ({digest: folder}, the published
    copy and the ones before it) and Sphinx did not run."""
    from d2lbook.sphinx import prepare_sphinx_env
    tik = time.time()
    changed = write_rst(book, sections)
    prepare_sphinx_env(book.config)
    reader.prepare(book, sections, book.config.rst_dir, stamps.write_if_changed)
    glossary_page.write(book.src_dir, book.config.rst_dir, stamps.write_if_changed)  # 용어집, search keywords
    cmd = sphinx_command(book)
    key = stamps.digest(*inputs.sphinx(cmd, book.config.rst_dir, pdf.available()))
    if key in kept:
        say("[html] unchanged: a published copy has these inputs")
        return None, key
    say(f"[html] {changed} page(s) changed; running Sphinx")  # index pages included
    html = run_sphinx(cmd, book)
    say(f"[html] Sphinx done in {time.time() - tik:.1f} s")
    return html, key
