"""Kernels forked from a warm zygote (tools/zygote.py): each notebook gets a new process
with the framework already imported and nothing else carried over, and the zygote does
not outlive the build process that started it."""
import os
import subprocess
import sys
import tempfile
import textwrap
import time

import nbformat
from nbclient import NotebookClient

from fixture_book import ROOT
from tools import envs, frameworks, zygote

TAB = "pytorch"


def run(source, zygotes):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in source])
    NotebookClient(nb, kernel_name=envs.kernel_name(TAB), kernel_manager_class=zygote.kernel_manager_class(zygotes),
                   timeout=120).execute()
    return ["".join(o.get("text", "") for o in c.outputs).strip() for c in nb.cells]


def test_each_notebook_is_a_new_process_with_the_framework_already_imported(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", envs.jupyter_path())
    with tempfile.TemporaryDirectory() as folder:
        warm = zygote.Zygote(envs.env_python(TAB), frameworks.TABLE[TAB].preload, folder,
                             dict(os.environ, **envs.KERNEL_ENV))
        try:
            first = run(["import os, sys; print(os.getpid(), 'torch' in sys.modules)", "leak = 1"], lambda tab: warm)
            second = run(["import os; print(os.getpid(), 'leak' in globals())"], lambda tab: warm)
        finally:
            warm.close()
    pid1, preloaded = first[0].split()
    pid2, leaked = second[0].split()
    assert preloaded == "True"  # imported by the zygote, before the notebook asked
    assert leaked == "False" and pid1 != pid2 and int(pid1) != warm.proc.pid


def test_the_zygote_ends_with_the_process_that_started_it(tmp_path):
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {ROOT!r})
        from tools import envs, zygote
        z = zygote.Zygote(envs.env_python({TAB!r}), ["numpy"], {str(tmp_path)!r}, dict(os.environ))
        print(z.proc.pid, flush=True)
        os._exit(0)  # no clean-up: as when a build is killed
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    pid = int(out.split()[0])
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, 9)
    raise AssertionError("the zygote outlived its build process")


def test_a_framework_that_imports_matplotlib_still_gets_the_inline_backend(monkeypatch):
    """TensorFlow imports matplotlib while it loads; a kernel forked from a zygote that
    preloaded it must still show figures inline, as an ordinary kernel does."""
    monkeypatch.setenv("JUPYTER_PATH", envs.jupyter_path())
    with tempfile.TemporaryDirectory() as folder:
        warm = zygote.Zygote(envs.env_python(TAB), ("matplotlib",), folder, dict(os.environ, **envs.KERNEL_ENV))
        try:
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
                "import sys, matplotlib; print('preloaded' if 'matplotlib.pyplot' not in sys.modules else '')\n"
                "from matplotlib import pyplot as plt\nplt.plot([0, 1])")])
            NotebookClient(nb, kernel_name=envs.kernel_name(TAB), timeout=120,
                           kernel_manager_class=zygote.kernel_manager_class(lambda tab: warm)).execute()
        finally:
            warm.close()
    kinds = [k for o in nb.cells[0].outputs for k in o.get("data", {})]
    assert "image/png" in kinds or "image/svg+xml" in kinds, nb.cells[0].outputs


def test_a_zygote_imports_the_framework_only_for_code_that_uses_it():
    from tools.evaluation import _preload
    preload = frameworks.TABLE["jax"].preload
    assert _preload("jax", None) == preload  # code not known: the framework table's list
    for uses in (["import jax.numpy as jnp"], ["x = 1", "from flax import linen as nn"],
                 ["from d2l import jax as d2l"], ["import numpy as np"]):
        assert _preload("jax", uses) == preload, uses
    # the build tests' small book: no cell names the framework, so nothing is imported for it
    assert _preload("jax", ["y = [i * i for i in range(4)]", "print(y)", "flax_like = 'jaxon'"]) == ()
