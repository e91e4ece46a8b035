"""Environments: reused while their requirements are unchanged, rebuilt when they
change, and a clear stop when MXNet's Python 3.11 is missing."""
import os
import re
import shutil
import sys
import time

import pytest

from fixture_book import ROOT
from tools import envs, inputs, installer


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A private copy of the requirement files, as envs.ROOT."""
    shutil.copytree(os.path.join(ROOT, "requirements"), tmp_path / "requirements")  # with the locks
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(os.path.join(ROOT, name), tmp_path / name)
    monkeypatch.setattr(envs, "ROOT", str(tmp_path))
    monkeypatch.setattr(inputs, "ROOT", str(tmp_path))
    return tmp_path


def test_stamp_follows_the_lock(repo):
    before = {name: envs.stamp(name, sys.executable) for name in ["book", *envs.TABS]}
    assert envs.stamp("jax", sys.executable) == before["jax"]  # the same inputs, the same stamp
    with open(repo / "requirements" / "lock" / "jax.txt", "a") as f:
        f.write("\n# edited\n")
    after = {name: envs.stamp(name, sys.executable) for name in ["book", *envs.TABS]}
    assert [n for n in before if before[n] != after[n]] == ["jax"]
    (repo / "requirements" / "lock" / "pytorch.txt").unlink()
    with pytest.raises(envs.EnvError, match="run ./build.sh lock"):
        envs.stamp("pytorch", sys.executable)


ENVS = [n for n in envs.names(envs.TABS, colab=True)]


def english_d2l_version():
    with open(os.path.join(envs.ROOT, "requirements", "colab-d2l-en.txt"), encoding="utf-8") as f:
        return re.search(r"^d2l==(\S+)", f.read(), re.M).group(1)


@pytest.mark.parametrize("name", ENVS)
def test_every_environment_equals_its_lock(name):
    if not envs.is_ready(name):
        if name.startswith("colab-") and envs.find_python("3.13") is None:
            pytest.skip(envs.missing_python_message(name, "3.13"))
        if name.startswith("colab-") and not os.path.exists(envs.env_path(name)):
            pytest.skip(f"{name} is set up only when the colab suite runs (./build.sh test --suites colab)")
        pytest.fail(f"the {name} environment is not set up, or its set-up did not finish")
    have, want = envs.installed(name), envs.locked(name)
    have.pop("d2l-ko", None)  # editable from the checkout, or installed by a Colab notebook's first cell
    if name.startswith("colab-") and "d2l" in have:  # d2l-en's, put there by the colab suite
        assert have.pop("d2l") == english_d2l_version()
    assert have == want, {"extra": sorted(set(have) - set(want)), "missing": sorted(set(want) - set(have)),
                          "other versions": sorted(n for n in set(have) & set(want) if have[n] != want[n])}


def test_locks_hold_the_top_level_pins_with_hashes():
    for name in ["book", *envs.TABS]:
        with open(envs.lock_file(name), encoding="utf-8") as f:
            text = f.read()
        pins = envs.locked(name)
        for req in envs.requirement_lines(envs.requirement_file(name)):
            package, _, version = req.partition("==")
            if version:
                assert pins[envs._canonical(package)] == version, (name, req)
        # every pinned package carries at least one hash
        blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert all("--hash=sha256:" in b for b in blocks if "==" in b), name


def test_what_an_environment_excludes_is_neither_locked_nor_imported():
    """requirements/<name>-excludes.txt is passed to uv when locking (tools/pins.py): nothing it
    lists is pinned, and validating a notebook (every build and nbval do) no longer imports
    rfc3987-syntax, whose import builds Lark parsers for 1.3 CPU-s in each such process."""
    import subprocess
    from tools import pins
    path = os.path.join(ROOT, "requirements", "book-excludes.txt")
    assert pins.excluded("book") == ["--excludes", path] and pins.excluded("jax") == []
    for package in envs.requirement_lines(path):
        assert envs._canonical(package) not in envs.locked("book"), package
    check = ("import sys, nbformat; nbformat.validate(nbformat.v4.new_notebook()); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'rfc3987_syntax', 'lark', 'jsonschema'}))")
    shown = subprocess.run([envs.env_python("book"), "-c", check], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "['jsonschema']"  # the validator ran, without the iri checker


def test_uv_gets_pips_find_links(monkeypatch):
    """uv does not read pip's configuration: the local torch CPU wheel folder is passed on."""
    monkeypatch.setenv("PIP_FIND_LINKS", "/somewhere/wheels /other")
    assert installer.find_links() == ["/somewhere/wheels", "/other"]


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


