"""Colab notebooks: the first cell installs only the helper at the book's version (the
wheel the build made) and checks Colab's framework against the supported range; MXNet
has none; the profile of Colab's runtime, its locks and its refresh command."""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

import pytest

from fixture_book import ROOT
from tools import colab, envs, frameworks, inputs, pins

sys.path.insert(0, ROOT)
import d2l  # noqa: E402
from d2l import _runtime  # noqa: E402

SECTION = os.path.join("chapter_builders-guide", "init-param.ipynb")
FRAMEWORK_PACKAGES = {"torch", "tensorflow", "tensorflow-cpu", "keras", "jax", "jaxlib", "flax", "numpy", "mxnet"}


def colab_notebook(tab):
    with open(os.path.join(ROOT, "_build", "colab", tab, SECTION), encoding="utf-8") as f:
        return json.load(f)


@pytest.mark.parametrize("tab", frameworks.COLAB_TABS)
def test_first_cell_installs_only_the_helper_at_the_books_version(tab):
    nb = colab_notebook(tab)
    cell = "".join([c for c in nb["cells"] if c["cell_type"] == "code"][0]["source"])
    pip = [line for line in cell.splitlines() if line.startswith("!pip install")]
    assert len(pip) == 1
    words = shlex.split(pip[0][len("!pip install"):])
    args = [a for a in words if not a.startswith("-")]
    assert args == [f"d2l-ko=={d2l.__version__}"]
    # over d2l-en's d2l, which installs the same files, and leaving Colab's numpy alone
    assert "--force-reinstall" in words and "--no-deps" in words
    named = {re.split(r"[=<>!~\[ ]", a)[0].lower() for a in args}
    assert not named & FRAMEWORK_PACKAGES
    assert "git+" not in cell and "github.com" not in cell and "example" not in cell
    assert f'import d2l_ko\nd2l_ko.check_versions("{tab}")' in cell
    assert nb["metadata"]["kernelspec"]["name"] == "python3"  # Colab's own kernel


def test_no_colab_notebook_for_a_framework_colab_cannot_run():
    assert frameworks.TABLE["mxnet"].colab and "mxnet" not in frameworks.COLAB_TABS
    assert colab.notebooks("mxnet", ROOT) == [] and colab.notebooks("pytorch", ROOT)


@pytest.mark.parametrize("tab", frameworks.COLAB_TABS)
def test_the_rest_is_the_evaluated_notebook(tab):
    nb = colab_notebook(tab)
    with open(os.path.join(ROOT, "_build", "notebooks", tab, SECTION), encoding="utf-8") as f:
        learner = json.load(f)
    ours = [c for c in nb["cells"] if not c["metadata"].get("d2l_colab")]
    assert [c["source"] for c in ours] == [c["source"] for c in learner["cells"]]
    assert len(nb["cells"]) == len(learner["cells"]) + 2


def _in_range(tab, package, version):
    low, high = _runtime.SUPPORTED[tab][package]
    return _runtime._key(low) <= _runtime._key(version) < _runtime._key(high)


@pytest.mark.parametrize("tab", frameworks.TABS)
def test_supported_range_holds_the_books_pins_and_colabs_releases(tab):
    """Both ends the book is tested on lie in the range the install cell checks."""
    for package in _runtime.SUPPORTED[tab]:
        book = envs.locked(tab)
        pinned = next(book[d] for d in _runtime.ALIASES.get(package, (package,)) if d in book)
        assert _in_range(tab, package, pinned), (tab, package)
        if tab in frameworks.COLAB_TABS:
            assert _in_range(tab, package, pins.colab_profile()["pins"][package]), (tab, package)
            assert _in_range(tab, package, envs.locked(envs.colab_env(tab))[package]), (tab, package)


