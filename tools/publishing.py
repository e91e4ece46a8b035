"""Publishing: ``_build/html`` is a link, switched in one step to a complete copy of what
Sphinx built, so the last good book stays readable until the new one is whole. The
copy records the digest of its inputs (``.d2l-inputs``); once its PDFs are current it
also records the digest of the whole build (``.d2l-fingerprint``), and a build whose
digest equals it has nothing to do.

With the fingerprint, the evaluated and Colab notebooks of that build are kept beside the
copy (``_build/made/<copy>``, hard links): a build whose sources equal those of a kept
copy (an edit reverted, a branch switched back) puts them back and publishes that copy,
without parsing, evaluating or rendering anything.

PDFs are printed into the published copy after the switch: in the foreground for
``test``, ``html`` and CI, which need them, and in the background for an author's
``./build.sh``, who can read the page meanwhile. A PDF appears in the book only when it
prints the HTML beside it (tools/pdf.py); a stale one is never copied in.
"""
import os
import shutil
import subprocess
import sys
import time

from tools import buildlock, colab, pdf, stamps
from tools.sources import OUT, say

LINK = os.path.join(OUT, "html")
INPUTS = ".d2l-inputs"
FINGERPRINT = ".d2l-fingerprint"
PDF_LOG = os.path.join(OUT, "pdf", "print.log")
# What a build makes beside the HTML: part of its fingerprint, and kept with each copy.
MADE = (os.path.join(OUT, "notebooks"), colab.OUT)
KEPT_MADE = os.path.join(OUT, "made")


def stamp(name):
    """A stamp of the published book (gone with it when it is replaced)."""
    return stamps.Stamp(os.path.join(LINK, name))


# Published copies kept: the current one and the two before it. A build whose HTML inputs
# equal a kept copy's (an edit reverted, a branch switched back) publishes that copy again
# instead of running Sphinx. Each copy is the whole site (about 26 MB with its PDFs).
KEEP = 3


def kept():
    """{inputs digest: folder} of the kept copies, the published one included."""
    found = {}
    for name in sorted(os.listdir(OUT)) if os.path.isdir(OUT) else []:
        key = stamps.Stamp(os.path.join(OUT, name, INPUTS)).key() if name.startswith("html-") else None
        if key:
            found[key] = os.path.join(OUT, name)
    return found


def publish(built, inputs_key):
    """Copy the built HTML to a new folder and switch the ``_build/html`` link to it at once."""
    target = os.path.join(OUT, "html-" + time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}")
    # never a PDF that Sphinx's folder kept from earlier HTML: pdf.missing puts in the current ones
    shutil.copytree(built, target, ignore=lambda folder, names: [
        n for n in names if n.endswith(".pdf") and folder.endswith(pdf.DOWNLOADS)])
    stamps.Stamp(os.path.join(target, INPUTS)).write(inputs_key)
    switch(target)
    return target


def switch(target):
    """Point ``_build/html`` at ``target`` in one step; drop all but the KEEP newest copies."""
    if os.path.isdir(LINK) and not os.path.islink(LINK):
        shutil.rmtree(LINK)  # a plain folder from another tool
    tmp_link = LINK + ".new"
    if os.path.lexists(tmp_link):
        os.unlink(tmp_link)
    os.symlink(os.path.basename(target), tmp_link)
    os.replace(tmp_link, LINK)
    os.utime(target)  # the newest, whenever it was built
    copies = [os.path.join(OUT, n) for n in os.listdir(OUT) if n.startswith("html-")]
    for old in sorted(copies, key=os.path.getmtime, reverse=True)[KEEP:]:
        if old != target:  # no other build runs (tools/buildlock.py): none is being read
            shutil.rmtree(old, ignore_errors=True)
    for name in os.listdir(KEPT_MADE) if os.path.isdir(KEPT_MADE) else []:
        if not os.path.isdir(os.path.join(OUT, name)):  # its copy is gone
            shutil.rmtree(os.path.join(KEPT_MADE, name), ignore_errors=True)


