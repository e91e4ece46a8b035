"""Sphinx's warnings told against the markdown the maintainer wrote.

Sphinx reads the rst that d2lbook generates (``_build/rst_all/<section>.rst``), so its
warnings name a generated file and a line of it. Here each is mapped back to
``<source_dir>/<section>.md`` and a line of that file: the line that holds the quoted
name (a label, a directive), or else the line most like the rst line. An unknown label
gets the closest labels the book defines as suggestions.
"""
import difflib
import glob
import os
import re

# ``<path>.rst:<line>: WARNING: <message>``; -W prints no level, and some warnings no line
_WARNING = re.compile(r"^(?P<path>[^\s:][^:]*\.rst):(?:(?P<line>\d+):)?\s*"
                      r"(?:(?:WARNING|ERROR|CRITICAL|SEVERE):\s*)?(?P<msg>.+)$")
_LABEL = re.compile(r":(?:label|eqlabel):`([^`]+)`")
_QUOTED = re.compile(r"""['"`]([^'"`\s]+)['"`]|(?:not found|not readable|duplicate label):?\s+([^\s,]+)""")


def labels(src_dir):
    """Every label the book's markdown defines."""
    found = set()
    for path in glob.glob(os.path.join(src_dir, "**", "*.md"), recursive=True):
        with open(path, encoding="utf-8") as f:
            found.update(_LABEL.findall(f.read()))
    return sorted(found)


def _read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()
    except OSError:
        return None


def _names(msg):
    return [a or b for a, b in _QUOTED.findall(msg)]


def _md_line(md_lines, rst_line, msg):
    """The markdown line a warning is about: one that holds a name the message quotes,
    or the line most like the rst line (None when nothing is alike)."""
    for name in _names(msg):
        for no, line in enumerate(md_lines, 1):
            if re.search(r"`" + re.escape(name) + r"`", line) and not _LABEL.search(line):
                return no
        found = [no for no, line in enumerate(md_lines, 1)
                 if name in line or os.path.basename(name) in line]  # an image's path is the rst's
        if found:  # a duplicate is the later one: the first was fine until then
            return found[-1] if "duplicate" in msg.lower() else found[0]
    text = (rst_line or "").strip()
    if not text:
        return None
    scored = [(difflib.SequenceMatcher(None, text, line.strip()).ratio(), no)
              for no, line in enumerate(md_lines, 1) if line.strip()]
    best = max(scored, default=(0, None))
    return best[1] if best[0] >= 0.6 else None


def _suggest(msg, known):
    if not re.search(r"undefined label|not found|unknown|cross.reference", msg) or not _names(msg):
        return ""
    name = _names(msg)[0]  # labels share prefixes (sec_, eq_): only near matches, else the nearest
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.75) or \
        difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return f" (did you mean {', '.join(f'`{c}`' for c in close)}?)" if close else " (no label like it in the book)"


def explain(output, rst_dir, src_dir):
    """One line per Sphinx warning in ``output``: the markdown file and line first, then
    Sphinx's own words and the generated rst line it named."""
    rst_root = os.path.abspath(rst_dir)
    known, lines = None, []
    for raw in output.splitlines():
        m = _WARNING.match(raw.strip())
        if not m or not os.path.abspath(m.group("path")).startswith(rst_root + os.sep):
            continue
        section = os.path.splitext(os.path.relpath(os.path.abspath(m.group("path")), rst_root))[0]
        md = os.path.join(src_dir, section + ".md")
        md_lines = _read_lines(md)
        if md_lines is None:
            continue  # a page the build generates itself, not a source
        rst_lines = _read_lines(m.group("path")) or []
        rst_no = int(m.group("line") or 0)
        rst_line = rst_lines[rst_no - 1] if 0 < rst_no <= len(rst_lines) else ""
        no = _md_line(md_lines, rst_line, m.group("msg"))
        if known is None:
            known = labels(src_dir)
        where = f"{md}:{no}" if no else md
        lines.append(f"{where}: {m.group('msg').strip()}{_suggest(m.group('msg'), known)}"
                     f"  [from {os.path.relpath(m.group('path'))}:{rst_no}]")
    return lines