def test_range_check_says_so_in_korean(monkeypatch, capsys):
    versions = {"torch": "2.15.0"}

    def version(name):
        if name not in versions:
            raise _runtime.importlib.metadata.PackageNotFoundError(name)
        return versions[name]

    monkeypatch.setattr(_runtime.importlib.metadata, "version", version)
    with pytest.raises(RuntimeError, match=r"torch 2\.15\.0.*2\.11 이상 2\.14 미만"):
        d2l.check_versions("pytorch")
    versions["torch"] = "2.11.0+cu128"  # Colab's GPU build: in range
    d2l.check_versions("pytorch")
    assert "torch 2.11.0+cu128" in capsys.readouterr().out
    with pytest.raises(RuntimeError, match="flax이\\(가\\) 설치되어 있지 않습니다"):
        versions.update(jax="0.7.2")
        d2l.check_versions("jax")


@pytest.mark.parametrize("tab", frameworks.COLAB_TABS)
def test_colab_locks_follow_the_profile(tab):
    """After a profile change, ./build.sh lock must run: the lock pins Colab's releases."""
    profile, lock = pins.colab_profile()["pins"], envs.locked(envs.colab_env(tab))
    for package in frameworks.TABLE[tab].packages:
        assert lock[package] == profile[package], (package, lock[package], profile[package])
    assert "pip" in lock and "ipykernel" in lock  # the install cell runs pip; nbval needs a kernel


def test_profile_records_where_and_when():
    profile = pins.colab_profile()
    assert re.fullmatch(r"3\.\d+\.\d+", profile["python"]) and profile["python"].startswith(frameworks.COLAB_PYTHON)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", profile["date"]) and profile["source"]
    assert any(s.startswith("torch") for s in profile["substitutes"])


