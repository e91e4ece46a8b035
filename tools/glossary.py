"""The book's vocabulary of record (glossary.yml) and the lint that holds the prose to it.

The lint reads the sections in reading order (the ```toc blocks, from the root index) and
reports, as ``file:line: message``:

* a rejected spelling (glossary ``reject``, or a term written without its inner spaces);
* the first appearance of a term in the book that is not followed by its English in
  parentheses, or parentheses after a term that hold other English (은닉층(ReLU));
* a term glossed twice in one section;
* a term restricted to some tabs (``tabs``) used in other text.

Prose only: code cells, inline code, math, headings (bilingual by convention), labels,
link targets and quoted English are left out before matching.
"""
import os
import re
from dataclasses import dataclass, field

GLOSSARY = "glossary.yml"
PAGE = "glossary"  # the generated 용어집 page (tools/glossary_page.py): in a toctree, no .md
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass
class Term:
    ko: str
    en: str
    reject: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    gloss: bool = True
    tabs: list = field(default_factory=list)

    @property
    def spaceless(self):
        return self.ko.replace(" ", "")

    def glossed_by(self, text):
        """Whether ``text`` (what the parentheses after the term hold) gives its English."""
        low = text.lower()
        return any(name.lower() in low for name in [self.en, *self.aliases] if _LATIN.search(name))


def load(path=GLOSSARY):
    import yaml
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entries")
    terms, known = [], {"ko", "en", "reject", "aliases", "gloss", "tabs"}
    for i, entry in enumerate(data, 1):
        unknown = set(entry) - known if isinstance(entry, dict) else {"(not a mapping)"}
        if unknown or not entry.get("ko") or not entry.get("en"):
            raise ValueError(f"{path}: entry {i} ({entry!r}) needs ko and en, and only {sorted(known)}")
        terms.append(Term(**entry))
    seen = {}
    for t in terms:
        for name in (t.ko, *t.reject):
            if name in seen:
                raise ValueError(f"{path}: '{name}' is listed by both '{seen[name]}' and '{t.ko}'")
            seen[name] = t.ko
    return terms


def reading_order(src_dir, index="index"):
    """Section names (relative to ``src_dir``, no .md), depth first through the toctrees."""
    order = []

    def visit(name):
        path = os.path.join(src_dir, name + ".md")
        if name in order or not os.path.exists(path):
            return
        order.append(name)
        base = os.path.dirname(name)
        for entry in toc_entries(path):
            visit(os.path.normpath(os.path.join(base, entry)))
    visit(index)
    return order


def toc_entries(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    entries = []
    for block in re.findall(r"^```toc\s*\n(.*?)^```", text, re.M | re.S):
        entries += [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith(":")]
    return entries


_STRIP = [
    (re.compile(r"`[^`]*`"), " "),                       # inline code, roles' targets
    (re.compile(r":(?:numref|label|ref|eqref|cite|citet|citep):\s*"), " "),
    (re.compile(r"\]\([^)]*\)"), "] "),                  # link targets, keeping the link text
    (re.compile(r"\$[^$]*\$"), " "),                     # inline math
    (re.compile(r"\"[^\"\uac00-\ud7a3]*\""), " "),        # quoted English
]


def prose_lines(text):
    """(line number, prose, tabs of the enclosing tab block or None) for each prose line."""
    fence, math, tabs = None, False, None
    for no, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        m = re.match(r"(```+)", stripped)
        if m:
            fence = m.group(1) if fence is None else (None if stripped == fence else fence)
            continue
        if fence:
            continue
        if math or stripped.startswith("$$"):  # display math, on one line or several
            one_line = not math and len(stripped) > 2 and stripped.endswith("$$")
            math = not one_line and not (math and stripped.endswith("$$"))
            continue
        if stripped.startswith(":begin_tab:"):
            tabs = [t.strip() for t in re.findall(r"`([^`]*)`", stripped)[0].split(",")]
            continue
        if stripped.startswith(":end_tab:"):
            tabs = None
            continue
        if not stripped or stripped.startswith("#") or stripped.startswith(":label:"):
            continue
        for pattern, repl in _STRIP:
            line = pattern.sub(repl, line)
        yield no, line, tabs


def _matcher(terms):
    """One regex over every spelling: longest first, so 절단 정규 분포 is not 정규 분포."""
    names = {}
    for t in terms:
        if t.gloss:
            names[t.ko] = (t, "term")
        for r in t.reject:
            names[r] = (t, "reject")
        if " " in t.ko:
            names.setdefault(t.spaceless, (t, "spaceless"))
    alts = sorted(names, key=len, reverse=True)
    # a Latin-initial spelling (He 초기화) must not start inside an English word
    pattern = re.compile("|".join(("(?<![A-Za-z])" if _LATIN.match(a) else "") + re.escape(a) for a in alts))
    return pattern, names


def _parenthetical(line, end):
    """What the parentheses right after position ``end`` hold, or None."""
    if end >= len(line) or line[end] != "(":
        return None
    close = line.find(")", end)
    return line[end + 1: close if close > 0 else len(line)]


def lint(src_dir, glossary_path=GLOSSARY, index="index"):
    """(findings, introductions): findings are ``path:line: message`` strings; introductions
    map each term's ko to (section, line) of its first appearance in reading order."""
    terms = load(glossary_path)
    pattern, names = _matcher(terms)
    findings, intro = [], {}
    for section in reading_order(src_dir, index):
        path = os.path.join(src_dir, section + ".md")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        glossed = {}
        for no, line, tabs in prose_lines(text):
            where = f"{path}:{no}"
            for m in pattern.finditer(line):
                term, kind = names[m.group(0)]
                if kind != "term":
                    findings.append(f"{where}: '{m.group(0)}' is not the book's spelling; write '{term.ko}'"
                                    f" ({term.en})")
                    continue
                if term.tabs and not (tabs and set(tabs) <= set(term.tabs)):
                    findings.append(f"{where}: '{term.ko}' is used only in the text of tab(s) "
                                    f"{', '.join(term.tabs)}")
                inside = _parenthetical(line, m.end())
                is_gloss = inside is not None and term.glossed_by(inside)
                if inside is not None and _LATIN.search(inside) and not is_gloss and not _HANGUL.match(inside):
                    findings.append(f"{where}: '({inside})' after '{term.ko}' is not its English "
                                    f"'{term.en}'; reword so it does not read as a gloss")
                if term.ko not in intro:
                    intro[term.ko] = (section, no)
                    if not is_gloss:
                        findings.append(f"{where}: first use of '{term.ko}' in the book needs its English: "
                                        f"{term.ko}({term.en})")
                if is_gloss:
                    if term.ko in glossed:
                        findings.append(f"{where}: '{term.ko}' is glossed again in this section "
                                        f"(first at line {glossed[term.ko]})")
                    glossed.setdefault(term.ko, no)
    return findings, intro
