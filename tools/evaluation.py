"""Evaluation: each section in each tab, in that tab's own kernel (``d2l-<tab>``), in
parallel up to the number of cores.

A notebook runs only when its key (tools/inputs.py: its tab's code cells, the ``d2l``
modules it imports, the tab's lock, the kernel settings and config.ini) has no stored
result. Results are stored by key in a jupyter-cache per tab (``_build/cache/<tab>``),
several per notebook, so a reverted edit or a branch switched back finds its outputs
again. ``_build/notebooks/<tab>/`` holds the current result of every section, the
deliverable that nbval, the HTML and the Colab notebooks read.

The build process starts one warm zygote per tab (tools/zygote.py) for the whole
evaluation; every worker forks its kernels from it. ``D2L_ZYGOTE=0`` starts ordinary kernels.
"""
import concurrent.futures
import contextlib
import os
import re
import tempfile
import time

from tools import envs, frameworks, inputs, stamps, zygote
from tools.sources import OUT, BuildError, first_line, locate_cell, say

CACHE = os.path.join(OUT, "cache")
# Stored results per tab, the least recently used dropped first: at about 15 KB a notebook,
# some 3 MB a tab, room for many versions of every section (D2L_CACHE_ENTRIES changes it).
CACHE_ENTRIES = 200


def eval_key(tab, nb):
    """The digest of everything an evaluated notebook depends on: change one, and it runs again."""
    return stamps.digest(*inputs.notebook(tab, [c.source for c in nb.cells if c.cell_type == "code"]))


def _keyed_cache_class():
    from jupyter_cache.cache.main import JupyterCacheBase
    import nbformat

    class KeyedCache(JupyterCacheBase):
        """jupyter-cache, matching on the build's key alone (the key already covers the code;
        d2lbook's cell metadata records positions in the source, which prose edits move)."""

        def create_hashed_notebook(self, nb, nb_metadata=None, cell_metadata=None):
            keyed = nbformat.from_dict(dict(nb, metadata={"d2l_key": nb.metadata["d2l"]["key"]}))
            return super().create_hashed_notebook(keyed, ("d2l_key",), ())

    return KeyedCache


class Store:
    """The results of earlier runs of one tab's notebooks, by key (opened on first use)."""

    def __init__(self, tab):
        self.path = os.path.join(CACHE, tab)
        self._cache = None

    @property
    def cache(self):
        if self._cache is None:
            self._cache = _keyed_cache_class()(self.path)
            limit = int(os.environ.get("D2L_CACHE_ENTRIES") or CACHE_ENTRIES)
            if self._cache.get_cache_limit() != limit:
                self._cache.change_cache_limit(limit)
        return self._cache

    def code_cells(self, nb):
        """The evaluated code cells stored for ``nb``'s key, or None."""
        try:
            record = self.cache.match_cache_notebook(nb)
            return [c for c in self.cache.get_cache_bundle(record.pk).nb.cells if c.cell_type == "code"]
        except Exception:  # no such entry, or one whose files are gone: evaluate again
            return None

    def add(self, nb, uri):
        from jupyter_cache.base import CacheBundleIn
        self.cache.cache_notebook_bundle(CacheBundleIn(nb, uri), check_validity=False, overwrite=True)


def _graft(nb, code_cells):
    """Outputs of ``code_cells`` onto ``nb`` (whose prose may be newer); None if the code differs."""
    mine = [c for c in nb.cells if c.cell_type == "code"]
    if code_cells is None or [c.source for c in code_cells] != [c.source for c in mine]:
        return None
    for old, new in zip(code_cells, mine):
        new.outputs, new.execution_count = old.outputs, old.execution_count
    return nb


def _deliverable_cells(path, key):
    """The code cells of the current ``_build/notebooks`` file when it was made with ``key``."""
    import nbformat
    try:
        old = nbformat.read(path, as_version=4)
    except Exception:  # missing, truncated or corrupted
        return None
    if old.metadata.get("d2l", {}).get("key") != key:
        return None
    return [c for c in old.cells if c.cell_type == "code"]


def _kernel_metadata(tab):
    return {"kernelspec": {"name": envs.kernel_name(tab), "display_name": f"d2l ({envs.DISPLAY[tab]})",
                           "language": "python"},
            "language_info": {"name": "python"}}


def prepare(book, section, tab, store):
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
    key = eval_key(tab, nb)
    nb.metadata.update(_kernel_metadata(tab))
    nb.metadata["d2l"] = {"key": key, "source": book.source_path(section), "tab": tab}
    if not any(c.cell_type == "code" for c in nb.cells):
        stamps.write_if_changed(out, nbformat.writes(nb))
        return nb, "text only"
    if _graft(nb, _deliverable_cells(out, key)) or _graft(nb, store.code_cells(nb)):
        stamps.write_if_changed(out, nbformat.writes(nb))
        return nb, "cached"
    return nb, "run"