def test_setup_says_what_each_environment_does_while_it_installs(monkeypatch):
    """Never silent: a line per busy environment every PROGRESS_EVERY seconds, then one each."""
    monkeypatch.setattr(envs, "PROGRESS_EVERY", 0.1)
    monkeypatch.setattr(envs, "uv", lambda say=print: "/fake/uv")
    monkeypatch.setattr(envs, "locked", lambda name: {"a": "1", "b": "2"})

    def ensure(name, say, progress):
        progress[name] = ("installing 2 locked packages", progress[name][1])
        time.sleep(0.45 if name == "jax" else 0.05)
        return "built" if name == "jax" else "reused"

    monkeypatch.setattr(envs, "ensure", ensure)
    lines = []
    assert envs.ensure_all(["jax", "pytorch"], say=lines.append) == ["jax", "pytorch"]
    busy = [line for line in lines if line.startswith("[setup] jax: installing 2 locked packages (")]
    assert len(busy) >= 3, lines
    assert any(line.startswith("[setup] pytorch: up to date, reused") for line in lines)
    assert any(re.match(r"\[setup\] jax: ready, 2 packages installed from its lock in \d+ s$", line) for line in lines)


def test_without_uv_the_same_lock_installs_with_pip(monkeypatch, tmp_path):
    monkeypatch.setenv("D2L_ENVS_DIR", str(tmp_path))
    monkeypatch.setattr(envs, "uv", lambda say=print: None)
    monkeypatch.setattr(installer, "find_links", lambda: [])
    ran = []
    monkeypatch.setattr(envs, "_run", lambda cmd, *a, **k: ran.append(cmd) or True)
    assert envs._install("pytorch", sys.executable, None, {"pytorch": ("", 0)})
    assert ran[0] == [sys.executable, "-m", "venv", envs.env_path("pytorch")]
    assert ran[1][-4:] == ["--require-hashes", "--no-deps", "-r", envs.lock_file("pytorch")]
    assert ran[1][:4] == [envs.env_python("pytorch"), "-m", "pip", "install"]
    assert ran[2][-3:] == ["--no-deps", "-e", envs.ROOT]  # the helper, editable


def test_uv_installs_exactly_the_lock_with_pips_find_links(monkeypatch, tmp_path):
    monkeypatch.setenv("D2L_ENVS_DIR", str(tmp_path))
    monkeypatch.setattr(envs, "uv", lambda say=print: "/fake/uv")
    monkeypatch.setenv("PIP_FIND_LINKS", "/opt/wheels")
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "file:///opt/mirror/simple")
    ran = []
    monkeypatch.setattr(envs, "_run", lambda cmd, *a, **k: ran.append(cmd) or True)
    assert envs._install("book", sys.executable, None, {"book": ("", 0)})
    assert ran[1][:3] == ["/fake/uv", "pip", "sync"]  # sync: removes what the lock does not name
    assert "--require-hashes" in ran[1] and ran[1][-1] == envs.lock_file("book")
    assert ran[1][ran[1].index("--find-links") + 1] == "/opt/wheels"
    assert ran[1][ran[1].index("--extra-index-url") + 1] == "file:///opt/mirror/simple"
    assert len(ran) == 2  # the toolchain gets no d2l helper
