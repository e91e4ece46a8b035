"""The book's vocabulary of record (glossary.yml) holds: the lint of tools/glossary.py
passes on the book, and names the file and line of a planted rejected spelling, a planted
unglossed first use and a planted double gloss. The 용어집 page lists every term."""
import os
import shutil

import pytest

from tools import glossary, glossary_page

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHAPTERS = os.path.join(ROOT, "chapters")
GLOSSARY = os.path.join(ROOT, "glossary.yml")
SECTION = os.path.join("chapter_builders-guide", "parameters.md")


def test_the_book_passes_the_lint():
    findings, intro = glossary.lint(CHAPTERS, GLOSSARY)
    assert findings == [], "\n".join(findings)
    # every term the glossary teaches is introduced somewhere in the book
    assert {t.ko for t in glossary.load(GLOSSARY) if t.gloss} == set(intro)


def test_reading_order_follows_the_toctrees():
    order = glossary.reading_order(CHAPTERS)
    # the front matter, then the numbered chapters in their order, each index before its sections
    assert order[:5] == ["index", "chapter_installation/index", "chapter_notation/index",
                         "chapter_preliminaries/index", "chapter_preliminaries/ndarray"]
    assert order.index("chapter_preliminaries/lookup-api") < order.index("chapter_builders-guide/index") \
        < order.index("chapter_builders-guide/model-construction")
    assert order.index("chapter_builders-guide/init-param") < order.index("chapter_builders-guide/lazy-init")


@pytest.fixture
def book(tmp_path):
    shutil.copytree(CHAPTERS, tmp_path / "chapters")
    return tmp_path / "chapters"


def plant(book, after, line, section=SECTION):
    """Insert ``line`` as its own paragraph after the first line containing ``after`` in
    ``section``; returns the new line's number."""
    path = book / section
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if after in text) + 1
    lines[at:at] = ["", line, ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 2


def lint(book):
    return glossary.lint(str(book), GLOSSARY)[0]


def test_a_rejected_spelling_is_named_with_file_and_line(book):
    no = plant(book, "## 요약", "편향의 초기값은 0이고 균등분포를 쓰지 않습니다.")
    findings = lint(book)
    where = f"{book / SECTION}:{no}:"
    assert any(f.startswith(where) and "'초기값'" in f and "초깃값" in f for f in findings), findings
    assert any(f.startswith(where) and "'균등분포'" in f for f in findings), findings


def test_code_math_and_inline_code_are_not_prose(book):
    plant(book, "## 요약", "`초기값` 과 $초기값$ 은 코드와 수식입니다.")
    assert lint(book) == []


def test_an_unglossed_first_use_is_named_with_file_and_line(book):
    # 연쇄 법칙 is introduced in calculus.md; a plain use in ndarray.md, read before it, becomes the first use
    early = os.path.join("chapter_preliminaries", "ndarray.md")
    no = plant(book, ":label:`sec_ndarray`", "기울기는 연쇄 법칙으로 계산합니다.", early)
    findings = lint(book)
    assert any(f.startswith(f"{book / early}:{no}:") and "first use of '연쇄 법칙'" in f
               and "연쇄 법칙(chain rule)" in f for f in findings), findings


def test_a_double_gloss_is_named_with_file_and_line(book):
    no = plant(book, "## 요약", "공유된 파라미터의 기울기는 연쇄 법칙(chain rule)으로 더해집니다.")
    findings = lint(book)
    assert any(f.startswith(f"{book / SECTION}:{no}:") and "'연쇄 법칙' is glossed again" in f
               for f in findings), findings


def test_parentheses_that_are_not_the_english_are_named(book):
    no = plant(book, "## 요약", "출력층 앞에 은닉층(ReLU)이 있습니다.")
    assert any(f.startswith(f"{book / SECTION}:{no}:") and "(ReLU)" in f for f in lint(book))


def test_a_term_kept_for_one_framework_is_named_outside_its_tab(book):
    no = plant(book, "## 요약", "레이어의 묶음을 블록이라고도 합니다.")
    assert any(f.startswith(f"{book / SECTION}:{no}:") and "'블록'" in f for f in lint(book))


def test_the_page_lists_every_term_in_korean_order_with_its_link():
    findings, intro = glossary.lint(CHAPTERS, GLOSSARY)
    terms = [t for t in glossary.load(GLOSSARY) if t.gloss]
    page = glossary_page.rst(terms, intro)
    korean = page.split("영어-한국어 색인")[0]
    listed = [line.split("**")[1] for line in korean.splitlines() if line.startswith("- **")]
    hangul = [k for k in listed if glossary_page.initial(k) != "A-Z"]
    assert hangul == sorted(hangul) and set(listed) == {t.ko for t in terms}
    assert "- **균등 분포** (uniform distribution) — :doc:`/chapter_builders-guide/model-construction`" in page
    assert "- Xavier initialization → **Xavier 초기화**" in page


def test_search_keywords_send_aliases_to_the_introducing_page():
    findings, intro = glossary.lint(CHAPTERS, GLOSSARY)
    words = glossary_page.keywords(glossary.load(GLOSSARY), intro)
    assert "글로럿" in words["chapter_builders-guide/init-param"]
    assert "매개변수" in words[intro["파라미터"][0]]


def test_a_broken_glossary_stops_the_build_naming_the_file(tmp_path):
    from tools import inputs
    from tools.sources import BuildError
    bad = tmp_path / "glossary.yml"
    bad.write_text("- ko: 균등 분포\n  english: uniform distribution\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"glossary\.yml: entry 1 .*needs ko and en"):
        glossary_page.write(CHAPTERS, str(tmp_path), lambda p, t: None, path=str(bad))
    bad.write_text("- ko: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"glossary\.yml: "):
        glossary_page.write(CHAPTERS, str(tmp_path), lambda p, t: None, path=str(bad))
    # and it is an input of the Sphinx step and of the whole build, so an edit rebuilds the page
    assert inputs.glossary()[0] in inputs.sphinx(["sphinx-build"], str(tmp_path), False)
    assert inputs.glossary()[0] in inputs.everything(["jax"], str(tmp_path), [], [str(tmp_path)], False)
