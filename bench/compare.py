"""Time this project's build against the plain d2lbook pipeline, on the same sources, in one run.

    .envs/book/bin/python bench/compare.py        (after ./build.sh setup)

Both pipelines get a fresh copy of the book (chapters/ and config.ini) and the same
per-framework kernels (the environments ./build.sh setup made). The plain pipeline is
what d2lbook's CLI does on its own: ``d2lbook build eval --tab T`` for each tab in turn,
each tab's notebooks running in the ``python3`` kernel found first on JUPYTER_PATH
(pointed at that tab's environment), then ``d2lbook build rst html --tab all``.

Three scenarios, each timed for both pipelines: a clean build, a rebuild with nothing
changed, and a rebuild after editing one paragraph of prose in one section. The
machine is shared and noisy: quote the ratios of one run, not the seconds.
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

SECTION = os.path.join("chapters", "chapter_builders-guide", "init-param.md")
PARAGRAPH = "모든 탭에서 같은 네트워크를 씁니다."
TARGETS = {"clean build": 0.5, "no-op rebuild": 0.15, "one-paragraph prose edit": 0.3}


def copy_book(dest, plain=False):
    shutil.copytree(os.path.join(ROOT, "chapters"), os.path.join(dest, "chapters"))
    with open(os.path.join(ROOT, "config.ini"), encoding="utf-8") as f:
        config = f.read()
    if plain:
        # d2lbook's own conf.py names an empty bibliography file, a Sphinx warning that
        # this build removes; plain d2lbook can only finish without warnings-as-errors
        config = config.replace("warning_is_error = True", "warning_is_error = False")
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


def timed(fn, *args):
    tik = time.perf_counter()
    fn(*args)
    return time.perf_counter() - tik


def edit_paragraph(book):
    path = os.path.join(book, SECTION)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert PARAGRAPH in text, f"bench: the paragraph to edit is gone from {SECTION}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(PARAGRAPH, PARAGRAPH + " (벤치마크에서 고친 문장)", 1))


def main():
    for tab in ["book", *envs.TABS]:
        envs.check(tab)
    base = tempfile.mkdtemp(prefix="d2l-bench-")
    try:
        kernels = plain_kernels(base)
        plain = copy_book(os.path.join(base, "plain"), plain=True)
        ours = copy_book(os.path.join(base, "ours"))
        rows = []
        for name, prepare in (("clean build", None), ("no-op rebuild", None),
                              ("one-paragraph prose edit", edit_paragraph)):
            if prepare:
                prepare(plain)
                prepare(ours)
            t_plain = timed(plain_build, plain, kernels)
            t_ours = timed(our_build, ours)
            rows.append((name, t_plain, t_ours))
            print(f"{name:26s} plain d2lbook {t_plain:6.1f} s   this build {t_ours:6.1f} s   "
                  f"ratio {t_ours / t_plain:.2f} (target <= {TARGETS[name]})", flush=True)
        missed = [name for name, p, o in rows if o / p > TARGETS[name]]
        print("all ratios at or under target" if not missed else f"over target: {', '.join(missed)}")
        return 1 if missed else 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
