"""The book's sources: ``config.ini`` (through d2lbook's own reading of it) and the
markdown sections, checked before anything runs.

A section that does not parse, a tab block that is not closed, or a ``%%tab`` that names
a tab config.ini does not list stops the build with the file, line or first line of the
cell, before any notebook is evaluated.
"""
import os
import re
import sys
import warnings

# nbformat's validator imports jsonschema, which imports the optional IRI checker
# rfc3987_syntax if it is installed (jupyter-events pulls it in); that compiles a grammar
# for about 3 s at import. Notebooks have no IRI fields, so the build does without it.
sys.modules.setdefault("rfc3987_syntax", None)
# notedown (d2lbook's markdown reader) imports pkg_resources; setuptools<81 is pinned for it
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

OUT = "_build"


class BuildError(RuntimeError):
    """A problem in the book's sources or environments; the message says where."""


def say(msg):
    print(msg, flush=True)


def first_line(source):
    """The first line of a cell worth quoting in a message (not its ``%%tab`` line)."""
    for line in source.splitlines():
        if line.strip() and not re.match(r"\s*(%%tab|:begin_tab:)", line):
            return line.strip()
    return source.strip().splitlines()[0] if source.strip() else "(empty)"


_FENCE = re.compile(r"^```\{\.python \.input\}[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def locate_cell(path, source, tab):
    """Where a tab's code cell is in its markdown: (line of its opening fence, its number
    among the file's code blocks, how many there are), or None when no block matches."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    blocks = list(_FENCE.finditer(text))
    for number, m in enumerate(blocks, 1):
        lines = m.group(1).rstrip("\n").split("\n")
        head = re.match(r"%%tab\s+(.*)", lines[0])
        tabs = [t.strip() for t in head.group(1).split(",")] if head else ["all"]
        body = "\n".join(lines[1:] if head else lines)
        if (tab in tabs or "all" in tabs) and body.strip() == source.strip():
            return text.count("\n", 0, m.start()) + 1, number, len(blocks)
    return None


class Book:
    """The book in the current folder, as d2lbook's ``config.ini`` describes it."""

    def __init__(self, tabs=None):
        from d2lbook.config import Config
        if not os.path.exists("config.ini"):
            raise BuildError(f"no config.ini in {os.getcwd()}: run the build from the book's top folder")
        import logging
        logging.getLogger().setLevel(logging.WARNING)
        self.config = Config(tab="all")
        self.all_tabs = list(self.config.tabs)
        unknown = [t for t in (tabs or []) if t not in self.all_tabs]
        if unknown:
            raise BuildError(f"unknown tab(s) {', '.join(unknown)}; config.ini lists {', '.join(self.all_tabs)}")
        self.tabs = [t for t in self.all_tabs if not tabs or t in tabs]
        self.src_dir = self.config.src_dir
        self._parsed = {}

    def sections(self):
        """Markdown sources, relative to the source folder, without the .md suffix."""
        from d2lbook.utils import find_files
        build = self.config.build
        files = find_files(build["notebooks"], self.src_dir, build["exclusions"])
        return sorted(os.path.splitext(os.path.relpath(f, self.src_dir))[0] for f in files)

    def source_path(self, section):
        return os.path.join(self.src_dir, section + ".md")

    def read(self, section):
        """The section as a d2lbook notebook with tab blocks split out; checks its tabs.
        Parsed once per build: get_tab_notebook copies what it takes."""
        if section not in self._parsed:
            self._parsed[section] = self._parse(section)
        return self._parsed[section]

    def _parse(self, section):
        from d2lbook import notebook
        path = self.source_path(section)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        check_tab_blocks(path, text)
        check_heading_labels(path, text)
        try:
            nb = notebook.split_markdown_cell(notebook.read_markdown(text))
        except Exception as e:  # d2lbook asserts on malformed marks
            raise BuildError(f"{path}: cannot be parsed as d2lbook markdown: {type(e).__name__}: {e}") from e
        known = set(self.all_tabs) | {"all", ""}
        for cell in nb.cells:
            for tab in notebook.get_cell_tab(cell):
                if tab not in known:
                    kind = "code cell" if cell.cell_type == "code" else "text block"
                    raise BuildError(
                        f"{path}: unknown tab '{tab}' in the {kind} starting "
                        f"\"{first_line(cell.source)}\"; config.ini lists: {', '.join(self.all_tabs)}")
        return nb

    def tab_notebook(self, section, tab):
        """The cells of ``section`` that tab ``tab`` shows, or None if the tab has no code here."""
        from d2lbook import notebook
        nb = notebook.get_tab_notebook(self.read(section), tab, self.config.default_tab)
        for i, cell in enumerate(nb.cells if nb else []):
            cell.id = f"cell-{i}"  # nbformat's are random: the same section, the same bytes
        return nb

    def notebook_path(self, section, tab):
        return os.path.join(OUT, "notebooks", tab, section + ".ipynb")


def prose_lines(text):
    """(line number, line) of the lines outside code fences."""
    fence = None
    for no, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*(```+)", line)
        if m:
            if fence is None:
                fence = m.group(1)
            elif line.strip() == fence:
                fence = None
            continue
        if not fence:
            yield no, line


def check_tab_blocks(path, text):
    """``:begin_tab:`` and ``:end_tab:`` must pair up outside code fences."""
    open_at = None
    for no, line in prose_lines(text):
        if line.startswith(":begin_tab:"):
            if open_at is not None:
                raise BuildError(f"{path}:{no}: ':begin_tab:' inside the tab block opened at line {open_at}")
            if not re.match(r":begin_tab:`[^`]+`\s*$", line):
                raise BuildError(f"{path}:{no}: expected ':begin_tab:`<tab>[, <tab>…]`', got \"{line}\"")
            open_at = no
        elif line.startswith(":end_tab:"):
            if open_at is None:
                raise BuildError(f"{path}:{no}: ':end_tab:' without a ':begin_tab:'")
            open_at = None
    if open_at is not None:
        raise BuildError(f"{path}:{open_at}: ':begin_tab:' is never closed with ':end_tab:'")


def check_heading_labels(path, text):
    """A heading's ``:label:`` must not be followed directly by a table: d2lbook then reads
    the label as the table's and prints "label:..." as its caption, and the heading has none."""
    lines = dict(prose_lines(text))
    for no, line in lines.items():
        if not (line.startswith("#") and lines.get(no + 1, "").startswith(":label:")):
            continue
        after = no + 2
        while lines.get(after) == "":
            after += 1
        if lines.get(after, "").startswith("|"):
            raise BuildError(f"{path}:{after}: the table right after the label of '{line.lstrip('# ')}' "
                             f"would take that label as its caption; write a sentence between them")
