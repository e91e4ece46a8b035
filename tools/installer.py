"""The installer every environment uses: uv, pinned and fetched once into ``.envs/.uv``
with the bootstrap Python's pip, told where pip on this machine installs from. Where
uv can't be had, callers fall back to pip. Standard library only."""
import functools
import os
import shutil
import subprocess
import sys

UV = "uv==0.13.9"


def _envs_dir():
    from tools import envs
    return envs.envs_dir()


def _pip_setting(name):
    """A pip setting as pip reads it (PIP_<NAME>, else pip's configuration files), split."""
    value = os.environ.get("PIP_" + name.upper().replace("-", "_"))
    if value is None:
        out = subprocess.run([sys.executable, "-m", "pip", "config", "get", f"global.{name}"],
                             capture_output=True, text=True)
        value = out.stdout if out.returncode == 0 else ""
    return value.split()


def find_links():
    """pip's find-links on this machine: uv does not read pip's configuration, and the
    local CPU build of torch is found only there."""
    return _pip_setting("find-links")


def install_sources():
    """uv options for the places pip installs from besides PyPI: its find-links and extra
    indexes (local mirrors here). Every file is checked against the lock's hashes, so
    uv may take each locked version from whichever place has it."""
    args = [a for link in find_links() for a in ("--find-links", link)]
    extra = _pip_setting("extra-index-url")
    if extra:
        args += [a for url in extra for a in ("--extra-index-url", url)]
        args += ["--index-strategy", "unsafe-best-match"]
    return args


@functools.lru_cache(maxsize=None)
def uv(say=print):
    """The pinned uv, fetched once into .envs/.uv with the bootstrap Python's pip; None
    (with a message) when it can't be had, and the installs fall back to pip."""
    if os.environ.get("D2L_INSTALLER") == "pip":
        return None
    folder = os.path.join(_envs_dir(), ".uv")
    binary = os.path.join(folder, "bin", "uv")
    version = UV.split("==")[1]
    probe = subprocess.run([binary, "--version"], capture_output=True, text=True) if os.access(binary, os.X_OK) else None
    if probe and probe.returncode == 0 and probe.stdout.split()[1] == version:
        return binary
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(_envs_dir(), exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--target", folder, UV], capture_output=True, text=True)
    if proc.returncode != 0 or not os.access(binary, os.X_OK):
        say(f"[setup] uv ({UV}) could not be installed ({(proc.stderr or proc.stdout).strip()[-300:]}); "
            f"installing with pip instead, which is several times slower")
        return None
    return binary


def _uv_env():
    # uv reads UV_*; PIP_* would not reach it. Logs stay plain text.
    return dict(os.environ, UV_NO_PROGRESS="1", NO_COLOR="1")
