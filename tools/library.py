"""The ``d2l`` package from the book, with d2lbook's own ``#@save`` mechanism.

A code cell whose function or class a later section needs carries a ``#@save`` line;
d2lbook's ``library.save_tab`` copies every such block of a tab, in the order of the
table of contents, into ``d2l/<module>.py`` below the module's hand-written head (the
lines above d2lbook's ``WARNING`` banner). The build regenerates the modules before it
evaluates anything, so the package and the book cannot drift; tests/build checks that
the committed modules are what the book generates.
"""
import os
import re
import shutil
import tempfile

from tools import frameworks


def module_path(tab, root=None):
    """The book's own d2l/<module>.py: beside its config.ini (a book without one saves nothing)."""
    return os.path.join(root or os.getcwd(), "d2l", f"{frameworks.TABLE[tab].module}.py")


def sources(book):
    """The book's markdown sources in table-of-contents order (d2lbook's own reading)."""
    from d2lbook import notebook
    index = os.path.join(book.src_dir, book.config.build["index"] + ".md")
    enabled = {book.source_path(s) for s in book.sections()}
    return [path for path in notebook.get_toc(index) if path in enabled]


# What d2lbook's _save_block looks for in a line. A section without it adds nothing to the
# module, so it is not parsed: parsing every section once per tab took 3 s of every build.
SAVE_MARK = re.compile(r"# *@save")


def saving(book):
    """The sources that save a block, in table-of-contents order."""
    def saves(path):
        with open(path, encoding="utf-8") as f:
            return SAVE_MARK.search(f.read()) is not None
    return [path for path in sources(book) if saves(path)]


def generated(book, tab, paths=None):
    """The text d2lbook writes for ``d2l/<module>.py`` from the book as it is now."""
    from d2lbook import library
    with tempfile.TemporaryDirectory(prefix="d2l-lib-") as tmp:
        path = os.path.join(tmp, os.path.basename(module_path(tab)))
        shutil.copyfile(module_path(tab), path)  # save_tab keeps the head above its banner
        library.save_tab(saving(book) if paths is None else paths, path, tab, book.config.default_tab)
        with open(path, encoding="utf-8") as f:
            return f.read()


def update(book, write):
    """Regenerate the module of every tab the build evaluates; returns the tabs whose module changed."""
    import logging
    logging.getLogger().setLevel(logging.WARNING)  # save_tab logs each block at INFO
    changed, paths = [], saving(book)
    for tab in book.tabs:
        if not os.path.exists(module_path(tab)):
            continue
        text = generated(book, tab, paths)
        with open(module_path(tab), encoding="utf-8") as f:
            if f.read() == text:
                continue
        write(module_path(tab), text)
        changed.append(tab)
    return changed
