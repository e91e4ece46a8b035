"""Which sections have claim tests in which tabs, from the files alone (standard library).

The conventions (README, "절 추가하기"):

* ``tests/frameworks/tab_<tab>/test_<section>[_<tab>]_claims.py`` checks what a section
  says of one tab, in that tab's environment;
* ``tests/frameworks/test_<section>_claims.py`` states claims once for every tab, through
  the ``fw`` fixture (tests/frameworks/conftest.py);
* ``<section>`` is the markdown file's name with ``-`` written ``_``;
* a section that needs no claims in a tab says why in ``tests/frameworks/without_claims.txt``,
  one line ``<section> <tab>[,<tab>...]|all: <why>``.

``./build.sh test`` flags every section and tab with code but no claim test and no reason.
"""
import glob
import os
import re

FOLDER = os.path.join("tests", "frameworks")
EXCUSES = os.path.join(FOLDER, "without_claims.txt")
_CODE_TAB = re.compile(r"^```\{\.python \.input\}[ \t]*\n%%tab\s+([^\n]*)$", re.M)


def section_of(stem, tab=None):
    """test_<section>[_<tab>]_claims -> <section> (with hyphens), or None."""
    m = re.fullmatch(r"test_(.+?)(?:_" + (tab or "") + r")?_claims", stem) if tab else \
        re.fullmatch(r"test_(.+?)_claims", stem)
    return m.group(1).replace("_", "-") if m else None


def code_tabs(md_path, tabs):
    """The tabs that have at least one code cell in the section."""
    with open(md_path, encoding="utf-8") as f:
        heads = _CODE_TAB.findall(f.read())
    found = {t.strip() for head in heads for t in head.split(",")}
    return [t for t in tabs if t in found or "all" in found]


def covered(root, tabs):
    """{section: set of tabs with claim tests}."""
    cover = {}
    for path in glob.glob(os.path.join(root, FOLDER, "test_*_claims.py")):
        section = section_of(os.path.splitext(os.path.basename(path))[0])
        cover.setdefault(section, set()).update(tabs)
    for tab in tabs:
        for path in glob.glob(os.path.join(root, FOLDER, f"tab_{tab}", "test_*_claims.py")):
            section = section_of(os.path.splitext(os.path.basename(path))[0], tab)
            cover.setdefault(section, set()).add(tab)
    return cover


def excused(root):
    """{(section, tab or "all"): why} from without_claims.txt."""
    reasons = {}
    path = os.path.join(root, EXCUSES)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*([\w.-]+)\s+([\w,]+)\s*:\s*(\S.*)", line)
                if m and not line.lstrip().startswith("#"):
                    for tab in m.group(2).split(","):
                        reasons[(m.group(1), tab.strip())] = m.group(3).strip()
    return reasons


def flags(root, src_dir, tabs):
    """One line per section and tab that has code but neither claim tests nor a reason."""
    cover, reasons = covered(root, tabs), excused(root)
    lines = []
    for md in sorted(glob.glob(os.path.join(root, src_dir, "**", "*.md"), recursive=True)):
        section = os.path.splitext(os.path.basename(md))[0]
        have = cover.get(section, set())
        for tab in code_tabs(md, tabs):
            if tab in have or (section, tab) in reasons or (section, "all") in reasons:
                continue
            others = ", ".join(t for t in tabs if t in have) or "no tab"
            lines.append(f"FLAG {section} [{tab}]: no claim tests (claims in: {others}); write "
                         f"{FOLDER}/tab_{tab}/test_{section.replace('-', '_')}_claims.py "
                         f"or say why in {EXCUSES}")
    return lines
