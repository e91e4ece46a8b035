"""Google Colab, for learners: the notebooks the "Colab에서 열기" buttons open, the
helper wheel they install, and the profile of Colab's runtime they are tested against.

* A Colab notebook is the evaluated notebook with a first cell that installs only
  what Colab lacks, the ``d2l-ko`` helper at the book's version, and checks that
  Colab's own framework is in the range the book supports (d2l/_runtime.py). It
  installs no framework: Colab's builds (CUDA, TPU) stay as they are.
* The wheel: ``_build/dist/d2l_ko-<version>-py3-none-any.whl``, made by the build;
  the workflow publishes it on a release tag, and the tests install it from there.
* Frameworks without a Colab runtime (MXNet, tools/frameworks.py says why) get no
  Colab notebook and no button; the page shows why instead.
* ``./build.sh colab-profile FREEZE`` rewrites requirements/colab.txt from a Colab
  ``pip freeze``.
"""
import collections
import copy
import datetime
import glob
import os
import re
import shutil
import subprocess
import tempfile

from tools import envs, frameworks, inputs, stamps
from tools.pins import colab_profile

OUT = os.path.join("_build", "colab")
DIST = os.path.join("_build", "dist")


def version():
    """The helper's version: d2l/__init__.py's ``__version__``, its one home."""
    with open(os.path.join(envs.ROOT, "d2l", "__init__.py"), encoding="utf-8") as f:
        return re.search(r'^__version__ = "([^"]+)"', f.read(), re.M).group(1)


def requirement():
    return f"d2l-ko=={version()}"


def install_source(tab):
    """The first code cell of a Colab notebook. ``--force-reinstall`` because d2l-en's
    ``d2l`` installs the same files: if it came in earlier, the book's files must win even
    though pip would call d2l-ko already satisfied; ``--no-deps`` leaves Colab's numpy and
    framework as they are. d2l_ko, a name only this book installs, says so when the ``d2l``
    on disk is still another package's."""
    display = frameworks.DISPLAY[tab]
    return (f"# 이 책의 도우미 패키지(d2l)를 설치합니다. {display}는 Colab에 있는 것을 그대로 씁니다.\n"
            f"!pip install -q --force-reinstall --no-deps {requirement()}\n"
            f"import d2l_ko\n"
            f"d2l_ko.check_versions(\"{tab}\")  # Colab의 {display}가 이 책이 테스트한 버전 범위에 있는지 확인합니다")


def notebook(nb, tab):
    import nbformat
    nb = copy.deepcopy(nb)
    intro = nbformat.v4.new_markdown_cell(
        f"이 노트북은 Colab에서 바로 실행할 수 있습니다. 첫 코드 셀은 이 책의 도우미 패키지 `d2l`만 설치하고, "
        f"{frameworks.DISPLAY[tab]}는 Colab에 이미 설치된 것을 씁니다. Colab의 버전이 이 책이 테스트한 "
        f"범위를 벗어나면 그 셀이 바로 알려 줍니다.")
    install = nbformat.v4.new_code_cell(install_source(tab))
    for i, cell in enumerate([intro, install]):
        cell.id = f"colab-{i}"
        cell.metadata["d2l_colab"] = True
    nb.cells = [intro, install, *nb.cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def write_notebooks(book, sections, write):
    """``_build/colab/<tab>/<section>.ipynb`` for every notebook with code, for the tabs
    that run on Colab; returns the pages that have one."""
    import nbformat
    pages, written = [], set()
    for tab in book.tabs:
        if tab not in frameworks.COLAB_TABS:
            continue
        for section in sections:
            path = book.notebook_path(section, tab)
            if not os.path.exists(path):
                continue
            nb = nbformat.read(path, as_version=4)
            if not any(c.cell_type == "code" for c in nb.cells):
                continue
            target = os.path.join(OUT, tab, section + ".ipynb")
            write(target, nbformat.writes(notebook(nb, tab)))
            written.add(target)
            pages.append(section)
    stale = [p for tab in book.tabs for p in glob.glob(os.path.join(OUT, tab, "**", "*.ipynb"), recursive=True)]
    for path in stale:
        if path not in written:  # a removed section, or a tab that no longer runs on Colab
            os.remove(path)
    return sorted(set(pages))


def notebooks(tab, root=""):
    return sorted(glob.glob(os.path.join(root, OUT, tab, "**", "*.ipynb"), recursive=True))


# --------------------------------------------------------------------------- the wheel

def wheel_path():
    return os.path.join(DIST, f"d2l_ko-{version()}-py3-none-any.whl")


# a wheel being made: its process and command, the digest of its inputs, its own folder
WheelBuild = collections.namedtuple("WheelBuild", ["proc", "cmd", "digest", "folder"])


def _wheel_stamp():
    return stamps.Stamp(os.path.join(DIST, ".d2l-stamp"))


def start_wheel():
    """Start making the helper's wheel when d2l/ or pyproject.toml changed since the last one,
    in a process of its own (the build goes on meanwhile) and into a folder of its own (the
    last good wheel stays until the new one is made); None when the wheel is current."""
    digest = stamps.digest(*inputs.wheel())
    if os.path.exists(wheel_path()) and _wheel_stamp().matches(digest):
        return None
    os.makedirs(DIST, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=".new-", dir=DIST)
    cmd = wheel_command(envs.ROOT, folder)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **REPRODUCIBLE))
    return WheelBuild(proc, cmd, digest, folder)


