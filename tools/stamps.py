"""The one way the build tells whether a step is up to date.

Every step (an environment, an evaluated notebook, the rst of a section, a Sphinx run,
the PDFs, the wheel, a whole build) computes one ``digest`` of its inputs
(tools/inputs.py lists them) and compares it with the ``Stamp`` its last successful run
wrote. Stamps are written last and atomically, so an interrupted step is never taken
for a finished one.

Standard library only: ``build.sh`` uses it before any environment exists.
"""
import collections
import contextlib
import hashlib
import os
import tempfile

# A file whose bytes count (a missing file counts as missing, not as an error).
File = collections.namedtuple("File", ["path"])
# A folder whose files count, by relative path and bytes, in a fixed order; ``suffixes``
# keeps only files with those endings, ``skip`` leaves out sub-folders (relative paths).
# Hidden files (stamps, .buildinfo) and __pycache__ never count.
Tree = collections.namedtuple("Tree", ["folder", "suffixes", "skip"], defaults=(None, ()))

MISSING = b"(missing)"


def read(path):
    """The bytes of ``path``, or None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _files(tree):
    for base, dirs, names in os.walk(tree.folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and
                         os.path.relpath(os.path.join(base, d), tree.folder) not in tree.skip)
        for name in sorted(names):
            if not name.startswith(".") and (not tree.suffixes or name.endswith(tuple(tree.suffixes))):
                yield os.path.join(base, name)


def digest(*parts):
    """SHA-256 over ``parts``: plain values (str, bytes, numbers), ``File``s and ``Tree``s."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, File):
            h.update(b"file\0" + (read(part.path) or MISSING))
        elif isinstance(part, Tree):
            h.update(b"tree\0")
            for path in _files(part):
                h.update(os.path.relpath(path, part.folder).encode() + b"\0" + (read(path) or MISSING) + b"\0")
        else:
            h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def write_atomic(path, data):
    """Write ``data`` (str or bytes) so that a reader sees the old file or the new one, never half."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide outputs from a web server or a teammate
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_if_changed(path, data):
    """``write_atomic`` unless the file already holds ``data``; True when it wrote."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if read(path) == raw:
        return False
    write_atomic(path, raw)
    return True


class Stamp:
    """A file holding the digest of the inputs a step last succeeded with: one line."""

    def __init__(self, path):
        self.path = path

    def key(self):
        data = read(self.path)
        return data.decode().strip() if data else None

    def matches(self, key):
        return self.key() == key

    def write(self, key):
        write_if_changed(self.path, key + "\n")
