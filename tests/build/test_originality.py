""""파라미터 초기화" is the book's own text, not the seed's.

The seed (``../shared/seed/init-param.md`` beside the clone) specifies what the section
must show; its sentences and code are not to be reused. This scan compares the section
with the seed and fails on any prose sentence or code cell that is a copy or a near-copy.

Prose. Fenced code, display math, headings, labels, tab markers and link-only lines
(the discussion links) are removed; a paragraph's lines are joined and split into
sentences after ``.``, ``?`` or ``!`` followed by white space (so ``0.07`` stays whole).
Inline math becomes one placeholder word: a formula such as the Xavier bound is a fact
that any text must state the same way. A sentence of the section is a near-copy of a
seed sentence when either

* the ``difflib.SequenceMatcher`` ratio of the two, reduced to their word characters
  (Hangul, letters, digits; no spaces or punctuation, lower case), is at least
  ``RATIO`` = 0.8. A light edit keeps most characters in order: swapping 반환합니다 for
  돌려줍니다, a particle, or one word in a 40-character sentence leaves the ratio near
  0.85-0.95; two sentences written separately about the same API stay well below
  (the book's sentences score at most about 0.6 against the seed); or
* they share a run of ``RUN`` = 8 or more consecutive words (white-space separated,
  punctuation stripped). That catches a long clause copied into an otherwise new
  sentence, which the ratio of two sentences of different length can miss. Eight Korean
  words (어절) carry a whole clause; independent sentences share at most three or four.

Sentences shorter than ``MIN_CHARS`` word characters are not compared by ratio (a
five-character fragment matches too easily); they still take part in the run check.

Code. A cell's ``%%tab`` line, comments, blank lines and import statements are
removed (imports are dictated by the framework: every section that uses ``init, np,
npx`` must import them the same way). A cell of the section with three or more lines
left is a near-copy of a seed cell when the ``SequenceMatcher`` ratio of their Python
tokens is at least ``CODE_RATIO`` = 0.7. Tokens rather than characters: renaming a
variable changes a few tokens only, so a renamed copy still scores high, while
rewriting the logic changes the token sequence.

The figures printed by ``python tests/build/test_originality.py [section.md]`` are the
highest scores found; the section's own report lists them.
"""
import difflib
import os
import re
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECTION = os.path.join(ROOT, "chapters", "chapter_builders-guide", "init-param.md")
SEED = os.path.normpath(os.path.join(ROOT, "..", "shared", "seed", "init-param.md"))

RATIO = 0.8
RUN = 8
MIN_CHARS = 12
CODE_RATIO = 0.7
CODE_MIN_LINES = 3

_FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE_MATH = re.compile(r"\$[^$\n]+\$")
_SKIP_LINE = re.compile(r"^\s*(#|:label:|:begin_tab:|:end_tab:|\[[^\]]*\]\([^)]*\)\s*$)")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_CELL = re.compile(r"^```\{\.python \.input\}[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def sentences(markdown):
    """The prose sentences of a d2lbook markdown source, in order."""
    text = _DISPLAY_MATH.sub("\n\n", _FENCE.sub("\n\n", markdown))
    kept = ["" if _SKIP_LINE.match(line) else line for line in text.split("\n")]
    out = []
    for paragraph in re.split(r"\n\s*\n", "\n".join(kept)):
        lines = [re.sub(r"^\s*(\*|-|\d+\.)\s+", "", line).strip() for line in paragraph.split("\n")]
        joined = " ".join(line for line in lines if line)
        joined = _INLINE_MATH.sub(" 수식 ", joined)
        out += [s.strip() for s in _SENTENCE_END.split(joined) if s.strip()]
    return out


def letters(sentence):
    return "".join(re.findall(r"\w", sentence.lower()))


def words(sentence):
    return [w for w in (re.sub(r"[^\w]", "", w) for w in sentence.lower().split()) if w]


def longest_run(a, b):
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def code_cells(markdown):
    """(first line, tokens, number of lines) of each code cell, without the ``%%tab``
    line, comments, blank lines and import statements."""
    cells = []
    for m in _CELL.finditer(markdown):
        lines = m.group(1).split("\n")
        if lines and lines[0].startswith("%%tab"):
            lines = lines[1:]
        body = []
        for line in lines:
            line = re.sub(r"\s+#.*$|^\s*#.*$", "", line).rstrip()
            if not line.strip() or re.match(r"\s*(import|from)\s+\S+.*\bimport\b|\s*import\s", line):
                continue
            body.append(line)
        if body:
            tokens = re.findall(r"\w+|[^\w\s]", "\n".join(body))
            cells.append((body[0].strip(), tokens, len(body)))
    return cells


def scan(section_md, seed_md):
    """Each sentence's and each code cell's closest seed counterpart, most similar first.
    prose: (ratio, its seed sentence, shared run, its seed sentence, our sentence);
    code: (token ratio, our cell's first line, the seed cell's first line)."""
    seed_sents = [(s, letters(s), words(s)) for s in sentences(seed_md)]
    prose = []
    for s in sentences(section_md):
        ls, ws = letters(s), words(s)
        ratio, ratio_seed, run, run_seed = 0.0, "", 0, ""
        for t, lt, wt in seed_sents:
            if len(ls) >= MIN_CHARS:
                r = difflib.SequenceMatcher(None, ls, lt, autojunk=False).ratio()
                if r > ratio:
                    ratio, ratio_seed = r, t
            n = longest_run(ws, wt)
            if n > run:
                run, run_seed = n, t
        prose.append((ratio, ratio_seed, run, run_seed, s))
    seed_cells = code_cells(seed_md)
    code = []
    for first, tokens, n in code_cells(section_md):
        if n < CODE_MIN_LINES:
            continue
        best = max(((difflib.SequenceMatcher(None, tokens, t, autojunk=False).ratio(), f) for f, t, _ in seed_cells),
                   default=(0.0, ""))
        code.append((best[0], first, best[1]))
    prose.sort(key=lambda x: (x[0], x[2]), reverse=True)
    code.sort(key=lambda x: x[0], reverse=True)
    return prose, code


def is_copy(entry):
    ratio, _, run, _, _ = entry
    return ratio >= RATIO or run >= RUN


def copied(prose, code):
    bad = [f"sentence (ratio {r:.2f}, shared run {n} words): {s!r}\n  seed: {rs if r >= RATIO else ns!r}"
           for r, rs, n, ns, s in prose if is_copy((r, rs, n, ns, s))]
    bad += [f"code cell (token ratio {r:.2f}) starting {s!r}\n  seed cell starting {t!r}"
            for r, s, t in code if r >= CODE_RATIO]
    return bad


def load_seed():
    if not os.path.isfile(SEED):
        pytest.fail(f"the seed specification is missing: expected {SEED} "
                    "(the shared/ folder beside the clone); the originality scan cannot run without it")
    return read(SEED)


def test_no_sentence_or_code_cell_is_copied_from_the_seed():
    prose, code = scan(read(SECTION), load_seed())
    assert len(prose) >= 40 and len(code) >= 10, "found too little prose or code to compare: the parser is broken"
    bad = copied(prose, code)
    assert not bad, f"{len(bad)} near-copies of the seed in init-param.md:\n" + "\n".join(bad)


def test_the_scan_catches_copies_and_light_edits():
    """The scan itself: the seed's own sentences and cells, verbatim and lightly edited,
    are flagged; a sentence written separately on the same topic is not."""
    seed = load_seed()
    sents = [s for s in sentences(seed) if len(letters(s)) >= 30]
    assert len(sents) >= 15
    target = sents[3]
    edited = target.replace("합니다", "해요").replace("는", "은", 1)
    clause = "완전히 새로 쓴 앞부분에 " + " ".join(target.split()[:RUN + 1]) + " 덧붙였습니다."
    unrelated = "가중치를 모두 같은 값으로 두면 은닉 유닛들이 서로 구별되지 않습니다."
    doc = "\n\n".join([target, edited, clause, unrelated])
    prose, _ = scan(doc, seed)
    assert {e[4] for e in prose if not is_copy(e)} == {unrelated}, prose
    cell = re.search(r"```\{\.python \.input\}\n%%tab pytorch\ndef init_normal.*?```", seed, re.S).group(0)
    renamed = cell.replace("init_normal", "fill_normal").replace("module", "m")
    _, code = scan(cell + "\n\n" + renamed, seed)
    assert len(code) == 2 and all(r >= CODE_RATIO for r, _, _ in code), code


def test_a_missing_seed_fails_with_a_message(tmp_path, monkeypatch):
    """Not a skip: a checkout without the seed must not pass silently."""
    monkeypatch.setattr(sys.modules[__name__], "SEED", str(tmp_path / "nowhere.md"))
    with pytest.raises(pytest.fail.Exception, match="seed specification is missing"):
        load_seed()


def main(path=SECTION):
    prose, code = scan(read(path), load_seed())
    top_ratio = max(prose, key=lambda x: x[0])
    top_run = max(prose, key=lambda x: x[2])
    print(f"{path}: {len(prose)} sentences, {len(code)} code cells of {CODE_MIN_LINES}+ lines")
    print(f"  highest sentence ratio {top_ratio[0]:.3f}: {top_ratio[4]!r}\n    seed: {top_ratio[1]!r}")
    print(f"  longest shared run {top_run[2]} words: {top_run[4]!r}\n    seed: {top_run[3]!r}")
    if code:
        print(f"  highest code token ratio {code[0][0]:.3f}: cell {code[0][1]!r} ~ seed cell {code[0][2]!r}")
    bad = copied(prose, code)
    print(f"  near-copies: {len(bad)} ({sum(1 for e in prose if is_copy(e))} sentences, "
          f"{sum(1 for c in code if c[0] >= CODE_RATIO)} code cells)")
    return bad


if __name__ == "__main__":
    main(*sys.argv[1:])
