"""One command at a time in a checkout (tools/buildlock.py), and one warm zygote per tab
for a whole evaluation (tools/evaluation.py), however many workers run notebooks."""
import os
import subprocess
import sys
import threading
import time

from fixture_book import ROOT, SECTION
from test_incremental import edit


def start(book):
    return subprocess.Popen([sys.executable, "-m", "tools.book", "build", "--no-setup"], cwd=book,
                            env=dict(os.environ, PYTHONPATH=ROOT, D2L_CHROMIUM="/nonexistent/chromium"),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_builds_at_once_both_end_well_and_the_book_stays_whole(book):
    edit(book / SECTION, "x = 6 * 7", "x = 6 * 7 + 1")
    pages = [book / "_build" / "html" / name for name in ("index.html", "sec.html", "search.html")]
    missing, stop = [], threading.Event()

    def watch():  # a reader opening the book meanwhile always finds every page
        while not stop.is_set():
            missing.extend(str(p) for p in pages if not p.exists())
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        first = start(book)
        time.sleep(0.5)
        second = start(book)
        outs = [p.communicate(timeout=600)[0] for p in (first, second)]
    finally:
        stop.set()
        watcher.join()
    assert [first.returncode, second.returncode] == [0, 0], outs
    waited = [o for o in outs if "[lock] waiting: './build.sh build'" in o]
    assert len(waited) == 1, outs  # the other one said what it waited for
    assert "nothing changed since the last build" in waited[0]  # and found the first one's book
    assert missing == []
    assert "43" in pages[1].read_text()


def _is_zygote(pid):
    try:
        argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
    except OSError:
        return None
    return argv if len(argv) > 1 and argv[1].endswith(b"tools/zygote.py") else None


def _zygotes(book):
    """{tab: number} of zygote processes started for ``book`` (they run in its folder; a
    kernel just forked from one looks the same until it leaves for its notebook's folder,
    but its parent is a zygote, not the build)."""
    count = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        argv = _is_zygote(pid)
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
            parent = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1]
        except OSError:
            continue
        if argv and cwd == str(book) and not _is_zygote(parent):
            tab = argv[0].decode().split(os.sep)[-3]  # .envs/<tab>/bin/python
            count[tab] = count.get(tab, 0) + 1
    return count


def test_a_clean_build_runs_one_zygote_per_tab(book):
    """Two workers and four notebooks of two tabs: each tab's kernels come from one zygote."""
    (book / "chapters" / "two.md").write_text((book / SECTION).read_text().replace("# A section", "# Another"))
    edit(book / "chapters" / "index.md", "sec\n", "sec\ntwo\n")
    for name in ("notebooks", "cache"):
        subprocess.run(["rm", "-rf", str(book / "_build" / name)], check=True)
    proc = start(book)
    most = {}
    while proc.poll() is None:
        for tab, n in _zygotes(book).items():
            most[tab] = max(most.get(tab, 0), n)
        time.sleep(0.05)
    out = proc.stdout.read()
    assert proc.returncode == 0, out
    assert out.count(": ran ") == 4, out
    assert most == {"pytorch": 1, "jax": 1}, most
