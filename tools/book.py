"""The book's build driver, run by ``build.sh`` inside the toolchain environment.

Pipeline, for the book in the current directory (its ``config.ini``):

1. check   every section: it parses, and every ``%%tab`` / ``:begin_tab:`` names a known tab;
2. eval    each section in each tab, in that tab's own kernel (``d2l-<tab>``), in parallel;
           a notebook whose code, ``d2l`` module, pinned requirements and build
           configuration are unchanged is not run again: its outputs are reused;
3. html    merge the tabs of each section (d2lbook), convert to rst (d2lbook), run
           Sphinx into a work folder, and only when that succeeds point ``_build/html``
           at a fresh copy, so the last good book stays readable until then.

Outputs: ``_build/notebooks/<tab>/…ipynb`` (one notebook per section per framework, with
outputs) and ``_build/html``, with one PDF per framework (tools/pdf.py) when chromium is installed.
"""
import concurrent.futures
import contextlib
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

from tools import envs, frameworks, zygote

# nbformat's validator imports jsonschema, which imports the optional IRI checker
# rfc3987_syntax if it is installed (jupyter-events pulls it in); that compiles a grammar
# for about 3 s at import. Notebooks have no IRI fields, so the build does without it.
sys.modules.setdefault("rfc3987_syntax", None)
# notedown (d2lbook's markdown reader) imports pkg_resources; setuptools<81 is pinned for it
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

BUILD_FORMAT = "1"  # bump to invalidate every evaluated notebook
OUT = "_build"


class BuildError(RuntimeError):
    """A problem in the book's sources or environments; the message says where."""


def say(msg):
    print(msg, flush=True)


def _first_line(source):
    for line in source.splitlines():
        if line.strip() and not re.match(r"\s*(%%tab|:begin_tab:)", line):
            return line.strip()
    return source.strip().splitlines()[0] if source.strip() else "(empty)"


def _write_atomic(path, data):
    """Write ``data`` to ``path`` so that a reader sees the old or the new file, never half."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_if_changed(path, data):
    if _read_bytes(path) != data.encode("utf-8"):
        _write_atomic(path, data)


def _sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()


def _read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return b"(missing)"


# --------------------------------------------------------------------------- sources

class Book:
    """The book in the current folder, as d2lbook's ``config.ini`` describes it."""

    def __init__(self, tabs=None):
        from d2lbook.config import Config
        if not os.path.exists("config.ini"):
            raise BuildError(f"no config.ini in {os.getcwd()}: run the build from the book's top folder")
        import logging
        logging.getLogger().setLevel(logging.WARNING)
        self.config = Config(tab="all")
        self.all_tabs = list(self.config.tabs)
        unknown = [t for t in (tabs or []) if t not in self.all_tabs]
        if unknown:
            raise BuildError(f"unknown tab(s) {', '.join(unknown)}; config.ini lists {', '.join(self.all_tabs)}")
        self.tabs = [t for t in self.all_tabs if not tabs or t in tabs]
        self.src_dir = self.config.src_dir
        self._parsed = {}

    def sections(self):
        """Markdown sources, relative to the source folder, without the .md suffix."""
        from d2lbook.utils import find_files
        build = self.config.build
        files = find_files(build["notebooks"], self.src_dir, build["exclusions"])
        return sorted(os.path.splitext(os.path.relpath(f, self.src_dir))[0] for f in files)

    def source_path(self, section):
        return os.path.join(self.src_dir, section + ".md")

    def read(self, section):
        """The section as a d2lbook notebook with tab blocks split out; checks its tabs.
        Parsed once per build: get_tab_notebook copies what it takes."""
        if section not in self._parsed:
            self._parsed[section] = self._parse(section)
        return self._parsed[section]

    def _parse(self, section):
        from d2lbook import notebook
        path = self.source_path(section)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        _check_tab_blocks(path, text)
        try:
            nb = notebook.split_markdown_cell(notebook.read_markdown(text))
        except Exception as e:  # d2lbook asserts on malformed marks
            raise BuildError(f"{path}: cannot be parsed as d2lbook markdown: {type(e).__name__}: {e}") from e
        known = set(self.all_tabs) | {"all", ""}
        for cell in nb.cells:
            for tab in notebook.get_cell_tab(cell):
                if tab not in known:
                    kind = "code cell" if cell.cell_type == "code" else "text block"
                    raise BuildError(
                        f"{path}: unknown tab '{tab}' in the {kind} starting "
                        f"\"{_first_line(cell.source)}\"; config.ini lists: {', '.join(self.all_tabs)}")
        return nb

    def tab_notebook(self, section, tab):
        """The cells of ``section`` that tab ``tab`` shows, or None if the tab has no code here."""
        from d2lbook import notebook
        return notebook.get_tab_notebook(self.read(section), tab, self.config.default_tab)

    def notebook_path(self, section, tab):
        return os.path.join(OUT, "notebooks", tab, section + ".ipynb")