def _record(fingerprint):
    """The published copy's whole-build fingerprint, and beside the copy hard links to what
    the build made (MADE). The build replaces a file instead of writing into it
    (stamps.write_atomic), so the links keep these bytes; reuse() checks them anyway."""
    kept = os.path.join(KEPT_MADE, os.path.basename(os.path.realpath(LINK)))
    _link_tree(MADE, kept)
    stamp(FINGERPRINT).write(fingerprint)


def _link_tree(folders, target):
    """``target`` made of hard links to the files of ``folders`` (one sub-folder each)."""
    new = target + ".new"
    shutil.rmtree(new, ignore_errors=True)
    os.makedirs(new)
    for folder in folders:
        if os.path.isdir(folder):
            shutil.copytree(folder, os.path.join(new, os.path.basename(folder)), copy_function=os.link)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(new, target)


def reuse(fingerprint_of):
    """Publish again a kept copy whose whole build had the sources of this one, with its
    notebooks put back: ``fingerprint_of(made folders)`` is this build's fingerprint if
    those were in place. Returns the copy, or None when no kept copy fits."""
    for name in sorted(os.listdir(KEPT_MADE)) if os.path.isdir(KEPT_MADE) else []:
        copy, made = os.path.join(OUT, name), os.path.join(KEPT_MADE, name)
        key = stamps.Stamp(os.path.join(copy, FINGERPRINT)).key()
        kept = [os.path.join(made, os.path.basename(folder)) for folder in MADE]
        if key and key == fingerprint_of(kept):
            # the build lock keeps other commands out; if this is cut short, the fingerprint
            # no longer matches and the next build parses and evaluates as usual
            for folder, mine in zip(MADE, kept):
                shutil.rmtree(folder, ignore_errors=True)
                if os.path.isdir(mine):
                    shutil.copytree(mine, folder, copy_function=os.link)
            switch(copy)
            return copy
    return None


def finish(book, fingerprint, background, lock):
    """Make the published book's PDFs current, then record ``fingerprint`` in it."""
    if not pdf.available():
        say(f"[pdf] warning: {pdf.HOW_TO_INSTALL}")
    elif background:
        todo = pdf.missing(book, os.path.realpath(LINK))
        if todo:
            _print_in_background(book, todo, fingerprint, lock)
            return
        say("[pdf] the HTML is unchanged: the PDFs are reused")
    else:
        todo = pdf.missing(book, os.path.realpath(LINK))
        if todo:
            pdf.build(book, os.path.realpath(LINK), todo, say)
        else:
            say("[pdf] the HTML is unchanged: the PDFs are reused")
    if fingerprint:
        _record(fingerprint)


def _print_in_background(book, tabs, fingerprint, lock):
    os.makedirs(os.path.dirname(PDF_LOG), exist_ok=True)
    with open(PDF_LOG, "w") as log:
        os.set_inheritable(lock.fileno(), True)
        proc = subprocess.Popen(
            [sys.executable, "-m", "tools.publishing", ",".join(book.tabs), fingerprint or "", *tabs],
            env=dict(os.environ, **{buildlock.FD: str(lock.fileno())}), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, pass_fds=(lock.fileno(),))
    say(f"[pdf] printing {', '.join(tabs)} in the background (pid {proc.pid}, log {PDF_LOG}); "
        f"each appears in the book's downloads once printed")


def _background(tabs, fingerprint, *todo):
    """``python -m tools.publishing``: print the published book's PDFs, holding the lock."""
    from tools.sources import Book
    lock = buildlock.acquire("the PDF printer of the last build")
    try:
        book = Book(tabs.split(","))
        html = os.path.realpath(LINK)
        pdf.build(book, html, list(todo), say)
        if fingerprint and os.path.realpath(LINK) == html:
            _record(fingerprint)
        say("[pdf] done")
    finally:
        lock.close()


if __name__ == "__main__":
    _background(*sys.argv[1:])
