"""The maintainer's path, without building: the scaffold of a new section and its
refusals, the report's flags for claims missing in some tabs, failure output that shows
the assertion first, and Sphinx warnings told against the markdown."""
import os
import shutil
import subprocess
import sys

import pytest

from fixture_book import ROOT
from tools import claims, diagnostics, frameworks, scaffold, test_report

sys.path.insert(0, os.path.join(ROOT, "tests", "frameworks"))
from section import tab_cells  # noqa: E402

CHAPTER = "chapter_builders-guide"
TITLE = "활성화 함수 (Activation Functions)"


@pytest.fixture
def copy(tmp_path):
    """The book's sources and tests, without the build's folders."""
    for name in ("config.ini", "chapters", os.path.join("tests", "frameworks")):
        src, dst = os.path.join(ROOT, name), tmp_path / name
        if os.path.isdir(src):
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst)
    return tmp_path


def new_section(copy, *args):
    return subprocess.run([sys.executable, "-m", "tools.cli", "new-section", *args], cwd=copy,
                          env=dict(os.environ, PYTHONPATH=ROOT), capture_output=True, text=True)


def tree(folder):
    return sorted(os.path.relpath(os.path.join(b, f), folder) for b, _, fs in os.walk(folder) for f in fs)


@pytest.mark.parametrize("args, said", [
    (("chapter_nowhere/activation", TITLE), "no chapter 'chapter_nowhere' in chapters/; the chapters are:"),
    ((f"{CHAPTER}/init-param", TITLE), "chapters/chapter_builders-guide/init-param.md exists"),
    ((f"{CHAPTER}/Activation_fn", TITLE), "use lower-case letters, digits and single hyphens"),
    ((f"{CHAPTER}/activation", "활성화 함수"), "with the English one in parentheses"),
    (("activation", TITLE), "expected <chapter>/<name>"),
    ((f"{CHAPTER}/activation",), "usage: ./build.sh new-section"),
])
def test_scaffold_refuses_bad_input_and_writes_nothing(copy, args, said):
    before = tree(copy)
    proc = new_section(copy, *args)
    assert proc.returncode == 1 and said in proc.stderr, proc.stderr
    assert tree(copy) == before


def test_scaffold_writes_section_toc_and_one_claim_file_per_tab(copy):
    proc = new_section(copy, f"{CHAPTER}/activation", TITLE)
    assert proc.returncode == 0, proc.stderr
    md = copy / "chapters" / CHAPTER / "activation.md"
    text = md.read_text(encoding="utf-8")
    assert f"# {TITLE}\n:label:`sec_activation`\n" in text and "%load_ext d2lbook.tab" in text
    assert "d2l.set_seed(0)" in text and "d2l.get_key()" in text
    toc = (copy / "chapters" / CHAPTER / "index.md").read_text(encoding="utf-8")
    assert toc.split("```toc")[1].split("```")[0].strip().endswith("use-gpu\nactivation")
    for tab in scaffold.book_settings(copy)[1]:
        assert len(tab_cells(tab, str(md))) == 1  # one seeded first cell, in the tab's own idiom
        path = f"tests/frameworks/tab_{tab}/test_activation_claims.py"
        assert f"edit {path}" in (copy / path).read_text(encoding="utf-8")
    again = new_section(copy, f"{CHAPTER}/activation", TITLE)
    assert again.returncode == 1 and "activation.md exists" in again.stderr
    # the section parses as d2lbook markdown and its tabs are the book's
    from d2lbook import notebook
    nb = notebook.split_markdown_cell(notebook.read_markdown(text))
    assert {t for c in nb.cells for t in notebook.get_cell_tab(c)} <= {*frameworks.TABS, "all", ""}