def _check_tab_blocks(path, text):
    """``:begin_tab:`` and ``:end_tab:`` must pair up outside code fences."""
    open_at, fence = None, None
    for no, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*(```+)", line)
        if m:
            if fence is None:
                fence = m.group(1)
            elif line.strip() == fence:
                fence = None
            continue
        if fence:
            continue
        if line.startswith(":begin_tab:"):
            if open_at is not None:
                raise BuildError(f"{path}:{no}: ':begin_tab:' inside the tab block opened at line {open_at}")
            if not re.match(r":begin_tab:`[^`]+`\s*$", line):
                raise BuildError(f"{path}:{no}: expected ':begin_tab:`<tab>[, <tab>…]`', got \"{line}\"")
            open_at = no
        elif line.startswith(":end_tab:"):
            if open_at is None:
                raise BuildError(f"{path}:{no}: ':end_tab:' without a ':begin_tab:'")
            open_at = None
    if open_at is not None:
        raise BuildError(f"{path}:{open_at}: ':begin_tab:' is never closed with ':end_tab:'")


# --------------------------------------------------------------------------- evaluation

def eval_key(book, tab, nb):
    """Everything an evaluated notebook depends on: change one, and it runs again."""
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    return _sha(
        BUILD_FORMAT, tab, json.dumps(code),
        _read_bytes(os.path.join(envs.ROOT, "d2l", f"{tab}.py")),
        _read_bytes(os.path.join(envs.ROOT, "d2l", "__init__.py")),
        _read_bytes(envs.lock_file(tab)),  # every package of the tab's environment
        _read_bytes("config.ini"), json.dumps([envs.KERNEL_ENV, envs.KERNEL_ARGS], sort_keys=True))


def _cached(path, key, nb):
    """Outputs of an earlier run with the same key, grafted onto ``nb`` (whose prose may be newer)."""
    import nbformat
    try:
        old = nbformat.read(path, as_version=4)
        if old.metadata.get("d2l", {}).get("key") != key:
            return None
        old_code = [c for c in old.cells if c.cell_type == "code"]
        new_code = [c for c in nb.cells if c.cell_type == "code"]
        if [c.source for c in old_code] != [c.source for c in new_code]:
            return None
        for o, n in zip(old_code, new_code):
            n.outputs, n.execution_count = o.outputs, o.execution_count
        return nb
    except Exception:  # missing, truncated or corrupted: evaluate again
        return None


def _kernel_metadata(tab):
    return {"kernelspec": {"name": envs.kernel_name(tab), "display_name": f"d2l ({envs.DISPLAY[tab]})",
                           "language": "python"},
            "language_info": {"name": "python"}}


def prepare(book, section, tab):
    """The tab notebook of ``section`` and what must happen to it.

    Returns (nb, status): "no code" (the tab has nothing here; any old notebook is
    removed), "text only" and "cached" (written, nothing to run), or "run".
    """
    import nbformat
    nb = book.tab_notebook(section, tab)
    out = book.notebook_path(section, tab)
    if nb is None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(out)  # the section had code for this tab once, and has none now
        return None, "no code"
    key = eval_key(book, tab, nb)
    nb.metadata.update(_kernel_metadata(tab))
    nb.metadata["d2l"] = {"key": key, "source": book.source_path(section), "tab": tab}
    if not any(c.cell_type == "code" for c in nb.cells):
        _write_if_changed(out, nbformat.writes(nb))
        return nb, "text only"
    if _cached(out, key, nb) is not None:
        _write_if_changed(out, nbformat.writes(nb))
        return nb, "cached"
    return nb, "run"


def evaluate(section, tab, timeout=1200):
    """Run one section in one tab's kernel and write its notebook; runs in a worker process."""
    import nbformat
    book = Book()
    nb, status = prepare(book, section, tab)
    if status != "run":
        return {"section": section, "tab": tab, "status": status}
    tik = time.time()
    out = book.notebook_path(section, tab)
    workdir = os.path.abspath(os.path.dirname(out))
    os.makedirs(workdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="d2l-kernel-") as sockets:
        _execute(nb, tab, f"{book.source_path(section)} [{tab}]", workdir, sockets, timeout)
    _write_atomic(out, nbformat.writes(nb))
    return {"section": section, "tab": tab, "status": "ran",
            "cells": sum(c.cell_type == "code" for c in nb.cells), "seconds": time.time() - tik}


def _execute(nb, tab, where, workdir, sockets, timeout):
    """Run the code cells of ``nb`` in place in the kernel of ``tab``; stop at the first error."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config
    # the kernel talks to the build through IPC sockets in a private folder, not TCP ports
    config = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "ipc")}})
    # no timing metadata: a notebook that ran must equal one whose outputs were reused,
    # or the first prose edit after an evaluation re-renders every section
    extra = {} if os.environ.get("D2L_ZYGOTE") == "0" else \
        {"kernel_manager_class": zygote.kernel_manager_class(_zygote)}  # forked from a warm process
    client = NotebookClient(nb, kernel_name=envs.kernel_name(tab), timeout=timeout, config=config,
                            resources={"metadata": {"path": workdir}}, record_timing=False, **extra)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    # what the kernel process writes below Python (TensorFlow's start-up notices, a crash)
    # goes to a log beside the sockets, not to the build's console; shown if the kernel dies
    kernel_log = open(os.path.join(sockets, "kernel.log"), "w+")
    try:
        with kernel_log, client.setup_kernel(stdout=kernel_log, stderr=kernel_log):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                label = f"{where}: code cell {code_cells.index(cell) + 1} (\"{_first_line(cell.source)}\")"
                try:
                    client.execute_cell(cell, index)
                except CellExecutionError as e:
                    raise BuildError(f"{label} raised {e.ename}: {e.evalue}\n{_strip_ansi(e.traceback)}") from None
                except Exception as e:  # timeout, or the kernel died in this cell
                    kernel_log.seek(0)
                    raise BuildError(f"{label} did not finish: {type(e).__name__}: {e}\n"
                                     f"the kernel's own output:\n{kernel_log.read()[-2000:]}") from None
    except BuildError:
        raise
    except Exception as e:  # the kernel could not start or died
        raise BuildError(f"{where}: the kernel {envs.kernel_name(tab)} failed "
                         f"({type(e).__name__}: {e}); check the '{tab}' environment "
                         f"with ./build.sh setup") from None


_ZYGOTES = {}


def _zygote(tab):
    """This worker's warm process for ``tab`` (tools/zygote.py), started on first use."""
    if tab not in _ZYGOTES:
        from multiprocessing.util import Finalize
        folder = tempfile.mkdtemp(prefix=f"d2l-zygote-{tab}-")
        _ZYGOTES[tab] = zygote.Zygote(envs.env_python(tab), frameworks.TABLE[tab].preload, folder,
                                      dict(os.environ, **envs.KERNEL_ENV))
        Finalize(None, _ZYGOTES[tab].close, exitpriority=10)  # when this worker exits
        Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=5)
    return _ZYGOTES[tab]


def _strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text or "")


