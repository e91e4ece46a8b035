"""One isolated Python environment per framework, plus one for the book toolchain and,
for the tests, one per Colab tab built to Colab's runtime (requirements/colab.txt).

Standard library only: ``build.sh`` runs this with whatever Python it finds, before
any environment exists.

Every environment installs exactly its lock, ``requirements/lock/<name>.txt``: every
package pinned with its hashes, generated from the top-level requirement files by
``./build.sh lock``. Installs use uv (pinned below, fetched into ``.envs/.uv``) and run
all at once; where uv can't be had, pip installs the same locks, more slowly.

An environment lives in ``.envs/<name>`` and carries a stamp: a hash of its lock, of
``pyproject.toml`` and of the interpreter's version. An environment whose stamp matches
is reused; one whose stamp is missing (an interrupted install) or differs is rebuilt
from scratch. The stamp is written last, so a half-made environment is never taken as ready.
"""
import concurrent.futures
import functools
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

from tools import browser, frameworks, inputs, npm, stamps
from tools.installer import _uv_env, install_sources, uv

ROOT = inputs.ROOT

TABS = frameworks.TABS


def colab_env(tab):
    return f"colab-{tab}"


DISPLAY = frameworks.DISPLAY
REQUIRED_PYTHON = {tab: f.python for tab, f in frameworks.TABLE.items() if f.python}
REQUIRED_PYTHON.update({colab_env(tab): frameworks.COLAB_PYTHON for tab in frameworks.COLAB_TABS})
PREFERRED_PYTHON = "3.11"
KERNEL_ENV, KERNEL_ARGS = inputs.KERNEL_ENV, inputs.KERNEL_ARGS


def kernel_env(name, book=ROOT):
    """The environment of every process that runs the book's code in environment ``name``:
    KERNEL_ENV and its framework's compiler cache, in the _build of ``book`` (the build
    passes the book it builds, so a clean build of another copy starts with none)."""
    tab = name[len("colab-"):] if name.startswith("colab-") else name
    folder = os.path.join(os.path.abspath(book), "_build", "cache", "compiled")
    return {**KERNEL_ENV, **{k: v.format(folder=folder) for k, v in frameworks.TABLE[tab].compile_cache.items()}}
LOCKS = os.path.join("requirements", "lock")
COLAB_PROFILE = os.path.join("requirements", "colab.txt")
PROGRESS_EVERY = 8  # seconds between progress lines while environments install


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


def kernel_name(name):
    """``d2l-pytorch`` for a framework's environment, ``d2l-colab-pytorch`` for its Colab one."""
    return f"d2l-{name}"


def names(tabs, colab=False):
    """The environments a build of ``tabs`` needs (with ``colab``: also their Colab ones)."""
    return ["book", *tabs, *([colab_env(t) for t in tabs if t in frameworks.COLAB_TABS] if colab else [])]


def requirement_file(name):
    """The top-level requirements of an environment (a Colab one's come from the profile)."""
    if name == "book":
        return os.path.join(ROOT, "requirements.txt")
    if name.startswith("colab-"):
        return os.path.join(ROOT, COLAB_PROFILE)
    return os.path.join(ROOT, "requirements", f"{name}.txt")


lock_file = inputs.lock_file


