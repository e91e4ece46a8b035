"""The rst step converts a section's markdown cells in one pandoc process (pandoc's server
mode, tools/rendering.py) instead of one per cell: each text must come out exactly as
nbconvert's own pandoc call gives it, and texts where the two differ (wide tables) must be
left to nbconvert."""
import pytest

from tools import rendering
from tools.book import use_bundled_pandoc

TEXTS = [
    "한 문단이 일흔두 글자를 넘으면 pandoc이 줄을 바꿉니다. 이 문장은 그 경계를 넘도록 일부러 길게 "
    "썼으며, 중간에 *기울임*과 **굵은 글씨**, 그리고 `inline_code()`를 섞었습니다.",
    "## 소제목 (A Heading)\n\n본문 한 줄과 [바깥 링크](https://example.org/path_with_underscores).",
    "- 첫째 항목\n- 둘째 항목\n  - 안쪽 항목 $x_i^2$\n\n1. 번호 하나\n2. 번호 둘",
    "수식 블록:\n\n$$\\frac{\\partial f}{\\partial x} = 2x$$\n:eqlabel:`eq_bench_square`\n",
    "```python\nfor i in range(3):\n    print(i)\n```\n",
    "> 인용문 안의 `코드`와 :numref:`sec_bench_demo` 참조.\n",
    "\n:label:`sec_bench_demo`\n",
    "[가중치 초기화]를 보세요.",  # the heading is in another text: no link, each is converted alone
    "# 가중치 초기화\n\n본문.",
]
# a pipe table whose rows are wider than its separator line: pandoc sizes the columns
WIDE_TABLE = ("| 표기 | 읽는 법 |\n| --- | --- |\n| $y$ | 출력(output) 하나, 보통 글꼴로 쓰는 작은 글자 |\n"
              "| $\\mathbf{w}$ | 가중치(weight) 벡터. 굵은 글꼴의 소문자로 쓰고 세로로 세운다 |\n")


@pytest.fixture(scope="module")
def one_by_one():
    use_bundled_pandoc()  # as the build does
    from nbconvert.filters import pandoc
    return lambda text: pandoc.pandoc(text, "markdown", "rst")


def test_one_pandoc_process_converts_each_text_as_a_pandoc_per_text_does(one_by_one):
    batch = rendering._pandoc_server(TEXTS)
    assert set(batch) == set(TEXTS)
    assert {t: batch[t] for t in TEXTS} == {t: one_by_one(t) for t in TEXTS}


def test_wide_tables_are_left_to_a_pandoc_of_their_own(one_by_one):
    # the reason: the server sizes its columns for fewer characters (a grid table 72 wide, not 73)
    assert rendering._pandoc_server([WIDE_TABLE])[WIDE_TABLE] != one_by_one(WIDE_TABLE)
    assert rendering._TABLE.search(WIDE_TABLE) and not any(rendering._TABLE.search(t) for t in TEXTS)
