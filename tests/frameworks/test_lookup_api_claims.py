"""Claims of "문서 찾기" (lookup-api.md) that every tab makes, run in each tab's own environment;
tab_<tab>/test_lookup_api_<tab>_claims.py adds its own."""
import ast
import contextlib
import inspect
import io

import numpy as np

from section import chapter, run_demo, Section
from shown import shown as shown_as

PATH = chapter("lookup-api")
DEMOS = ["imports", "dir", "help", "try"]


def run(fw, demo):
    return run_demo(fw.tab, PATH, DEMOS, demo)


def helped(sec):
    """The object whose help text the section's help cell shows."""
    calls = [n for n in ast.walk(ast.parse(sec.cells[DEMOS.index("help")]))
             if isinstance(n, ast.Call) and getattr(n.func, "attr", None) == "render_doc"]
    assert len(calls) == 1
    return eval(ast.unparse(calls[0].args[0]), sec.ns)


def test_every_demo_is_in_the_tab(fw):
    assert len(Section(fw.tab, PATH).cells) == len(DEMOS)


def test_dir_lists_the_public_names_in_order_with_the_ones_named(fw):
    sec = run(fw, "dir")
    names = sec.ns["names"]
    assert names == sorted(names) and not any(n.startswith("_") for n in names)
    assert {"norm", "det", "inv", "eig"} <= set(names)
    assert sec.stdout[-1].splitlines()[0] == str(len(names))


def test_the_text_shown_is_what_help_prints(fw):
    sec = run(fw, "help")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        help(helped(sec))
    lines = printed.getvalue().rstrip("\n").splitlines()
    assert lines == sec.ns["lines"] and len(lines) > 10
    assert sec.stdout[-1].splitlines() == [str(len(lines)), *lines[:10]]


def test_help_shows_the_signature_and_the_docstring(fw):
    sec = run(fw, "help")
    shown_text, f = sec.stdout[-1], helped(sec)
    assert f.__name__ in shown_text.splitlines()[1] and f"{f.__name__}(" in shown_text
    first = next(line.strip() for line in inspect.getdoc(f).splitlines() if line.strip())
    assert first in shown_text


def test_ones_like_keeps_the_shape_and_fills_ones(fw):
    sec = run(fw, "try")
    got = shown_as(fw, sec, DEMOS, "try")
    assert got.shape == (2, 3) and (got == 1).all()
    assert np.asarray(got).dtype == np.float32


