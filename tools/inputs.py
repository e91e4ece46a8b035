"""What each step of the build depends on. Every up-to-date decision digests the list
its step gets here (tools/stamps.py), so a new build input is one line in this file.

Standard library only (tools/envs.py uses it before any environment exists).
"""
import json
import os

from tools import frameworks
from tools.stamps import File, Tree

# bump to evaluate every notebook again (e.g. when what the build stores in them changes)
BUILD_FORMAT = "2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Kernel-wide environment: TensorFlow's C++ start-up log would otherwise land in outputs.
KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3"}
# ipykernel 7 forwards what C extensions write to the process's stderr into whichever cell
# runs at that moment; TensorFlow 2.21 prints its oneDNN notice there whatever the log
# level, so it would land in a random cell and break strict nbval. The book's kernels keep
# such output on the console; Colab-profile kernels behave as Colab's.
KERNEL_ARGS = ["--IPKernelApp.capture_fd_output=False"]


def root(*parts):
    return os.path.join(ROOT, *parts)


def lock_file(name):
    return root("requirements", "lock", f"{name}.txt")


def d2l_files(tab):
    """The helper package as a notebook of ``tab`` imports it: every module of d2l/ but
    the other frameworks' (those import frameworks this tab's environment lacks)."""
    others = {f.module for t, f in frameworks.TABLE.items() if t != tab}
    names = sorted(n for n in os.listdir(root("d2l")) if n.endswith(".py") and n[:-3] not in others)
    return [part for n in names for part in (n, File(root("d2l", n)))]


def notebook(tab, code):
    """An evaluated notebook: its tab's code cells, what its kernel imports and runs with,
    and the book's configuration (relative to the book being built)."""
    return [BUILD_FORMAT, tab, json.dumps(code), *d2l_files(tab),
            File(lock_file(tab)),  # every package of the tab's environment
            json.dumps([KERNEL_ENV, KERNEL_ARGS], sort_keys=True), File("config.ini")]


def environment(name, python_version):
    """An environment in .envs: its interpreter and its lock; the frameworks' environments
    also install the helper package (editable) from pyproject.toml."""
    return [f"python {python_version}", File(lock_file(name)),
            *([] if name == "book" else [File(root("pyproject.toml"))])]


def wheel():
    return [Tree(root("d2l"), (".py",)), Tree(root("d2l_ko"), (".py",)), File(root("pyproject.toml")),
            File(root("README.pypi.md")), File(root("LICENSE")),
            File(lock_file("book"))]  # the setuptools that makes it (colab.wheel_command)


def theme():
    """The reader's side, read from the checkout by Sphinx (extension and static files)."""
    return [Tree(root("theme"))]


def pdf_printer(available):
    """How the PDFs are printed, and whether they can be: chromium adds PDF links to pages."""
    return [File(root("tools", "pdf.py"))] if available else ["no pdf"]


def glossary():
    """The vocabulary of record: the 용어집 page and the search keywords come from it."""
    return [File("glossary.yml")]


def sphinx(command, rst_dir, pdf_available):
    return [" ".join(command), Tree(rst_dir), *theme(), *glossary(), *pdf_printer(pdf_available)]


def pdfs(html_dir, downloads):
    """The PDFs print the published HTML (but for the downloads they sit beside)."""
    return [Tree(html_dir, None, (downloads,)), *pdf_printer(True)]


def everything(tabs, src_dir, env_stamps, made, pdf_available):
    """A whole build: when this equals the digest the published book records, building
    again would reproduce that book exactly. ``made``: the folders of what the build makes
    beside the HTML (evaluated and Colab notebooks), so that a missing or damaged one is
    made again."""
    if isinstance(made, str):  # one folder's name would be digested as one root folder per letter
        raise TypeError(f"made: a list of folders, not {made!r}")
    code = (".py", ".txt")
    return [",".join(tabs), Tree(src_dir), File("config.ini"), *theme(),  # every file of the theme
            *[Tree(root(folder), code) for folder in ("d2l", "tools", "requirements")],
            File(root("requirements.txt")), *glossary(), *[File(s) for s in env_stamps], *map(Tree, made),
            *pdf_printer(pdf_available)]
