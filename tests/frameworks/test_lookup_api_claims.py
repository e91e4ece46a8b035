"""Claims of "문서 찾기" (lookup-api.md) that every tab makes, run in each tab's own environment;
tab_<tab>/test_lookup_api_<tab>_claims.py adds its own."""
import ast
import inspect

import numpy as np

from section import chapter, run_demo, Section
from shown import shown as shown_as

PATH = chapter("lookup-api")
DEMOS = ["imports", "dir", "help", "try"]


def run(fw, demo):
    return run_demo(fw.tab, PATH, DEMOS, demo)


def helped(sec):
    """The object the section's help cell asks about."""
    call = ast.parse(sec.cells[DEMOS.index("help")]).body[-1].value
    assert isinstance(call, ast.Call) and call.func.id == "help"
    return eval(ast.unparse(call.args[0]), sec.ns)


def test_every_demo_is_in_the_tab(fw):
    assert len(Section(fw.tab, PATH).cells) == len(DEMOS)


def test_dir_lists_the_public_names_in_order_with_the_ones_named(fw):
    sec = run(fw, "dir")
    names = sec.ns["names"]
    assert names == sorted(names) and not any(n.startswith("_") for n in names)
    assert {"norm", "det", "inv", "eig"} <= set(names)
    assert sec.stdout[-1].splitlines()[0] == str(len(names))


def test_help_shows_the_signature_and_the_docstring(fw):
    sec = run(fw, "help")
    shown_text, f = sec.stdout[-1], helped(sec)
    assert f.__name__ in shown_text.splitlines()[0] and f"{f.__name__}(" in shown_text
    first = next(line.strip() for line in inspect.getdoc(f).splitlines() if line.strip())
    assert first in shown_text


def test_ones_like_keeps_the_shape_and_fills_ones(fw):
    sec = run(fw, "try")
    got = shown_as(fw, sec, DEMOS, "try")
    assert got.shape == (2, 3) and (got == 1).all()
    assert np.asarray(got).dtype == np.float32