# A wheel's bytes follow from its inputs alone: every zip entry is dated 1980-01-01 (the zip
# format's first day; setuptools reads SOURCE_DATE_EPOCH) instead of its file's modification
# time, which differs from clone to clone.
REPRODUCIBLE = {"SOURCE_DATE_EPOCH": "315532800"}


def wheel_command(source, folder):
    """The command that makes the wheel of ``source`` in ``folder``: with the setuptools of the
    book environment's lock (an isolated build would fetch the newest one, and its metadata
    with it), which is why that lock is an input of the wheel (tools/inputs.py)."""
    python, tool = envs.env_python("book"), envs.uv()
    if tool:
        return [tool, "build", "--wheel", "--quiet", "--no-build-isolation", "--python", python,
                "--out-dir", folder, source]
    return [python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", folder, source]


def _wait_wheel(started):
    """(exit code, output, where the wheel should be) of a WheelBuild, once it ended."""
    out, err = started.proc.communicate()
    # setuptools builds in the source tree: leave the checkout as it was
    shutil.rmtree(os.path.join(envs.ROOT, "build"), ignore_errors=True)
    return started.proc.returncode, out[-2000:] + err[-2000:], os.path.join(started.folder, os.path.basename(wheel_path()))


def finish_wheel(started, say=print):
    """Wait for the wheel ``start_wheel`` started (if any) and put it in place; return its path."""
    if started is None:
        return wheel_path()
    code, output, made = _wait_wheel(started)
    if code != 0 or not os.path.exists(made):
        shutil.rmtree(started.folder, ignore_errors=True)
        raise envs.EnvError(f"building the d2l-ko wheel failed ({' '.join(started.cmd)}):\n{output}")
    for old in glob.glob(os.path.join(DIST, "*.whl")):
        os.remove(old)
    os.replace(made, wheel_path())
    shutil.rmtree(started.folder, ignore_errors=True)
    _wheel_stamp().write(started.digest)
    say(f"[dist] {wheel_path()}")
    return wheel_path()


def abandon_wheel(started):
    """The build failed: wait for the wheel's process and drop what it made (the last good
    wheel stays, and its stamp says it is not current)."""
    if started is not None:
        _wait_wheel(started)
        shutil.rmtree(started.folder, ignore_errors=True)


# --------------------------------------------------------------------------- the profile

def keep(name):
    """The distributions the profile records: those the book's notebooks use."""
    wanted = {envs._canonical(p) for f in frameworks.TABLE.values() if f.colab is None for p in f.packages}
    return envs._canonical(name) in wanted


def parse_freeze(text):
    """{canonical name: version} from ``pip freeze`` (or ``pip list --format=freeze``) text;
    local builds keep their label (2.11.0+cu128), direct references are left out."""
    pins = {}
    for line in text.splitlines():
        m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)", line)
        if m:
            pins[envs._canonical(m.group(1))] = m.group(2)
    return pins


def write_profile(args, say=print):
    """``./build.sh colab-profile FREEZE --python 3.13.15 [--date D] [--source S]``."""
    if len(args.names) != 1:
        raise envs.EnvError("colab-profile takes one file: the output of 'pip freeze' on Colab "
                            "(run '!pip freeze > freeze.txt' in a Colab notebook and download it)")
    with open(args.names[0], encoding="utf-8") as f:
        pins = {n: v for n, v in parse_freeze(f.read()).items() if keep(n)}
    missing = sorted({envs._canonical(p) for f in frameworks.TABLE.values() if f.colab is None
                      for p in f.packages} - set(pins))
    if missing:
        raise envs.EnvError(f"{args.names[0]} has no {', '.join(missing)}: is it a Colab 'pip freeze'?")
    old = colab_profile()
    python = args.python or old.get("python")
    if not python or not re.fullmatch(r"3\.\d+\.\d+", python):
        raise envs.EnvError("give Colab's Python version with --python X.Y.Z "
                            "(run '!python --version' in Colab)")
    path = os.path.join(envs.ROOT, envs.COLAB_PROFILE)
    with open(path, encoding="utf-8") as f:
        head = [line for line in f if line.startswith("#") and not re.match(r"#\s*(python|date|source|substitute):", line)]
    substitutes = []
    lines = []
    for name, ver in sorted(pins.items()):
        public, _, local = ver.partition("+")
        if local:  # a local build (+cu128, +cpu) is not on the registry: the release is
            substitutes.append(f"{name} {ver} -> {name}=={public} from PyPI (the registry has no +{local} build)")
        lines.append(f"{name}=={public}\n")
    if envs.find_python(".".join(python.split(".")[:2])) is None or \
            envs._base_version(envs.find_python(".".join(python.split(".")[:2]))) != python:
        substitutes.insert(0, f"python {python} -> the newest Python {'.'.join(python.split('.')[:2])} "
                              f"found here (pyenv, /usr/bin or PATH)")
    text = "".join(head[:4]) if head else ""
    text += f"# source: {args.source or 'a Colab pip freeze'}\n"
    text += f"# date: {args.date or datetime.date.today().isoformat()}\n# python: {python}\n"
    text += "".join(lines)
    text += "# Substitutions, where Colab's exact build cannot be had on the book's machines:\n"
    text += "".join(f"# substitute: {s}\n" for s in substitutes)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    say(f"[colab] wrote {envs.COLAB_PROFILE}: Python {python}, " +
        ", ".join(f"{n} {v}" for n, v in sorted(pins.items())))
    say("[colab] next: ./build.sh lock, then ./build.sh test --suites colab")
