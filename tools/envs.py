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
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
from tools import frameworks

TABS = frameworks.TABS


def colab_env(tab):
    return f"colab-{tab}"


DISPLAY = frameworks.DISPLAY
REQUIRED_PYTHON = {tab: f.python for tab, f in frameworks.TABLE.items() if f.python}
REQUIRED_PYTHON.update({colab_env(tab): frameworks.COLAB_PYTHON for tab in frameworks.COLAB_TABS})
PREFERRED_PYTHON = "3.11"
# Kernel-wide environment: TensorFlow's C++ start-up log would otherwise land in outputs.
KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3"}
# ipykernel 7 forwards what C extensions write to the process's stderr into whichever cell
# runs at that moment; TensorFlow 2.21 prints its oneDNN notice there whatever the log
# level, so it would land in a random cell and break strict nbval. The book's kernels keep
# such output on the console; Colab-profile kernels behave as Colab's.
KERNEL_ARGS = ["--IPKernelApp.capture_fd_output=False"]
UV = "uv==0.13.9"
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


def lock_file(name):
    return os.path.join(ROOT, LOCKS, f"{name}.txt")


def requirement_lines(path):
    """The requirements a file states itself: no comments, no options, no includes."""
    with open(path, encoding="utf-8") as f:
        lines = [line.split("#")[0].strip() for line in f]
    return [line for line in lines if line and not line.startswith("-")]


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def colab_profile():
    """requirements/colab.txt as {"python": …, "date": …, "source": …, "pins": {name: version},
    "substitutes": [text]}."""
    path = os.path.join(ROOT, COLAB_PROFILE)
    profile = {"pins": {}, "substitutes": []}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*(python|date|source|substitute):\s*(.+)", line)
            if m and m.group(1) == "substitute":
                profile["substitutes"].append(m.group(2).strip())
            elif m:
                profile[m.group(1)] = m.group(2).strip()
    for req in requirement_lines(path):
        name, _, version = req.partition("==")
        profile["pins"][_canonical(name)] = version
    return profile


def compile_input(name):
    """What ``./build.sh lock`` resolves for ``name``: (text, the file it is read from)."""
    if not name.startswith("colab-"):
        path = requirement_file(name)
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    tab = name[len("colab-"):]
    pins = colab_profile()["pins"]
    # Colab's own releases of the tab's packages; the kernel, pip (the notebooks' install
    # cell runs it) and pytest (the claim tests) come from the book's kernel file
    lines = [f"{p}=={pins[_canonical(p)]}" for p in frameworks.TABLE[tab].packages]
    lines += requirement_lines(os.path.join(ROOT, "requirements", "kernel.txt")) + ["pip"]
    return "\n".join(lines) + "\n", os.path.join(ROOT, "requirements", "kernel.txt")


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
    candidates += [f"/usr/bin/python{version}", f"/usr/local/bin/python{version}", shutil.which(f"python{version}")]
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
    h = hashlib.sha256()
    h.update(f"python {_base_version(python)}\n".encode())
    try:
        with open(lock_file(name), "rb") as f:
            h.update(f.read())
    except OSError:
        raise EnvError(f"no lock for the '{name}' environment ({os.path.relpath(lock_file(name), ROOT)}); "
                       f"run ./build.sh lock") from None
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
    if name != "book" and not os.path.isfile(os.path.join(kernelspec_dir(name), "kernel.json")):
        raise EnvError(f"the Jupyter kernel {kernel_name(name)} is missing; run ./build.sh setup")


# --------------------------------------------------------------------------- installers

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
    folder = os.path.join(envs_dir(), ".uv")
    binary = os.path.join(folder, "bin", "uv")
    version = UV.split("==")[1]
    probe = subprocess.run([binary, "--version"], capture_output=True, text=True) if os.access(binary, os.X_OK) else None
    if probe and probe.returncode == 0 and probe.stdout.split()[1] == version:
        return binary
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(envs_dir(), exist_ok=True)
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
        ok = ok and _run([tool, "pip", "sync", "--python", env_python(name), "--require-hashes", *install_sources(), lock],
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
    try:
        with open(_stamp_file(name)) as f:
            have = f.read().strip()
    except OSError:
        have = None
    progress = progress if progress is not None else {name: ("", time.time())}
    if have == want and is_ready(name):
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
    with open(_stamp_file(name), "w") as f:
        f.write(want + "\n")


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
        "env": KERNEL_ENV,
        "metadata": {"d2l_tab": tab},
    }
    data = json.dumps(spec, indent=1)
    target = os.path.join(folder, "kernel.json")
    if os.path.exists(target) and open(target).read() == data:
        return folder
    tmp = target + ".tmp"
    with open(tmp, "w") as f:
        f.write(data)
    os.replace(tmp, target)
    return folder


