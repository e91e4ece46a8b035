"""Time this project's build against the plain d2lbook pipeline, on the same sources, in one run.

    .envs/book/bin/python bench/compare.py        (after ./build.sh setup)

Both pipelines get a fresh copy of the book (chapters/ and config.ini) and the same
per-framework kernels (the environments ./build.sh setup made). The plain pipeline is
what d2lbook's CLI does on its own: ``d2lbook build eval --tab T`` for each tab in turn,
each tab's notebooks running in the ``python3`` kernel found first on JUPYTER_PATH
(pointed at that tab's environment), then ``d2lbook build rst html --tab all``.

Two plain pipelines are the anchors: d2lbook with the book's theme extension (the same
HTML as ours), and d2lbook with its own theme (no ``sphinx_extensions``), what a d2lbook
user gets by default. Four scenarios, each timed for all three: a clean build, a rebuild
with nothing changed, a rebuild after editing one paragraph of prose in one section, and
a rebuild after a code edit is reverted (the edit itself built first, untimed). This
build is timed until its HTML is published; the PDFs it prints afterwards in the
background (the plain pipelines make none) are waited for, untimed, before the next step.
The machine is shared and noisy: quote the ratios of one run, not the seconds.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tools import envs  # noqa: E402

SECTION = os.path.join("chapters", "chapter_builders-guide", "parameters.md")
TARGETS = {"clean build": 0.25, "no-op rebuild": 0.05, "one-paragraph prose edit": 0.2,
           "revert a code edit": 0.05}
ANCHORS = ("with the book's theme", "with d2lbook's own theme")


def copy_book(dest, plain=False, own_theme=False):
    shutil.copytree(os.path.join(ROOT, "chapters"), os.path.join(dest, "chapters"))
    shutil.copyfile(os.path.join(ROOT, "glossary.yml"), os.path.join(dest, "glossary.yml"))  # the 용어집 page
    with open(os.path.join(ROOT, "config.ini"), encoding="utf-8") as f:
        config = f.read()
    if plain:
        # d2lbook's own conf.py names an empty bibliography file, a Sphinx warning that
        # this build removes; plain d2lbook can only finish without warnings-as-errors
        config = config.replace("warning_is_error = True", "warning_is_error = False")
    if own_theme:  # d2lbook as its users get it: no Sphinx extension of the book's
        config = "\n".join(line for line in config.splitlines()
                           if not line.startswith(("sphinx_extensions", "sphinx_configs")))
    with open(os.path.join(dest, "config.ini"), "w", encoding="utf-8") as f:
        f.write(config)
    return dest


def plain_kernels(base):
    """One JUPYTER_PATH folder per tab whose ``python3`` kernel is that tab's environment."""
    paths = {}
    for tab in envs.TABS:
        folder = os.path.join(base, f"jupyter-{tab}", "kernels", "python3")
        os.makedirs(folder)
        with open(os.path.join(folder, "kernel.json"), "w") as f:
            json.dump({"argv": [envs.env_python(tab), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                       "display_name": f"Python 3 ({tab})", "language": "python", "env": envs.KERNEL_ENV}, f)
        paths[tab] = os.path.join(base, f"jupyter-{tab}")
    return paths


def run(cmd, cwd, env=None):
    proc = subprocess.run(cmd, cwd=cwd, env=dict(os.environ, **(env or {})), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc


# d2lbook's scheduler reserves GPUs for a notebook whose code mentions try_gpu() or
# try_all_gpus() (resource.get_notebook_gpus) and stops on a machine without one; the
# use-gpu section runs on the CPU, so the plain pipeline is told it needs none.
PLAIN_D2LBOOK = ("import sys, d2lbook.resource as r; r.get_notebook_gpus = lambda nb, most: 0; "
                 "from d2lbook.main import main; sys.argv[0] = 'd2lbook'; sys.exit(main())")


def plain_build(book, kernels):
    d2lbook = [sys.executable, "-c", PLAIN_D2LBOOK]
    pandoc_dir = os.path.dirname(__import__("pypandoc").get_pandoc_path())
    path = os.pathsep.join([pandoc_dir, os.path.dirname(sys.executable), os.environ["PATH"]])
    env = {"PATH": path, "PYTHONPATH": ROOT}  # the book's Sphinx extension (theme/)
    for tab in envs.TABS:
        run([*d2lbook, "build", "eval", "--tab", tab], book, dict(env, JUPYTER_PATH=kernels[tab]))
    run([*d2lbook, "build", "rst", "html", "--tab", "all"], book, env)


def our_build(book):
    # build.sh's work without its bootstrap, which only checks that .envs/book exists
    run([sys.executable, "-m", "tools.book", "build"], book, {"PYTHONPATH": ROOT})


def pdfs_printed(book):
    """Until the PDFs our build prints in the background are done (they hold the build lock)."""
    from tools import buildlock
    cwd = os.getcwd()
    os.chdir(book)
    try:
        buildlock.acquire("bench/compare.py", say=lambda _: None).close()
    finally:
        os.chdir(cwd)


def timed(fn, *args):
    tik = time.perf_counter()
    fn(*args)
    return time.perf_counter() - tik


def _edit_section(book, edit):
    """Rewrite the bench's section line by line: ``edit(lines)`` returns the new lines."""
    path = os.path.join(book, SECTION)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(edit(lines)))


def _after_first(lines, is_it, extra):
    i = next(i for i, line in enumerate(lines) if is_it(line))
    return lines[:i] + [lines[i] + extra] + lines[i + 1:]


def edit_paragraph(book):
    """One more sentence at the end of the section's first paragraph of prose (Korean)."""
    _edit_section(book, lambda lines: _after_first(lines, lambda line: "\uac00" <= line[:1] <= "\ud7a3",
                                                   " 벤치마크가 더한 문장입니다."))


CODE_EDIT = "bench_edit = 1  # bench/compare.py"


def edit_code(book):
    """A line added to the section's first code cell: every tab that runs it runs again."""
    _edit_section(book, lambda lines: _after_first(lines, lambda line: line.startswith("%%tab"), "\n" + CODE_EDIT))


def revert_code(book):
    _edit_section(book, lambda lines: [line for line in lines if line != CODE_EDIT])


SCENARIOS = [("clean build", None, None), ("no-op rebuild", None, None),
             ("one-paragraph prose edit", None, edit_paragraph), ("revert a code edit", edit_code, revert_code)]


def scenario(books, kernels, before, change):
    """Seconds of each pipeline's build after ``change`` (``before``, built untimed, first)."""
    times = {}
    for name, book in books.items():
        build = (lambda b: plain_build(b, kernels)) if name in ANCHORS else our_build
        if before:
            before(book)
            build(book)
            pdfs_printed(book)
        if change:
            change(book)
        times[name] = timed(build, book)
        pdfs_printed(book)
    return times


def main():
    for tab in ["book", *envs.TABS]:
        envs.check(tab)
    base = tempfile.mkdtemp(prefix="d2l-bench-")
    try:
        kernels = plain_kernels(base)
        books = {ANCHORS[0]: copy_book(os.path.join(base, "plain"), plain=True),
                 ANCHORS[1]: copy_book(os.path.join(base, "plain-own"), plain=True, own_theme=True),
                 "ours": copy_book(os.path.join(base, "ours"))}
        missed = []
        for name, before, change in SCENARIOS:
            t = scenario(books, kernels, before, change)
            ratios = [t["ours"] / t[anchor] for anchor in ANCHORS]
            print(f"{name:26s} this build {t['ours']:6.1f} s | plain d2lbook, book's theme {t[ANCHORS[0]]:6.1f} s, "
                  f"ratio {ratios[0]:.2f} | own theme {t[ANCHORS[1]]:6.1f} s, ratio {ratios[1]:.2f} "
                  f"(target <= {TARGETS[name]})", flush=True)
            missed += [name] if max(ratios) > TARGETS[name] else []
        print("all ratios at or under target" if not missed else f"over target: {', '.join(missed)}")
        return 1 if missed else 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
