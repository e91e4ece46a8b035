"""One isolated Python environment per framework, plus one for the book toolchain.

Standard library only: ``build.sh`` runs this file with whatever Python it finds,
before any environment exists.

An environment lives in ``.envs/<name>`` and carries a stamp: a hash of its
requirement files (with the files they include), of ``pyproject.toml`` and of the
interpreter's version. An environment whose stamp matches is reused; one whose
stamp is missing (an interrupted install) or differs is rebuilt from scratch.
The stamp is written last, so a half-made environment is never taken as ready.
"""
import concurrent.futures
import functools
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABS = ("mxnet", "pytorch", "tensorflow", "jax")
DISPLAY = {"mxnet": "MXNet", "pytorch": "PyTorch", "tensorflow": "TensorFlow", "jax": "JAX"}
# MXNet 1.9.1 needs numpy<1.24, whose last release (1.23.5) has wheels up to Python 3.11.
REQUIRED_PYTHON = {"mxnet": "3.11"}
PREFERRED_PYTHON = "3.11"
# Kernel-wide environment: TensorFlow's C++ start-up log would otherwise land in outputs.
KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3"}


class EnvError(RuntimeError):
    """An environment is missing, broken or cannot be built here."""


def envs_dir():
    return os.environ.get("D2L_ENVS_DIR") or os.path.join(ROOT, ".envs")


def env_path(name):
    return os.path.join(envs_dir(), name)


def env_python(name):
    return os.path.join(env_path(name), "bin", "python")


def jupyter_path():
    """The folder to put first on JUPYTER_PATH so the build finds this checkout's kernels."""
    return os.path.join(envs_dir(), "jupyter")


def kernel_name(tab):
    return f"d2l-{tab}"


def requirement_file(name):
    if name == "book":
        return os.path.join(ROOT, "requirements.txt")
    return os.path.join(ROOT, "requirements", f"{name}.txt")


