"""axe-core for the accessibility tests comes from the npm registry (tools/npm.py): the set-up
installs the lock of requirements/npm, reuses it while the lock is unchanged, and says
clearly what to install when Node.js and npm are missing."""
import json
import os

from tools import npm


def test_package_is_pinned_exactly_and_locked_with_its_hash():
    with open(os.path.join(npm.SOURCE, "package.json"), encoding="utf-8") as f:
        wanted = json.load(f)["dependencies"]
    with open(os.path.join(npm.SOURCE, "package-lock.json"), encoding="utf-8") as f:
        locked = json.load(f)["packages"]
    for name, version in wanted.items():
        assert version[0].isdigit(), f"{name} is not pinned to one version: {version}"
        entry = locked[f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")


def test_without_npm_the_setup_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(npm.shutil, "which", lambda name: None)
    monkeypatch.setattr(npm.os, "geteuid", lambda: 1000)  # not root: nothing is installed with apt
    said = []
    assert npm.ensure(str(tmp_path), say=said.append) is False
    assert len(said) == 1 and "node and npm were not found" in said[0]
    assert "accessibility tests will be skipped" in said[0] and "apt-get install -y nodejs npm" in said[0]


def test_an_install_matching_the_lock_is_reused_without_npm(tmp_path, monkeypatch):
    with open(os.path.join(npm.SOURCE, "package.json"), encoding="utf-8") as f:
        for name in json.load(f)["dependencies"]:
            os.makedirs(npm.package(str(tmp_path), name))
    open(npm.axe_script(str(tmp_path)), "w").close()
    npm.stamps.Stamp(os.path.join(npm.folder(str(tmp_path)), ".d2l-stamp")).write(npm._want())
    monkeypatch.setattr(npm.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("npm ran")))
    assert npm.ensure(str(tmp_path), say=lambda line: None) is True
