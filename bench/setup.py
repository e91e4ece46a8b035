"""Time a fresh set-up of every environment the book builds with, against the same
requirements installed the plain way, in one run, with cold caches for both.

    python3 bench/setup.py        (any Python 3.9+, like build.sh; takes several minutes)

* this build: tools/envs.py as ./build.sh runs it: uv fetched into an empty folder,
  then the toolchain and the four framework environments installed from their locks,
  all at once, with an empty uv cache;
* plain: ``python -m venv`` + ``pip install -r`` of the same top-level requirement files
  (requirements.txt, requirements/<tab>.txt, plus the d2l helper for the tabs), as the
  build did before it had locks: the toolchain first, then the four frameworks at once,
  with an empty pip cache.

Both install from the same places: PyPI and the machine's pip configuration (its
find-links hold torch's CPU build, its extra indexes are local mirrors), which
tools/envs.py passes on to uv.
The machine is shared and noisy: quote the ratio of one run, not the seconds.
"""
import concurrent.futures
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tools import envs  # noqa: E402

TARGET = 0.25
NAMES = ["book", *envs.TABS]


def ours(base):
    env = dict(os.environ, D2L_ENVS_DIR=os.path.join(base, "envs"), UV_CACHE_DIR=os.path.join(base, "uv-cache"),
               PIP_CACHE_DIR=os.path.join(base, "pip-cache"), PYTHONPATH=ROOT)
    code = f"from tools import envs; envs.ensure_all({NAMES!r}, say=lambda m: None)"
    run([sys.executable, "-c", code], env)


def run(cmd, env):
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")


def plain(base):
    env = dict(os.environ, PIP_CACHE_DIR=os.path.join(base, "pip-cache"))

    def one(name):
        path = os.path.join(base, name)
        python = envs.base_python(name)
        pip = [os.path.join(path, "bin", "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        run([python, "-m", "venv", path], env)
        run([*pip, "-r", envs.requirement_file(name)], env)
        if name != "book":
            run([*pip, "--no-deps", "-e", ROOT], env)

    one("book")
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(envs.TABS)) as pool:
        list(pool.map(one, envs.TABS))


def timed(fn):
    with tempfile.TemporaryDirectory(prefix="d2l-bench-setup-") as base:
        tik = time.time()
        fn(base)
        return time.time() - tik


def main():
    plain_s = timed(plain)
    ours_s = timed(ours)
    ratio = ours_s / plain_s
    print(f"fresh set-up of {', '.join(NAMES)} (cold caches)")
    print(f"  plain venv + pip: {plain_s:.1f} s")
    print(f"  this build (uv, locks): {ours_s:.1f} s")
    print(f"  ratio {ratio:.2f} (target <= {TARGET}): {'ok' if ratio <= TARGET else 'MISSED'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