# --------------------------------------------------------------------------- in a worker

_WORKER_ZYGOTES = {}


def _init_worker(sockets):
    """Each worker forks its kernels from the build's zygotes, one per tab (socket paths)."""
    _WORKER_ZYGOTES.update({tab: zygote.Client(path) for tab, path in sockets.items()})


def run_notebook(nb_json, tab, where, workdir, timeout=1200):
    """Run one notebook in a kernel of ``tab``; returns the evaluated notebook as JSON."""
    import nbformat
    nb = nbformat.reads(nb_json, as_version=4)
    os.makedirs(workdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="d2l-kernel-") as sockets:
        _execute(nb, tab, where, workdir, sockets, timeout)
    return nbformat.writes(nb)


def _client(nb, tab, workdir, sockets, timeout):
    from nbclient import NotebookClient
    from traitlets.config import Config
    # the kernel talks to the build through IPC sockets in a private folder, not TCP ports
    config = Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "ipc")}})
    extra = {"kernel_manager_class": zygote.kernel_manager_class(_WORKER_ZYGOTES.__getitem__)} \
        if _WORKER_ZYGOTES else {}
    # no timing metadata: a notebook that ran must equal one whose outputs were reused,
    # or the first prose edit after an evaluation re-renders every section
    return NotebookClient(nb, kernel_name=envs.kernel_name(tab), timeout=timeout, config=config,
                          resources={"metadata": {"path": workdir}}, record_timing=False, **extra)


def _execute(nb, tab, where, workdir, sockets, timeout):
    """Run the code cells of ``nb`` in place in the kernel of ``tab``; stop at the first error."""
    from nbclient.exceptions import CellExecutionError
    client = _client(nb, tab, workdir, sockets, timeout)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    # what the kernel process writes below Python (TensorFlow's start-up notices, a crash)
    # goes to a log beside the sockets, not to the build's console; shown if the kernel dies
    kernel_log = open(os.path.join(sockets, "kernel.log"), "w+")
    try:
        with kernel_log, client.setup_kernel(stdout=kernel_log, stderr=kernel_log):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                label = _cell_label(nb, tab, where, code_cells.index(cell), cell.source)
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


def _cell_label(nb, tab, where, index, source):
    """``<file>:<line> [tab]: code block k of n (tab's code cell i) ("first line")``: the
    maintainer's line in the markdown, where the editor jumps."""
    path = nb.metadata.get("d2l", {}).get("source", "")
    found = locate_cell(path, source, tab) if path else None
    if found is None:
        return f"{where}: code cell {index + 1} (\"{first_line(source)}\")"
    line, number, total = found
    return (f"{path}:{line} [{tab}]: code block {number} of {total} in the file "
            f"(code cell {index + 1} of the {tab} tab) (\"{first_line(source)}\")")


def _strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text or "")


def _job(args):
    tik = time.time()
    try:
        return {"nb": run_notebook(*args), "seconds": time.time() - tik}
    except BuildError as e:
        return {"error": str(e)}


# --------------------------------------------------------------------------- in the build

def plan(book, sections, stores, with_code=None):
    """[(section, tab, nb)] to run; every other notebook is written from stored outputs.
    ``with_code``, a set if given, collects the pages with code in some tab (the sections)."""
    todo, reused = [], 0
    for section in sections:
        for tab in book.tabs:
            nb, status = prepare(book, section, tab, stores[tab])
            if status == "run":
                todo.append((section, tab, nb))
            reused += status == "cached"
            if with_code is not None and status in ("run", "cached"):
                with_code.add(section)
    return todo, reused


def zygotes(names, code=None):
    """One warm process per environment (``d2l-<name>`` kernels), for a whole evaluation or
    test run; none with D2L_ZYGOTE=0. {name: socket} inside the block. ``code``: {name: the
    code cells its kernels will run}, when known (see _preload)."""
    if os.environ.get("D2L_ZYGOTE") == "0":
        return contextlib.nullcontext({})
    tab = {name: name[len("colab-"):] if name.startswith("colab-") else name for name in names}
    # the framework reads its settings when the zygote imports it: the cache of the book being built
    return zygote.running({name: (envs.env_python(name), _preload(tab[name], None if code is None else code[name]),
                                  envs.kernel_env(name, os.getcwd())) for name in names})


