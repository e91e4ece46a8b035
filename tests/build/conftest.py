"""A small book of the build tests' own (two tabs with code, text blocks), built once per
module with the real environments; each test breaks or edits a fresh copy of it."""
import hashlib
import os
import shutil
import subprocess
import sys

import pytest

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


def run_build(book, *args, env=None):
    environ = dict(os.environ, PYTHONPATH=ROOT, **(env or {}))
    return subprocess.run([sys.executable, "-m", "tools.book", "build", "--no-setup", *args],
                          cwd=book, env=environ, capture_output=True, text=True, timeout=600)


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


@pytest.fixture(scope="module")
def built_book(tmp_path_factory):
    book = tmp_path_factory.mktemp("book")
    (book / "chapters").mkdir()
    (book / "config.ini").write_text(CONFIG)
    (book / "chapters" / "index.md").write_text(INDEX)
    (book / SECTION).write_text(GOOD)
    proc = run_build(book)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return book


@pytest.fixture
def book(built_book, tmp_path):
    """A fresh copy of the good, built book, for one test to break."""
    copy = tmp_path / "book"
    shutil.copytree(built_book, copy, symlinks=True)
    return copy