def _requirement_texts(path, seen=None):
    """The text of a requirement file and of every file it includes with -r."""
    seen = seen if seen is not None else set()
    path = os.path.abspath(path)
    if path in seen:
        return []
    seen.add(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    texts = [(os.path.relpath(path, ROOT), text)]
    for m in re.finditer(r"^\s*(?:-r|--requirement)\s+(\S+)", text, re.M):
        texts += _requirement_texts(os.path.join(os.path.dirname(path), m.group(1)), seen)
    return texts


def _python_version(python):
    out = subprocess.run([python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return out.stdout.strip()


# Interpreters outside .envs do not change during a build: ask each for its version once.
_base_version = functools.lru_cache(maxsize=None)(_python_version)


@functools.lru_cache(maxsize=None)
def find_python(version):
    """An interpreter of the given major.minor version, or None."""
    # real interpreters before PATH, where pyenv's shims are slow shell scripts
    pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = sorted(glob.glob(os.path.join(pyenv_root, "versions", f"{version}.*", "bin", "python")))
    candidates += [f"/usr/bin/python{version}", f"/usr/local/bin/python{version}", shutil.which(f"python{version}")]
    for c in candidates:
        if c and os.access(c, os.X_OK) and (_base_version(c) or "").startswith(version + "."):
            return c
    return None


def base_python(name):
    """The interpreter to build environment ``name`` with."""
    need = REQUIRED_PYTHON.get(name)
    if need:
        found = find_python(need)
        if not found:
            raise EnvError(
                f"The {DISPLAY.get(name, name)} environment needs Python {need} "
                f"(MXNet 1.9.1 needs numpy 1.23.5, which has no wheels for newer Pythons), "
                f"and no python{need} was found on PATH, in pyenv or in /usr/bin. "
                f"Install Python {need} (e.g. 'pyenv install {need}' or 'apt-get install python{need}'), "
                f"or build the other tabs only: ./build.sh --tabs "
                + ",".join(t for t in TABS if t != name))
        return found
    return find_python(PREFERRED_PYTHON) or sys.executable


def stamp(name, python):
    h = hashlib.sha256()
    h.update(f"python {_base_version(python)}\n".encode())
    for rel, text in _requirement_texts(requirement_file(name)):
        h.update(f"{rel}\n{text}\n".encode())
    if name != "book":
        with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def _stamp_file(name):
    return os.path.join(env_path(name), ".d2l-stamp")


def is_ready(name):
    """True when the environment exists, is complete, and its python runs."""
    try:
        with open(_stamp_file(name)) as f:
            f.read()
    except OSError:
        return False
    return _python_version(env_python(name)) is not None


def check(name):
    """Raise EnvError unless environment ``name`` is ready to use (no building)."""
    path = env_path(name)
    if not os.path.isdir(path):
        raise EnvError(f"the environment for '{name}' is missing ({path}); run ./build.sh setup")
    if not is_ready(name):
        raise EnvError(f"the environment for '{name}' is broken or was not finished ({path}); "
                       f"run ./build.sh setup to rebuild it")
    if name in TABS and not os.path.isfile(os.path.join(kernelspec_dir(name), "kernel.json")):
        raise EnvError(f"the Jupyter kernel {kernel_name(name)} is missing; run ./build.sh setup")


def _pip(name, *args, log):
    cmd = [env_python(name), "-m", "pip", "install", "--disable-pip-version-check", *args]
    log.write("$ " + " ".join(cmd) + "\n")
    log.flush()
    return subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT).returncode


def ensure(name, say=print):
    """Create or reuse environment ``name``; return True when it was (re)built."""
    python = base_python(name)
    want = stamp(name, python)
    try:
        with open(_stamp_file(name)) as f:
            have = f.read().strip()
    except OSError:
        have = None
    if have == want and is_ready(name):
        say(f"[setup] {name}: reusing {os.path.relpath(env_path(name))}")
    else:
        _build(name, python, want, say)
    if name in TABS:
        write_kernelspec(name)
    return have != want


def _build(name, python, want, say):
    path = env_path(name)
    log_path = path + ".log"
    os.makedirs(envs_dir(), exist_ok=True)
    shutil.rmtree(path, ignore_errors=True)
    say(f"[setup] {name}: creating with Python {_base_version(python)} (log: {os.path.relpath(log_path)})")
    tik = time.time()
    with open(log_path, "w") as log:
        ok = subprocess.run([python, "-m", "venv", path], stdout=log, stderr=subprocess.STDOUT).returncode == 0
        ok = ok and _pip(name, "--upgrade", "pip", log=log) == 0
        ok = ok and _pip(name, "-r", requirement_file(name), log=log) == 0
        if name in TABS:
            # The helper package, editable, so a change to d2l/ needs no reinstall.
            ok = ok and _pip(name, "--no-deps", "-e", ROOT, log=log) == 0
    if not ok:
        with open(log_path) as f:
            tail = "".join(f.readlines()[-15:])
        raise EnvError(f"building the '{name}' environment failed; the end of {log_path}:\n{tail}")
    with open(_stamp_file(name), "w") as f:
        f.write(want + "\n")
    say(f"[setup] {name}: ready in {time.time() - tik:.0f} s")


def kernelspec_dir(tab):
    """This checkout's kernel for ``tab``, found through JUPYTER_PATH (see jupyter_path)."""
    return os.path.join(jupyter_path(), "kernels", kernel_name(tab))


def write_kernelspec(tab):
    folder = kernelspec_dir(tab)
    os.makedirs(folder, exist_ok=True)
    spec = {
        "argv": [env_python(tab), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"d2l ({DISPLAY[tab]})",
        "language": "python",
        "env": KERNEL_ENV,
        "metadata": {"d2l_tab": tab},
    }
    tmp = os.path.join(folder, "kernel.json.tmp")
    with open(tmp, "w") as f:
        json.dump(spec, f, indent=1)
    os.replace(tmp, os.path.join(folder, "kernel.json"))
    return folder


BROWSER = {"chromium": "/usr/bin/chromium", "chromedriver": "/usr/bin/chromedriver"}
BROWSER_HINT = "apt-get update && apt-get install -y chromium chromium-driver"


def browser_ready():
    return all(os.access(p, os.X_OK) for p in BROWSER.values())


def ensure_browser(say=print):
    """Debian's chromium and chromium-driver, for the browser tests: installed when this
    runs as root with apt-get; otherwise the tests say how to install them and skip."""
    if browser_ready():
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"[setup] browser: chromium not found; the browser tests will be skipped. As root: {BROWSER_HINT}")
        return False
    log_path = os.path.join(envs_dir(), "apt.log")
    os.makedirs(envs_dir(), exist_ok=True)
    say(f"[setup] browser: installing Debian's chromium and chromium-driver (log: {os.path.relpath(log_path)})")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with open(log_path, "w") as log:
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends",
                                             "chromium", "chromium-driver", "fonts-noto-cjk"]):
            if subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env).returncode != 0:
                say(f"[setup] browser: '{' '.join(cmd)}' failed (see {log_path}); the browser tests will be skipped")
                return False
    return browser_ready()


def ensure_all(names, say=print):
    """Set up several environments at once (pip mostly waits on the network)."""
    errors = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(names))) as pool:
        futures = {pool.submit(ensure, n, say): n for n in names}
        for fut in concurrent.futures.as_completed(futures):
            try:
                fut.result()
            except EnvError as e:
                errors.append(str(e))
    if errors:
        raise EnvError("\n".join(errors))


if __name__ == "__main__":
    try:
        ensure_all(sys.argv[1:] or ["book"])
    except EnvError as e:
        sys.exit(f"error: {e}")