# chromium prints the PDFs and runs the browser tests; pdftotext reads the PDFs back in tests
BROWSER = {"chromium": "/usr/bin/chromium", "chromedriver": "/usr/bin/chromedriver",
           "poppler-utils": "/usr/bin/pdftotext"}
BROWSER_HINT = "apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk poppler-utils"


def browser_ready():
    return all(os.access(p, os.X_OK) for p in BROWSER.values())


def ensure_browser(say=print):
    """Debian's chromium, chromium-driver and poppler-utils, for the PDFs and the browser
    tests: installed when this runs as root with apt-get; otherwise the build makes no PDF
    and the tests say how to install them and skip."""
    if browser_ready():
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"[setup] browser: chromium not found; no PDFs, and the browser tests will be skipped. "
            f"As root: {BROWSER_HINT}")
        return False
    log_path = os.path.join(envs_dir(), "apt.log")
    os.makedirs(envs_dir(), exist_ok=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with open(log_path, "w") as log:
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends",
                                             "chromium", "chromium-driver", "fonts-noto-cjk", "poppler-utils"]):
            if subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env).returncode != 0:
                say(f"[setup] browser: '{' '.join(cmd)}' failed (see {log_path}); the browser tests will be skipped")
                return False
    return browser_ready()


def ensure_all(names, say=print, browser=False, optional=()):
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
            results["browser"] = ensure_browser(say)
        finally:
            progress["browser"] = ("done", start)
        return "browser"

    def ticker():
        while not done.wait(PROGRESS_EVERY):
            busy = [(n, p) for n, (p, _) in progress.items() if p not in ("done", "waiting")]
            for n, phase in busy:
                say(f"[setup] {n}: {phase} ({time.time() - start:.0f} s)")

    jobs = list(names) + (["browser"] if browser else [])
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
            verdict = results.get(n, "")
            elapsed = time.time() - start
            if n == "browser":
                say(f"[setup] browser: {'ready' if verdict else 'not available'}")
            elif verdict == "built":
                say(f"[setup] {n}: ready, {len(locked(n))} packages installed from its lock in {elapsed:.0f} s"
                    f"{'' if uv() else ' (pip)'}")
            elif verdict == "reused":
                say(f"[setup] {n}: up to date, reused {os.path.relpath(env_path(n))}")
            elif verdict.startswith("skipped"):
                say(f"[setup] {n}: SKIPPED. {verdict[len('skipped: '):]}")
            else:
                say(f"[setup] {n}: FAILED after {elapsed:.0f} s")
    done.set()
    if errors:
        raise EnvError("\n".join(errors))
    return [n for n in names if results.get(n) in ("built", "reused")]


def lock(names, say=print):
    """Resolve every environment's top-level requirements into its lock: every package
    pinned, with hashes, for the Python and platform the environment is built on."""
    tool = uv()
    if not tool:
        raise EnvError(f"./build.sh lock needs uv ({UV}), which could not be installed here")
    links = [a for link in find_links() for a in ("--find-links", link)]
    os.makedirs(os.path.join(ROOT, LOCKS), exist_ok=True)

    def one(name):
        text, origin = compile_input(name)
        python = REQUIRED_PYTHON.get(name, PREFERRED_PYTHON)
        cmd = [tool, "pip", "compile", "-", "--quiet", "--generate-hashes", "--python-version", python,
               "--python-platform", "x86_64-manylinux_2_28", "--custom-compile-command", "./build.sh lock",
               *links, "-o", lock_file(name)]
        # "-" reads the input from stdin; -r lines in it are found relative to ``origin``'s folder
        proc = subprocess.run(cmd, input=text, capture_output=True, text=True, env=_uv_env(),
                              cwd=os.path.dirname(origin))
        if proc.returncode != 0:
            raise EnvError(f"locking '{name}' failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        say(f"[lock] {name}: {len(locked(name))} packages -> {os.path.relpath(lock_file(name), ROOT)}")

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(names)) as pool:
        list(pool.map(one, names))