def _evaluate_job(job):
    try:
        return evaluate(*job)
    except BuildError as e:
        return {"section": job[0], "tab": job[1], "status": "failed", "error": str(e)}


def eval_all(book, sections, jobs=None):
    """Evaluate every (section, tab) pair whose inputs changed, in parallel up to the
    number of cores; the rest reuse their outputs without starting any process."""
    todo, reused = [], 0
    for section in sections:
        for tab in book.tabs:
            nb, status = prepare(book, section, tab)
            if status == "run":
                todo.append((section, tab))
            elif status == "cached":
                reused += 1
    say(f"[eval] {len(sections)} section(s) x {len(book.tabs)} tab(s): "
        f"{len(todo)} to run, {reused} unchanged")
    if not todo:
        return
    jobs = jobs or min(len(todo), int(os.environ.get("D2L_EVAL_JOBS") or 0) or os.cpu_count() or 1)
    failures = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        for r in pool.map(_evaluate_job, todo):
            label = f"{r['section']} [{r['tab']}]"
            if r["status"] == "failed":
                failures.append(r["error"])
                say(f"[eval] {label}: FAILED")
            elif r["status"] == "ran":
                say(f"[eval] {label}: ran {r['cells']} cells in {r['seconds']:.1f} s")
    if failures:
        raise BuildError("\n\n".join(failures))