FREEZE = """\
absl-py==1.4.0
flax==0.11.3
jax==0.7.3
jaxlib==0.7.3
keras==3.14.0
matplotlib==3.10.1
numpy==2.2.0
pandas==2.2.2
tensorflow==2.20.1
torch==2.12.0+cu128
torchvision==0.27.0+cu128
some-tool @ file:///colabtools/dist/some-tool.tar.gz
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "requirements").mkdir()
    with open(os.path.join(ROOT, envs.COLAB_PROFILE), encoding="utf-8") as f:
        (tmp_path / envs.COLAB_PROFILE).write_text(f.read())
    monkeypatch.setattr(envs, "ROOT", str(tmp_path))
    monkeypatch.setattr(inputs, "ROOT", str(tmp_path))
    return tmp_path


def test_profile_is_rewritten_from_a_colab_pip_freeze(repo, tmp_path):
    freeze = tmp_path / "freeze.txt"
    freeze.write_text(FREEZE)
    args = argparse.Namespace(names=[str(freeze)], python="3.13.20", date="2026-12-01", source="a test freeze")
    colab.write_profile(args, say=lambda _: None)
    profile = pins.colab_profile()
    assert profile["pins"] == {"flax": "0.11.3", "jax": "0.7.3", "jaxlib": "0.7.3", "keras": "3.14.0",
                               "matplotlib": "3.10.1", "numpy": "2.2.0", "pandas": "2.2.2",
                               "tensorflow": "2.20.1", "torch": "2.12.0"}
    assert (profile["python"], profile["date"], profile["source"]) == ("3.13.20", "2026-12-01", "a test freeze")
    assert any("torch 2.12.0+cu128" in s for s in profile["substitutes"])
    assert any(s.startswith("python 3.13.20") for s in profile["substitutes"])  # not installed here
    text = (repo / envs.COLAB_PROFILE).read_text()
    assert "torchvision" not in text and "absl" not in text  # only what the notebooks use


def test_profile_refresh_refuses_a_file_that_is_not_a_colab_freeze(repo, tmp_path):
    freeze = tmp_path / "freeze.txt"
    freeze.write_text("requests==2.0\n")
    args = argparse.Namespace(names=[str(freeze)], python="3.13.1", date=None, source=None)
    with pytest.raises(envs.EnvError, match="has no flax, jax"):
        colab.write_profile(args, say=lambda _: None)


def test_wheel_installs_the_helper_and_no_framework(tmp_path):
    wheel = os.path.join(ROOT, colab.wheel_path())
    assert os.path.exists(wheel), "the build makes the wheel"
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    installer = envs.uv()
    assert installer, "uv is set up with the environments"
    proc = subprocess.run([installer, "pip", "install", "--quiet", "--no-index", "--no-deps", "--python", python, wheel],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    check = ("import d2l, d2l_ko, os; print(d2l.__version__, "
             "sorted(f for f in os.listdir(os.path.dirname(d2l.__file__)) if f.endswith('.py')))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([python, "-c", check], capture_output=True, text=True, cwd=tmp_path, env=env, check=True).stdout
    assert out.split()[0] == d2l.__version__
    assert "'jax.py', 'mxnet.py', 'tensorflow.py', 'torch.py'" in out
    # no framework came with it: each module needs its framework from Colab
    proc = subprocess.run([python, "-c", "from d2l import torch"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert re.search(r"No module named '(torch|numpy)'", proc.stderr), proc.stderr


def test_without_python_313_the_colab_runs_are_skipped_and_say_how_to_get_it(monkeypatch):
    from tools import testing
    monkeypatch.setattr(envs, "find_python", lambda version: None)
    monkeypatch.delenv("CI", raising=False)
    result = testing.suite_colab("pytorch")
    assert result.skipped >= 1 and result.problems == [] and result.cases == []
    assert "SKIPPED" in result.lines[0] and "pyenv install 3.13" in result.lines[0]


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_missing_colab_python_fails_the_suite(monkeypatch, ci):
    from tools import testing
    monkeypatch.setattr(envs, "find_python", lambda version: None)
    monkeypatch.setenv("CI", ci)
    result = testing.suite_colab("pytorch")
    assert result.skipped == 0 and len(result.problems) == 1
    assert "no Python 3.13 in CI" in result.problems[0] and "pyenv install 3.13" in result.problems[0]


# --------------------------------------------------------------------------- beside d2l-en

ENGLISH_D2L = '__version__ = "1.0.3"\n'  # as d2l-en's d2l/__init__.py: no d2l-ko marker


def _check_in_a_fresh_python(tmp_path, first_on_path):
    code = "import d2l_ko; d2l_ko.check_versions('pytorch')"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = os.pathsep.join([str(first_on_path), ROOT])
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)


def test_the_english_d2l_on_disk_is_named_in_one_korean_sentence_with_the_fix(tmp_path):
    english = tmp_path / "site"
    (english / "d2l").mkdir(parents=True)
    (english / "d2l" / "__init__.py").write_text(ENGLISH_D2L)
    (english / "d2l" / "torch.py").write_text("")
    proc = _check_in_a_fresh_python(tmp_path, english)
    assert proc.returncode != 0
    message = proc.stderr.strip().splitlines()[-1]
    assert message.startswith("RuntimeError: 지금 불러온 d2l(") and str(english / "d2l") in message
    assert "d2l-ko가 아니라" in message and "다시 시작하세요: pip install --force-reinstall --no-deps d2l-ko" in message
    assert message.count(". ") == 0 and message.count("요") == 1  # one sentence, then the command


def test_the_books_own_d2l_passes_on_to_the_framework_check(tmp_path):
    proc = _check_in_a_fresh_python(tmp_path, ROOT)  # no torch in the book's environment
    assert "d2l-ko가 아니라" not in proc.stderr
    assert "torch이(가) 설치되어 있지 않습니다" in proc.stderr


def test_an_english_d2l_imported_earlier_in_the_kernel_is_caught(monkeypatch):
    import types
    import d2l_ko
    english = types.ModuleType("d2l")
    english.__file__ = "/usr/local/lib/python3.13/dist-packages/d2l/__init__.py"
    monkeypatch.setitem(sys.modules, "d2l", english)
    with pytest.raises(RuntimeError, match=r"dist-packages/d2l/__init__\.py\)은 이 책의 도우미 패키지 d2l-ko가 아니라"):
        d2l_ko.check_versions("jax")
    assert d2l.__distribution__ == d2l_ko.MARKER
