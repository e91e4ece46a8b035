"""Colab notebooks: the first cell installs exactly the versions the book is tested with,
and the d2l helper installs the way that cell installs it (here from a local path)."""
import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from fixture_book import ROOT
from tools import envs, reader

TABS = ["mxnet", "pytorch", "tensorflow", "jax"]
SECTION = os.path.join("chapter_builders-guide", "init-param.ipynb")


def d2l_requirement():
    config = configparser.ConfigParser()
    config.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    return config["notebooks"]["d2l_requirement"]


def install_cell(tab):
    with open(os.path.join(ROOT, "_build", "colab", tab, SECTION), encoding="utf-8") as f:
        nb = json.load(f)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    return nb, "".join(code[0]["source"])


@pytest.mark.parametrize("tab", TABS)
def test_first_cell_installs_the_pinned_framework_and_the_helper(tab):
    nb, cell = install_cell(tab)
    assert cell.startswith("!pip install ")
    args = shlex.split(cell[len("!pip install "):])
    with open(envs.requirement_file(tab), encoding="utf-8") as f:
        pinned = [l.split("#")[0].strip() for l in f if l.split("#")[0].strip() and not l.startswith("-")]
    assert args == pinned + [d2l_requirement()]
    assert any(re.fullmatch(r"[\w-]+==[\w.]+", a) for a in args)  # the framework itself is pinned
    assert nb["metadata"]["kernelspec"]["name"] == "python3"  # Colab's own kernel


@pytest.mark.parametrize("tab", TABS)
def test_the_rest_is_the_evaluated_notebook(tab):
    nb, _ = install_cell(tab)
    with open(os.path.join(ROOT, "_build", "notebooks", tab, SECTION), encoding="utf-8") as f:
        learner = json.load(f)
    ours = [c for c in nb["cells"] if not c["metadata"].get("d2l_colab")]
    assert [c["source"] for c in ours] == [c["source"] for c in learner["cells"]]
    assert len(nb["cells"]) == len(learner["cells"]) + 2


def test_helper_installs_from_a_local_path_like_the_colab_cell(tmp_path):
    """The cell's d2l requirement, pointed at a copy of this checkout, in a fresh venv."""
    name, _, url = d2l_requirement().partition("@")
    assert name.strip() == "d2l-ko" and url.strip().startswith("git+")
    source = tmp_path / "src"
    source.mkdir()
    for item in ("d2l", "pyproject.toml", "README.md"):
        copy = shutil.copytree if os.path.isdir(os.path.join(ROOT, item)) else shutil.copy
        copy(os.path.join(ROOT, item), source / item)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    requirement = f"{name.strip()} @ {source.as_uri()}"
    proc = subprocess.run([python, "-m", "pip", "install", "--disable-pip-version-check", "-q", requirement],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    check = ("import importlib.metadata, d2l, os; "
             "print(d2l.__version__, importlib.metadata.version('d2l-ko'), "
             "sorted(f for f in os.listdir(os.path.dirname(d2l.__file__)) if f.endswith('.py')))")
    out = subprocess.run([python, "-c", check], capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    import d2l
    assert out.split()[0] == out.split()[1] == d2l.__version__
    assert "'jax.py', 'mxnet.py', 'tensorflow.py', 'torch.py'" in out
    # no framework came with it: each module needs its framework from the notebook's own install
    proc = subprocess.run([python, "-c", "from d2l import torch"], capture_output=True, text=True, cwd=tmp_path)
    assert re.search(r"No module named '(torch|numpy)'", proc.stderr), proc.stderr


def test_install_command_quotes_what_the_shell_would_split():
    options = {"d2l_requirement": "d2l-ko @ git+https://example.invalid/repo"}
    assert reader.install_command("jax", options) == \
        '!pip install jax==0.10.2 jaxlib==0.10.2 flax==0.12.8 "d2l-ko @ git+https://example.invalid/repo"'