def _prune(book, sections):
    """Remove notebooks of sections that no longer exist, so nothing stale is tested or merged."""
    for tab in book.tabs:
        folder = os.path.join(OUT, "notebooks", tab)
        for base, _, files in os.walk(folder):
            for name in files:
                rel = os.path.splitext(os.path.relpath(os.path.join(base, name), folder))[0]
                if name.endswith(".ipynb") and rel not in sections:
                    os.remove(os.path.join(base, name))


# --------------------------------------------------------------------------- html

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
    return nb


def build_html(book, sections):
    """Merge, convert and render. Sphinx runs only when its inputs differ from those of
    the published book, and ``_build/html`` moves only when Sphinx succeeded."""

    import nbformat
    from d2lbook.build import ipynb2rst
    from d2lbook.sphinx import prepare_sphinx_env
    from nbformat.warnings import DuplicateCellId
    # d2lbook's rst conversion splits cells and copies their ids; harmless there
    warnings.filterwarnings("ignore", category=DuplicateCellId)

    rst_dir = book.config.rst_dir
    tik = time.time()
    changed = 0
    for section in sections:
        merged = os.path.join(OUT, "merged", section + ".ipynb")
        text = nbformat.writes(merged_notebook(book, section))
        rst = os.path.join(rst_dir, section + ".rst")
        fresh = os.path.exists(rst) and os.path.getmtime(rst) >= os.path.getmtime(merged) \
            if os.path.exists(merged) else False
        if fresh and _read_bytes(merged) == text.encode():
            continue  # unchanged: keep the rst's time, so Sphinx skips it
        _write_atomic(merged, text)
        os.makedirs(os.path.dirname(rst), exist_ok=True)
        ipynb2rst(merged, rst + ".tmp")
        os.replace(rst + ".tmp", rst)  # newer than merged: marks the conversion as done
        changed += 1
    prepare_sphinx_env(book.config)
    from tools import reader
    reader.prepare(book, sections, rst_dir, _write_if_changed)

    work = os.path.join(OUT, "sphinx")
    cmd = [os.path.join(os.path.dirname(sys.executable), "sphinx-build"), "-b", "html", "-q",
           "-c", rst_dir, "-d", os.path.join(work, "doctrees"), rst_dir, os.path.join(work, "html")]
    if book.config.build["warning_is_error"].lower() == "true":
        cmd.append("-W")
    # the theme (extension and static files) is read from the checkout, not from rst_dir
    theme = _tree_digest(os.path.join(envs.ROOT, "theme"))
    from tools import pdf
    inputs = _sha(" ".join(cmd), _tree_digest(rst_dir), theme, pdf.state())
    if _read_bytes(os.path.join(OUT, "html", INPUTS)) == inputs.encode():
        say("[html] unchanged: the published book is up to date")
        return
    dirty = work + ".incomplete"
    if os.path.exists(dirty):  # an earlier Sphinx run was interrupted: start over
        shutil.rmtree(work, ignore_errors=True)
    os.makedirs(OUT, exist_ok=True)
    with open(dirty, "w"):
        pass
    theme_stamp = os.path.join(work, ".d2l-theme")
    if _read_bytes(theme_stamp) != theme.encode():
        # Sphinx sees no outdated page when only the theme changed, and then copies no static
        # file either: write everything
        cmd.append("-a")
    say(f"[html] {changed} section(s) changed; running Sphinx")
    # the book's Sphinx extension (theme/, listed in config.ini) comes from this checkout
    path = os.pathsep.join(p for p in (envs.ROOT, os.environ.get("PYTHONPATH")) if p)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=path))
    if proc.returncode != 0:
        raise BuildError(f"Sphinx failed ({' '.join(cmd)}):\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    os.remove(dirty)
    _write_atomic(theme_stamp, theme)
    pdf.clear(os.path.join(work, "html"))
    if pdf.available():
        try:
            pdf.build(book, os.path.join(work, "html"), say)
        except Exception as e:  # chromium crashed, or a page could not be assembled
            raise BuildError(f"printing the PDFs failed: {type(e).__name__}: {e}") from e
    else:
        say(f"[pdf] warning: {pdf.HOW_TO_INSTALL}")
    publish(os.path.join(work, "html"), inputs)
    say(f"[html] done in {time.time() - tik:.1f} s")


INPUTS = ".d2l-inputs"  # in a published book: the digest of what Sphinx built it from


def _tree_digest(folder, suffixes=None):
    h = hashlib.sha256()
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if suffixes and not name.endswith(suffixes):
                continue
            path = os.path.join(base, name)
            h.update(os.path.relpath(path, folder).encode() + b"\0" + _read_bytes(path) + b"\0")
    return h.hexdigest()


def publish(built, inputs):
    """Copy the built HTML to a new folder and switch the ``_build/html`` link to it at once."""
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
    target = os.path.join(OUT, f"html-{stamp}")
    shutil.copytree(built, target)
    with open(os.path.join(target, INPUTS), "w") as f:
        f.write(inputs)
    link = os.path.join(OUT, "html")
    if os.path.isdir(link) and not os.path.islink(link):
        shutil.rmtree(link)  # a plain folder from another tool
    tmp_link = link + ".new"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp_link)
    os.symlink(os.path.basename(target), tmp_link)
    os.replace(tmp_link, link)
    for old in os.listdir(OUT):
        if old.startswith("html-") and old != os.path.basename(target):
            shutil.rmtree(os.path.join(OUT, old), ignore_errors=True)