def _preload(tab, code):
    """The modules a zygote imports before it forks: the framework table's, unless no cell of
    ``code`` names one of them or ``d2l`` (whose module imports the framework). Importing a
    framework takes one to three CPU-seconds, and a notebook that never touches it (the build
    tests' small book) would only pay for it."""
    preload = frameworks.TABLE[tab].preload
    if code is None:
        return preload
    names = {m.split(".")[0] for m in preload} | {"d2l"}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    return preload if any(pattern.search(source) for source in code) else ()


def eval_all(book, sections, jobs=None):
    """Evaluate every (section, tab) pair whose key has no stored result, in parallel up
    to the number of cores; the rest reuse their outputs without starting any process."""
    stores = {tab: Store(tab) for tab in book.tabs}
    with_code = set()
    todo, reused = plan(book, sections, stores, with_code)
    # index and text-only pages have no notebook to run: counted apart, so the numbers add up
    say(f"[eval] {len(with_code)} section(s) with code, {len(sections) - len(with_code)} page(s) without; "
        f"{len(todo) + reused} notebook(s) in {len(book.tabs)} tab(s): {len(todo)} to run, {reused} unchanged")
    if todo:
        todo.sort(key=_longest_first)
        _run_all(book, todo, stores, jobs or min(len(todo), int(os.environ.get("D2L_EVAL_JOBS") or 0)
                                                 or os.cpu_count() or 1))


def _longest_first(job):
    """Long notebooks start first, so that the last to finish is a short one (in a clean build
    of the book, a JAX notebook started last kept one core busy 4 s after the other was idle).
    Measured: the notebooks of frameworks that compile each operation (a compiler cache in
    the framework table, JAX) take longest; then, notebooks with more code cells."""
    _, tab, nb = job
    return (not frameworks.TABLE[tab].compile_cache, -sum(c.cell_type == "code" for c in nb.cells))


def _run_all(book, todo, stores, jobs):
    import nbformat
    failures = []
    with contextlib.ExitStack() as stack:
        try:
            code = {}
            for _, tab, nb in todo:
                code.setdefault(tab, []).extend(c.source for c in nb.cells if c.cell_type == "code")
            sockets = stack.enter_context(zygotes(list(code), code))
        except zygote.StartError as e:  # its environment cannot import the kernel or the framework
            section = next(section for section, tab, _ in todo if tab == e.name)
            raise BuildError(f"{book.source_path(section)} [{e.name}]: the kernel {envs.kernel_name(e.name)} failed "
                             f"({e}); check the '{e.name}' environment with ./build.sh setup") from None
        pool = stack.enter_context(concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(sockets,)))
        args = [(nbformat.writes(nb), tab, f"{book.source_path(section)} [{tab}]",
                 os.path.abspath(os.path.dirname(book.notebook_path(section, tab)))) for section, tab, nb in todo]
        for (section, tab, nb), r in zip(todo, pool.map(_job, args)):
            if "error" in r:
                failures.append(r["error"])
                say(f"[eval] {section} [{tab}]: FAILED")
                continue
            ran = nbformat.reads(r["nb"], as_version=4)
            # the outputs on the notebook as prepared: byte for byte what a later build that
            # reuses them writes (the kernel's own metadata would differ), so nothing downstream changes
            _graft(nb, [c for c in ran.cells if c.cell_type == "code"])
            stamps.write_atomic(book.notebook_path(section, tab), nbformat.writes(nb))  # the result first,
            stores[tab].add(nb, book.source_path(section))  # then the store that finds it again
            say(f"[eval] {section} [{tab}]: ran {sum(c.cell_type == 'code' for c in nb.cells)} cells "
                f"in {r['seconds']:.1f} s")
    if failures:
        raise BuildError("\n\n".join(failures))


def prune(book, sections):
    """Remove notebooks of sections that no longer exist, so nothing stale is tested or merged."""
    for tab in book.tabs:
        folder = os.path.join(OUT, "notebooks", tab)
        for base, _, files in os.walk(folder):
            for name in files:
                rel = os.path.splitext(os.path.relpath(os.path.join(base, name), folder))[0]
                if name.endswith(".ipynb") and rel not in sections:
                    os.remove(os.path.join(base, name))


def require_evaluated(book, sections):
    """For ``html`` alone (e.g. after CI jobs evaluated the tabs elsewhere): every notebook
    must be there and up to date with the sources."""
    todo, _ = plan(book, sections, {tab: Store(tab) for tab in book.tabs})
    if todo:
        raise BuildError("no up-to-date evaluated notebook for " +
                         ", ".join(f"{section} [{tab}]" for section, tab, _ in todo) +
                         f" in {os.path.join(OUT, 'notebooks')}; run ./build.sh eval <tab> first")
