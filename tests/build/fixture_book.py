"""The build tests' own small book: two tabs with code, text blocks; and helpers to
build it and to compare the published HTML before and after."""
import fcntl
import hashlib
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECTION = "chapters/sec.md"

CONFIG = """\
[project]
name = fixture
title = Fixture book
[build]
source_dir = chapters
output_dir = _build
index = index
notebooks = **/*.md
tabs = mxnet, pytorch, tensorflow, jax
sphinx_extensions = theme
sphinx_configs = language = 'ko'
"""

INDEX = """\
# Fixture

```toc
sec
```
"""

GOOD = """\
# A section

```{.python .input}
%%tab pytorch
x = 6 * 7
```

```{.python .input}
%%tab jax
y = [i * i for i in range(4)]
```

:begin_tab:`pytorch`
Text for PyTorch.
:end_tab:

:begin_tab:`jax`
Text for JAX.
:end_tab:

```{.python .input}
%%tab pytorch
print(x)
```

```{.python .input}
%%tab jax
print(y)
```
"""


def run_build(book, *args, env=None, pdf=False, wait=True):
    """``build --no-setup`` of ``book``; with ``wait``, also until the PDFs it printed in the
    background are done (the printer holds the build lock until then)."""
    environ = dict(os.environ, PYTHONPATH=ROOT)
    if not pdf:  # printing PDFs costs seconds a build; tests/build/test_pdf_build.py asks for them
        environ["D2L_CHROMIUM"] = "/nonexistent/chromium"
    environ.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "tools.book", "build", "--no-setup", *args],
                          cwd=book, env=environ, capture_output=True, text=True, timeout=600)
    if wait:
        wait_for_lock(book)
    return proc


def wait_for_lock(book):
    """Until no command holds the book's build lock (tools/buildlock.py)."""
    path = os.path.join(book, "_build", ".lock")
    if os.path.exists(path):
        with open(path) as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # released when closed


def tree_digest(folder):
    """One hash over every file's path and bytes below ``folder`` (links followed)."""
    h = hashlib.sha256()
    for base, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(base, name)
            h.update(os.path.relpath(path, folder).encode())
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()
