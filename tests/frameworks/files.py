"""Running a section that writes files, and checking where the files went.

``run_in_empty_cwd`` runs a tab's cells from a fresh, empty working directory and
reports what the run left behind: in that directory, in the checkout (``git status``)
and in the section's own ``folder``.
"""
import contextlib
import os
import subprocess
import tempfile

from section import ROOT, Section


def git_status():
    proc = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=all"],
                          capture_output=True, text=True)
    if proc.returncode == 0:
        return proc.stdout
    # a copy of the book without git (e.g. a maintainer's test of the scaffold): every
    # file outside the build's folders, with its modification time
    from tools import checkout
    return [(name, os.path.getmtime(os.path.join(ROOT, name))) for name in checkout.untracked(ROOT)]


@contextlib.contextmanager
def empty_cwd():
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as cwd:
        os.chdir(cwd)
        try:
            yield cwd
        finally:
            os.chdir(here)


def run_in_empty_cwd(tab, path):
    """Run every cell of ``tab``; return (section, files left in cwd, git status before, after)."""
    before = git_status()
    with empty_cwd() as cwd:
        sec = Section(tab, path)
        sec.run_through(len(sec.cells) - 1)
        left = os.listdir(cwd)
    return sec, left, before, git_status()