def requirement_lines(path):
    """The requirements a file states itself: no comments, no options, no includes."""
    with open(path, encoding="utf-8") as f:
        lines = [line.split("#")[0].strip() for line in f]
    return [line for line in lines if line and not line.startswith("-")]


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(name):
    """{distribution: version} pinned by the lock of ``name``."""
    with open(lock_file(name), encoding="utf-8") as f:
        return {_canonical(m.group(1)): m.group(2)
                for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", f.read(), re.M)}


def installed(name):
    """{distribution: version} installed in environment ``name``."""
    code = ("import importlib.metadata as m, json; "
            "print(json.dumps({d.metadata['Name']: d.version for d in m.distributions()}))")
    out = subprocess.run([env_python(name), "-c", code], capture_output=True, text=True, check=True).stdout
    return {_canonical(k): v for k, v in json.loads(out).items()}


def _python_version(python):
    out = subprocess.run([python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return out.stdout.strip()


# Interpreters outside .envs do not change during a build: ask each for its version once.
_base_version = functools.lru_cache(maxsize=None)(_python_version)


def _version_key(version):
    return tuple(int(x) for x in version.split("."))


@functools.lru_cache(maxsize=None)
def find_python(version):
    """The newest interpreter of the given major.minor version, or None."""
    # real interpreters before PATH, where pyenv's shims are slow shell scripts
    pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = glob.glob(os.path.join(pyenv_root, "versions", f"{version}.*", "bin", "python"))
    candidates += [f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    on_path = shutil.which(f"python{version}")
    if on_path and not on_path.startswith(os.path.join(pyenv_root, "shims")):  # a shim runs one of the above
        candidates.append(on_path)
    found = [(_version_key(_base_version(c)), c) for c in candidates
             if c and os.access(c, os.X_OK) and (_base_version(c) or "").startswith(version + ".")]
    return max(found)[1] if found else None


def missing_python_message(name, need):
    if name.startswith("colab-"):
        why = f"Colab's runtime is Python {need} (requirements/colab.txt)"
    else:
        why = "MXNet 1.9.1 needs numpy 1.23.5, which has no wheels for newer Pythons"
    return (f"The {name} environment needs Python {need} ({why}), and no python{need} was found "
            f"on PATH, in pyenv or in /usr/bin. Install Python {need} "
            f"(e.g. 'pyenv install {need}' or 'apt-get install python{need}')")


def base_python(name):
    """The interpreter to build environment ``name`` with."""
    need = REQUIRED_PYTHON.get(name)
    if need:
        found = find_python(need)
        if not found:
            hint = "" if name.startswith("colab-") else \
                ", or build the other tabs only: ./build.sh --tabs " + ",".join(t for t in TABS if t != name)
            raise EnvError(missing_python_message(name, need) + hint)
        return found
    return find_python(PREFERRED_PYTHON) or sys.executable


def stamp(name, python):
    """The digest of what environment ``name`` is built from (tools/inputs.py)."""
    if not os.path.exists(lock_file(name)):
        raise EnvError(f"no lock for the '{name}' environment ({os.path.relpath(lock_file(name), ROOT)}); "
                       f"run ./build.sh lock")
    return stamps.digest(*inputs.environment(name, _base_version(python)))


def stamp_file(name):
    return os.path.join(env_path(name), ".d2l-stamp")


def is_ready(name):
    """True when the environment exists, is complete, and its python runs."""
    return stamps.Stamp(stamp_file(name)).key() is not None and _python_version(env_python(name)) is not None


def check(name):
    """Raise EnvError unless environment ``name`` is ready to use (no building)."""
    path = env_path(name)
    if not os.path.isdir(path):
        raise EnvError(f"the environment for '{name}' is missing ({path}); run ./build.sh setup")
    if not is_ready(name):
        raise EnvError(f"the environment for '{name}' is broken or was not finished ({path}); "
                       f"run ./build.sh setup to rebuild it")
    if name != "book" and not os.path.isfile(os.path.join(kernelspec_dir(name), "kernel.json")):
        raise EnvError(f"the Jupyter kernel {kernel_name(name)} is missing; run ./build.sh setup")


# --------------------------------------------------------------------------- installers

def _run(cmd, log, phase=None, progress=None, name=None):
    if progress is not None:
        progress[name] = (phase, progress[name][1])
    log.write("$ " + " ".join(cmd) + "\n")
    log.flush()
    return subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=_uv_env()).returncode == 0


def _install(name, python, log, progress):
    """Create the environment and install its lock exactly; True when it worked."""
    path, lock = env_path(name), lock_file(name)
    count = len(locked(name))
    installing = f"installing {count} locked packages"
    tool = uv()
    if tool:
        ok = _run([tool, "venv", "--quiet", "--python", python, path], log, "creating the venv", progress, name)
        ok = ok and _run([tool, "pip", "sync", "--python", env_python(name), "--require-hashes",
                          *install_sources(), lock],
                         log, installing, progress, name)
        if ok and name in TABS:  # the helper package, editable: a change to d2l/ needs no reinstall
            ok = _run([tool, "pip", "install", "--python", env_python(name), "--no-deps", "-e", ROOT],
                      log, "installing d2l (editable)", progress, name)
        return ok
    pip = [env_python(name), "-m", "pip", "install", "--disable-pip-version-check"]
    ok = _run([python, "-m", "venv", path], log, "creating the venv", progress, name)
    ok = ok and _run([*pip, "--require-hashes", "--no-deps", "-r", lock], log, installing + " (pip)", progress, name)
    if ok and name in TABS:
        ok = _run([*pip, "--no-deps", "-e", ROOT], log, "installing d2l (editable)", progress, name)
    return ok


def ensure(name, say=print, progress=None):
    """Create or reuse environment ``name``; return "reused" or "built"."""
    python = base_python(name)
    want = stamp(name, python)
    progress = progress if progress is not None else {name: ("", time.time())}
    if stamps.Stamp(stamp_file(name)).matches(want) and is_ready(name):
        result = "reused"
    else:
        _build(name, python, want, progress)
        result = "built"
    if name != "book":
        write_kernelspec(name)
    return result


def _build(name, python, want, progress):
    path = env_path(name)
    log_path = path + ".log"
    os.makedirs(envs_dir(), exist_ok=True)
    shutil.rmtree(path, ignore_errors=True)
    with open(log_path, "w") as log:
        ok = _install(name, python, log, progress)
    if not ok:
        with open(log_path) as f:
            tail = "".join(f.readlines()[-15:])
        raise EnvError(f"building the '{name}' environment failed; the end of {log_path}:\n{tail}")
    stamps.Stamp(stamp_file(name)).write(want)  # last: a half-made environment has none


def kernelspec_dir(name):
    """This checkout's kernel for environment ``name``, found through JUPYTER_PATH (see jupyter_path)."""
    return os.path.join(jupyter_path(), "kernels", kernel_name(name))


def write_kernelspec(name):
    tab = name[len("colab-"):] if name.startswith("colab-") else name
    folder = kernelspec_dir(name)
    os.makedirs(folder, exist_ok=True)
    where = " · Colab" if name.startswith("colab-") else ""
    spec = {
        "argv": [env_python(name), "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 *([] if name.startswith("colab-") else KERNEL_ARGS)],
        "display_name": f"d2l ({DISPLAY[tab]}{where})",
        "language": "python",
        "env": kernel_env(name),
        "metadata": {"d2l_tab": tab},
    }
    stamps.write_if_changed(os.path.join(folder, "kernel.json"), json.dumps(spec, indent=1))
    return folder


def _verdict(name, result, elapsed):
    if name == "browser":
        return f"[setup] browser: {'ready' if result else 'not available'}"
    if result == "built":
        return (f"[setup] {name}: ready, {len(locked(name))} packages installed from its lock in {elapsed:.0f} s"
                f"{'' if uv() else ' (pip)'}")
    if result == "reused":
        return f"[setup] {name}: up to date, reused {os.path.relpath(env_path(name))}"
    if result.startswith("skipped"):
        return f"[setup] {name}: SKIPPED. {result[len('skipped: '):]}"
    return f"[setup] {name}: FAILED after {elapsed:.0f} s"


def ensure_all(names, say=print, browser_wanted=False, optional=()):
    """Set up several environments at once, printing what each is doing at least every
    PROGRESS_EVERY seconds, then one line per environment. ``optional`` environments
    whose Python is missing are skipped with a message instead of failing the set-up.
    Returns the names that are ready."""
    start = time.time()
    progress = {n: ("waiting", start) for n in names}
    results, errors = {}, []
    done = threading.Event()

    def job(name):
        try:
            results[name] = ensure(name, say, progress)
        except EnvError as e:
            if name in optional and "no python" in str(e):
                results[name] = "skipped: " + str(e)
            else:
                results[name] = "failed"
                errors.append(str(e))
        finally:
            progress[name] = ("done", progress[name][1])
        return name

    def browser_job():
        try:
            results["browser"] = browser.ensure(envs_dir(), say)
            progress["browser"] = ("installing axe-core with npm", start)
            npm.ensure(envs_dir(), say)  # the accessibility audit the browser tests run
        finally:
            progress["browser"] = ("done", start)
        return "browser"

    def ticker():
        while not done.wait(PROGRESS_EVERY):
            busy = [(n, p) for n, (p, _) in progress.items() if p not in ("done", "waiting")]
            for n, phase in busy:
                say(f"[setup] {n}: {phase} ({time.time() - start:.0f} s)")

    jobs = list(names) + (["browser"] if browser_wanted else [])
    uv(say)  # fetched once, before the parallel installs use it
    thread = threading.Thread(target=ticker, daemon=True)
    thread.start()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
        futures = {}
        for n in jobs:
            if n == "browser":
                progress["browser"] = ("installing chromium with apt-get", start)
                futures[pool.submit(browser_job)] = n
            else:
                futures[pool.submit(job, n)] = n
        for fut in concurrent.futures.as_completed(futures):
            n = fut.result()
            say(_verdict(n, results.get(n, ""), time.time() - start))
    done.set()
    if errors:
        raise EnvError("\n".join(errors))
    return [n for n in names if results.get(n) in ("built", "reused")]