# --------------------------------------------------------------------------- commands

def setup(tabs):
    if not os.environ.get("D2L_ENVS_READY"):  # build.sh (tools/cli.py) has set them up already
        envs.ensure_all(envs.names(tabs))
    for tab in tabs:
        register_user_kernel(tab)


def register_user_kernel(tab):
    """Make ``d2l-<tab>`` show up in the learner's own Jupyter/JupyterLab."""
    from jupyter_core.paths import jupyter_data_dir
    spec = envs.kernelspec_dir(tab)  # written by envs.ensure
    mine = os.path.join(jupyter_data_dir(), "kernels", envs.kernel_name(tab), "kernel.json")
    if _read_bytes(mine) != _read_bytes(os.path.join(spec, "kernel.json")):
        from jupyter_client.kernelspec import KernelSpecManager
        KernelSpecManager().install_kernel_spec(spec, envs.kernel_name(tab), user=True)


def use_bundled_pandoc():
    """d2lbook's rst step calls ``pandoc``; the pypandoc_binary wheel ships one (no root needed)."""
    if shutil.which("pandoc"):
        return
    import pypandoc
    folder = os.path.dirname(pypandoc.get_pandoc_path())
    os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


def use_checkout_kernels():
    """Kernels of this checkout's environments come first, whatever the user has registered."""
    jp = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = envs.jupyter_path() + (os.pathsep + jp if jp else "")


