"""The 용어집 page and the search keywords, made from glossary.yml at build time.

``write`` puts, beside the rst of the sections (called by tools/rendering.py):

* ``glossary.rst``: Korean terms in 가나다 order, grouped by initial consonant, each with
  its English and a link to the section that introduces it (the first appearance in
  reading order, as the lint finds it), then an English-to-Korean index;
* ``_d2l_glossary.json``: for each introducing section, the words a reader may search
  for instead of the book's term (English, aliases, rejected spellings). The theme adds
  them to that page's search keywords, so 글로럿 or 매개변수 find where the term is taught.

A book without glossary.yml (the test fixtures) gets neither.
"""
import json
import os
import re

from tools import glossary

_INITIALS = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ"  # 19 choseong, doubled ones under their plain letter


def initial(word):
    """The heading a term is listed under: its first consonant, or 'A-Z' for a Latin start."""
    c = word[0]
    if "\uac00" <= c <= "\ud7a3":
        return _INITIALS[(ord(c) - 0xAC00) // 588]
    return "A-Z"


def _order(term):
    # Hangul first in code-point (가나다) order, then terms that start with a Latin name
    return (initial(term.ko) == "A-Z", term.ko.lower())


def _link(intro, term):
    section = intro.get(term.ko)
    return f":doc:`/{section[0]}`" if section else "아직 본문에 없음"


def rst(terms, intro):
    lines = ["용어집 (Glossary)", "=" * 24, "",
             "이 책이 쓰는 용어와 그 영어 이름입니다. 링크는 그 용어를 처음 소개하는 절로 이어집니다. "
             "쓰지 않는 말은 같은 뜻으로 흔히 쓰이지만 이 책이 고르지 않은 말입니다. "
             "이 페이지는 저장소의 ``glossary.yml`` 에서 빌드할 때 만들어집니다.", "",
             "한국어 용어", "-" * 16, ""]
    shown = sorted((t for t in terms if t.gloss), key=_order)
    group = None
    for t in shown:
        if initial(t.ko) != group:
            group = initial(t.ko)
            lines += ["", f".. rubric:: {group}", ""]
        extra = []
        if t.aliases:
            extra.append("다른 이름: " + ", ".join(t.aliases))
        if t.reject:
            extra.append("쓰지 않는 말: " + ", ".join(t.reject))
        lines.append(f"- **{t.ko}** ({t.en}) — {_link(intro, t)}" + (f" ({'; '.join(extra)})" if extra else ""))
    lines += ["", "영어-한국어 색인 (English-Korean Index)", "-" * 40, ""]
    for t in sorted(shown, key=lambda t: t.en.lower()):
        lines.append(f"- {t.en} → **{t.ko}**")
    return "\n".join(lines) + "\n"


def keywords(terms, intro):
    """{section: [word, …]}: what else a reader may type to find where each term is taught."""
    out = {}
    for t in terms:
        if t.ko not in intro:
            continue
        words = out.setdefault(intro[t.ko][0], set())
        for name in (t.en, *t.aliases, *t.reject):
            words.update(w.lower() for w in re.findall(r"\w+", name))
    return {doc: sorted(words) for doc, words in sorted(out.items())}


def write(src_dir, rst_dir, write_file, path=glossary.GLOSSARY):
    """Both files, when the book has a glossary; ``write_file(path, text)`` writes if changed."""
    if not os.path.exists(path):
        return
    import yaml
    from tools.sources import BuildError
    try:
        terms = glossary.load(path)
        _, intro = glossary.lint(src_dir, path)
    except (ValueError, yaml.YAMLError) as e:  # the build stops, naming the file
        raise BuildError(str(e) if str(e).startswith(path) else f"{path}: {e}") from e
    write_file(os.path.join(rst_dir, glossary.PAGE + ".rst"), rst(terms, intro))
    from theme import GLOSSARY_FILE  # the theme reads it from beside conf.py
    write_file(os.path.join(rst_dir, GLOSSARY_FILE),
               json.dumps(keywords(terms, intro), ensure_ascii=False, indent=1))
