"""Environments: reused while their requirements are unchanged, rebuilt when they
change, and a clear stop when MXNet's Python 3.11 is missing."""
import os
import shutil
import sys

import pytest

from fixture_book import ROOT
from tools import envs


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A private copy of the requirement files, as envs.ROOT."""
    shutil.copytree(os.path.join(ROOT, "requirements"), tmp_path / "requirements")
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(os.path.join(ROOT, name), tmp_path / name)
    monkeypatch.setattr(envs, "ROOT", str(tmp_path))
    return tmp_path


def test_stamp_follows_the_requirement_files_and_their_includes(repo):
    before = {name: envs.stamp(name, sys.executable) for name in ["book", *envs.TABS]}
    assert envs.stamp("jax", sys.executable) == before["jax"]  # the same inputs, the same stamp
    with open(repo / "requirements" / "kernel.txt", "a") as f:  # included by every framework file
        f.write("\n# edited\n")
    after = {name: envs.stamp(name, sys.executable) for name in ["book", *envs.TABS]}
    assert [n for n in before if before[n] != after[n]] == list(envs.TABS)
    with open(repo / "requirements" / "jax.txt", "a") as f:
        f.write("\n# edited\n")
    assert envs.stamp("jax", sys.executable) != after["jax"]
    assert envs.stamp("pytorch", sys.executable) == after["pytorch"]


def test_missing_python_311_stops_mxnet_setup_and_names_the_way_out(monkeypatch):
    monkeypatch.setattr(envs, "find_python", lambda version: None)
    with pytest.raises(envs.EnvError) as error:
        envs.base_python("mxnet")
    message = str(error.value)
    assert "Python 3.11" in message and "./build.sh --tabs pytorch,tensorflow,jax" in message
    assert envs.base_python("pytorch") == sys.executable  # the other tabs still build


def test_an_unfinished_environment_is_not_ready(tmp_path, monkeypatch):
    monkeypatch.setenv("D2L_ENVS_DIR", str(tmp_path))
    (tmp_path / "jax" / "bin").mkdir(parents=True)
    os.symlink(sys.executable, tmp_path / "jax" / "bin" / "python")
    assert not envs.is_ready("jax")  # no stamp: the install did not finish
    (tmp_path / "jax" / ".d2l-stamp").write_text("x\n")
    assert envs.is_ready("jax")
    with pytest.raises(envs.EnvError, match="kernel d2l-jax is missing"):
        envs.check("jax")
