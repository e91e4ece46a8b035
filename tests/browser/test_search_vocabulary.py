"""Search understands the book's vocabulary (glossary.yml, theme/search_ko.py): a Korean
noun phrase typed without its spaces finds what the spaced phrase finds, English names
find their section in any case, and aliases find the section that introduces the term."""
import os

import pytest

from reading import ROOT
from test_reader import search
from tools import glossary

_, INTRO = glossary.lint(os.path.join(ROOT, "chapters"), os.path.join(ROOT, "glossary.yml"))


def page(term):
    """The html page of the section that introduces ``term``."""
    return INTRO[term][0] + ".html"


@pytest.mark.parametrize("query, term", [
    ("균등분포", "균등 분포"), ("지연초기화", "지연 초기화"), ("지연초기화를", "지연 초기화"),
    ("xavier", "Xavier 초기화"), ("Glorot", "Xavier 초기화"), ("GLOROT", "Xavier 초기화"),
    ("lazy initialization", "지연 초기화"), ("Lazy Initialization", "지연 초기화"),
    ("글로럿", "Xavier 초기화"), ("매개변수", "파라미터"), ("사용자정의레이어", "사용자 정의 레이어"),
])
def test_a_term_finds_the_section_that_introduces_it(searcher, site, query, term):
    hits = search(searcher, site, query)
    assert any(h.split("?")[0].endswith(page(term)) for h in hits), (query, page(term), hits)


@pytest.mark.parametrize("spaceless, spaced", [
    ("균등분포", "균등 분포"), ("지연초기화", "지연 초기화"), ("사용자정의레이어", "사용자 정의 레이어"),
])
def test_without_spaces_finds_what_the_spaced_phrase_finds(searcher, site, spaceless, spaced):
    def pages(q):
        return sorted(h.split("?")[0] for h in search(searcher, site, q))
    assert pages(spaced) and pages(spaceless) == pages(spaced)


@pytest.mark.parametrize("query", ["균등 분포", "지연 초기화", "가중치를 초기화하는", "파라미터 공유"])
def test_a_spaced_query_is_split_as_sphinx_splits_it(searcher, site, query):
    """The decompounding splitter leaves words the index knows alone, so a spaced query
    searches exactly as it did before (Sphinx's own split)."""
    search(searcher, site, query)  # the search page, with its index loaded
    ours, sphinx = searcher.execute_script(
        "return [splitQuery(arguments[0]), arguments[0].split(/[^\\p{Letter}\\p{Number}_]+/u).filter(w => w)]",
        query)
    assert ours == sphinx
