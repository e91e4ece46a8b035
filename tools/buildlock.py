"""One build at a time in a checkout: every command that writes ``_build`` or ``.envs``
holds ``_build/.lock`` (an flock) from set-up to its last write. A second command waits,
saying what it waits for; a killed holder releases the lock with its process.

``build.sh`` takes the lock in tools/cli.py, before the environments, and hands it on
through ``exec`` to tools/book.py (D2L_LOCK_FD). The PDF printer that a build leaves
running in the background (tools/publishing.py) inherits it and holds it until done.

Standard library only.
"""
import contextlib
import fcntl
import os

PATH = os.path.join("_build", ".lock")
FD = "D2L_LOCK_FD"


def _describe(f, what):
    f.seek(0)
    f.truncate()
    f.write(f"{what} (pid {os.getpid()})")
    f.flush()


def acquire(what, say=print):
    """The lock file, held; waits (with a message) while another command holds it."""
    inherited = os.environ.pop(FD, None)
    if inherited:  # taken by tools/cli.py before it exec'd this process
        f = os.fdopen(int(inherited), "a+")
        _describe(f, what)
        return f
    os.makedirs(os.path.dirname(PATH), exist_ok=True)
    f = open(PATH, "a+")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        f.seek(0)
        holder = f.read().strip() or "another build"
        say(f"[lock] waiting: {holder} is using this checkout's _build (lock: {PATH})")
        fcntl.flock(f, fcntl.LOCK_EX)
        say("[lock] the other command finished; going on")
    _describe(f, what)
    return f


def hand_on(f):
    """Keep the lock held across ``exec`` by the process that replaces this one."""
    os.set_inheritable(f.fileno(), True)
    os.environ[FD] = str(f.fileno())


@contextlib.contextmanager
def held(what, say=print):
    f = acquire(what, say)
    try:
        yield f
    finally:
        f.close()  # not LOCK_UN: a background PDF printer may share this lock and keeps it