def build(tabs=None, do_setup=True, steps=("eval", "html")):
    """Check every source, then evaluate (``eval``) and/or render (``html``)."""
    tik = time.time()
    book = Book(tabs)
    if "eval" in steps:
        if do_setup:
            setup(book.tabs)
        for tab in book.tabs:
            envs.check(tab)
        use_checkout_kernels()
    use_bundled_pandoc()
    everything = steps == ("eval", "html")
    print_ = fingerprint(book) if everything else None
    if print_ and _read_bytes(os.path.join(OUT, "html", FINGERPRINT)) == print_.encode():
        say("[build] nothing changed since the last build: no notebook or Sphinx run needed")
    else:
        sections = book.sections()
        for section in sections:  # all sources are checked before anything runs
            book.read(section)
        if "eval" in steps:
            from tools import library
            for tab in library.update(book, _write_atomic):  # #@save blocks -> d2l/<module>.py
                say(f"[lib] {os.path.relpath(library.module_path(tab))}: regenerated from the book")
            eval_all(book, sections)
            _prune(book, sections)
        else:
            require_evaluated(book, sections)
        if "html" in steps:
            build_html(book, sections)
            if print_:  # recorded in the published book, so it goes when the book is replaced
                _write_atomic(os.path.join(OUT, "html", FINGERPRINT), fingerprint(book))
    if "html" in steps:
        from tools import colab
        colab.build_wheel(say)  # what the Colab notebooks install
        say(f"\nThe book is ready ({time.time() - tik:.0f} s): {os.path.join(OUT, 'html', 'index.html')}")
    say(f"Notebooks with outputs, one folder per framework: {os.path.join(OUT, 'notebooks')}/<tab>/")


FINGERPRINT = ".d2l-fingerprint"


def fingerprint(book):
    """A digest of every input of a full build: sources, configuration, the d2l package,
    the pins and installed environments, the build code, and the evaluated notebooks.
    When it equals the one recorded in the published book, building again would
    reproduce that book exactly, so there is nothing to do."""
    h = hashlib.sha256()
    h.update(",".join(book.tabs).encode())
    h.update(_tree_digest(book.src_dir).encode())
    h.update(_read_bytes("config.ini"))
    for folder in ("d2l", "tools", "theme", "requirements"):
        h.update(_tree_digest(os.path.join(envs.ROOT, folder), suffixes=(".py", ".txt", ".js", ".css", ".html")).encode())
    h.update(_read_bytes(os.path.join(envs.ROOT, "requirements.txt")))
    for name in ["book", *book.tabs]:
        h.update(_read_bytes(os.path.join(envs.env_path(name), ".d2l-stamp")))
    h.update(_tree_digest(os.path.join(OUT, "notebooks")).encode())
    from tools import pdf
    h.update(pdf.state().encode())  # installing chromium makes the PDFs
    return h.hexdigest()


def require_evaluated(book, sections):
    """For ``html`` alone (e.g. after CI jobs evaluated the tabs elsewhere): every notebook
    must be there and up to date with the sources."""
    missing = [f"{section} [{tab}]" for section in sections for tab in book.tabs
               if prepare(book, section, tab)[1] == "run"]
    if missing:
        raise BuildError("no up-to-date evaluated notebook for " + ", ".join(missing) +
                         f" in {os.path.join(OUT, 'notebooks')}; run ./build.sh eval <tab> first")


def main(argv=None):
    from tools.cli import parse
    args = parse(argv, __doc__)
    tabs = args.tab_list
    try:
        if args.command in ("lock", "colab-profile"):
            from tools import cli
            return cli.main(argv)
        if args.command == "setup":
            setup(Book(tabs).tabs)
        elif args.command == "build":
            build(tabs, do_setup=not args.no_setup)
        elif args.command in ("eval", "html"):
            build(tabs, do_setup=not args.no_setup, steps=(args.command,))
        elif args.command == "test":
            from tools import testing
            if not args.no_build:
                build(tabs, do_setup=not args.no_setup)
            return testing.run(Book(tabs).tabs, args.suite_list)
    except (BuildError, envs.EnvError) as e:
        print(f"\nerror: {e}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