def test_a_section_with_claims_in_one_tab_only_is_flagged(copy):
    tabs = list(frameworks.TABS)
    assert claims.flags(str(copy), "chapters", tabs) == []  # the book as it is
    assert new_section(copy, f"{CHAPTER}/activation", TITLE).returncode == 0
    for tab in ("mxnet", "tensorflow", "jax"):
        os.remove(copy / "tests" / "frameworks" / f"tab_{tab}" / "test_activation_claims.py")
    flagged = claims.flags(str(copy), "chapters", tabs)
    assert [f.split(":")[0] for f in flagged] == [f"FLAG activation [{t}]" for t in ("mxnet", "tensorflow", "jax")]
    assert "claims in: pytorch" in flagged[0] and "tests/frameworks/tab_mxnet/test_activation_claims.py" in flagged[0]
    (copy / claims.EXCUSES).write_text("activation mxnet,jax: the two tabs say nothing of their own here\n")
    assert [f.split(":")[0] for f in claims.flags(str(copy), "chapters", tabs)] == ["FLAG activation [tensorflow]"]


def test_a_failing_suite_shows_its_assertion_within_15_lines(tmp_path):
    test = tmp_path / "test_planted.py"
    test.write_text("import warnings\n\ndef test_one():\n    warnings.warn('old', DeprecationWarning)\n"
                    "    assert [1, 2] == [1, 3], 'the planted claim is false'\n\ndef test_two():\n    pass\n")
    report = tmp_path / "r.xml"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}",
                    str(test)], cwd=tmp_path, capture_output=True)
    shown = test_report.failures(str(report))
    assert len(shown) <= 15 and shown[0].startswith("  FAILED ") and shown[0].endswith("::test_one")
    assert any("AssertionError: the planted claim is false" in line for line in shown), shown
    assert not any("DeprecationWarning" in line for line in shown)


def test_sphinx_warning_is_told_against_the_markdown_line(tmp_path):
    (tmp_path / "src" / "ch").mkdir(parents=True)
    (tmp_path / "rst" / "ch").mkdir(parents=True)
    (tmp_path / "src" / "ch" / "a.md").write_text("# A\n:label:`sec_alpha`\n\n## B\n\nSee :numref:`sec_alhpa`.\n")
    (tmp_path / "rst" / "ch" / "a.rst").write_text("\n.. _sec_alpha:\n\nA\n=\n\n\nB\n-\n\n\nSee :numref:`sec_alhpa`.\n")
    rst = tmp_path / "rst" / "ch" / "a.rst"
    told = diagnostics.explain(f"{rst}:12: WARNING: undefined label: 'sec_alhpa'\n",
                               str(tmp_path / "rst"), str(tmp_path / "src"))
    assert told == [f"{tmp_path / 'src' / 'ch' / 'a.md'}:6: undefined label: 'sec_alhpa' "
                    f"(did you mean `sec_alpha`?)  [from {os.path.relpath(rst)}:12]"]


def test_duplicate_label_and_missing_image_are_found_in_the_markdown(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "rst").mkdir()
    (tmp_path / "src" / "a.md").write_text("# A\n:label:`sec_a`\n\n![P](../img/p.svg)\n\n## B\n:label:`sec_a`\n")
    rst = tmp_path / "rst" / "a.rst"
    rst.write_text(".. _sec_a:\n\nA\n=\n\n.. figure:: ../img/p.svg\n\n.. _sec_a:\n\nB\n-\n")
    told = diagnostics.explain(f'{rst}:8: WARNING: Duplicate explicit target name: "sec_a".\n'
                               f"{rst}:6: WARNING: image file not readable: ../img/p.svg\n",
                               str(tmp_path / "rst"), str(tmp_path / "src"))
    md = tmp_path / "src" / "a.md"
    assert [t.split(": ")[0] for t in told] == [f"{md}:7", f"{md}:4"]


def test_a_table_right_under_a_heading_label_is_named_at_its_line(tmp_path):
    """d2lbook would print "label:sec_x" as the table's caption; the build stops first."""
    from tools.sources import BuildError, check_heading_labels
    text = "# 표 (Table)\n:label:`sec_x`\n\n| a | b |\n| --- | --- |\n"
    with pytest.raises(BuildError, match=r"^page.md:4: the table right after the label of '표 \(Table\)'"):
        check_heading_labels("page.md", text)
    check_heading_labels("page.md", text.replace("\n\n|", "\n\n두 열입니다.\n\n|"))  # a sentence between: fine
    check_heading_labels("page.md", "```python\n# 주석\n:label:`x`\n|\n```\n")  # inside code: not prose
