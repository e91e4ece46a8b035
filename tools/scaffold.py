"""``./build.sh new-section <chapter>/<name> "제목 (Title)"``: a new section with
everything the book asks of one (README, "절 추가하기"):

* ``<source_dir>/<chapter>/<name>.md``: the tab-selection cell, the title and its label
  ``sec_<name>``, one seeded first cell per tab in that framework's own idiom (JAX: the
  book's key chain, ``d2l.set_seed`` and ``d2l.get_key``), and the discussion links;
* the name at the end of the chapter's ``toc`` block;
* ``tests/frameworks/tab_<tab>/test_<name>_claims.py`` per tab, whose placeholder test
  fails, naming the file, until the claims are written.

Nothing is written unless every check passes. Standard library only.
"""
import configparser
import glob
import os
import re

from tools import claims, frameworks

# the first cell of each tab: imports and a fixed seed, so nbval sees the same outputs
FIRST_CELL = {
    "mxnet": "from mxnet import np, npx\nfrom mxnet.gluon import nn\nnpx.set_np()\n"
             "npx.random.seed(0)  # 같은 난수를 다시 얻도록 시드를 고정합니다",
    "pytorch": "import torch\nfrom torch import nn\n"
               "_ = torch.manual_seed(0)  # 같은 난수를 다시 얻도록 시드를 고정합니다",
    "tensorflow": "import tensorflow as tf\n"
                  "tf.keras.utils.set_random_seed(0)  # Python, NumPy, TensorFlow의 시드를 한 번에 고정합니다",
    "jax": "from d2l import jax as d2l\nfrom flax import linen as nn\nimport jax\nfrom jax import numpy as jnp\n"
           "d2l.set_seed(0)  # 책의 키 사슬을 0에서 다시 시작합니다\n"
           "key = d2l.get_key()  # 난수가 필요할 때마다 d2l.get_key()로 새 키를 받습니다",
}
FORUM = "https://discuss.d2l.ai/"
TITLE = re.compile(r"\S.*\(\s*[A-Za-z][^()]*\)\s*$")
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ScaffoldError(ValueError):
    """Input the scaffold refuses; the message says why and what to do."""


def book_settings(root):
    config = configparser.ConfigParser()
    config.read(os.path.join(root, "config.ini"), encoding="utf-8")
    build = config["build"] if config.has_section("build") else {}
    tabs = [t.strip() for t in build.get("tabs", ",".join(frameworks.TABS)).split(",") if t.strip()]
    return build.get("source_dir", "."), tabs


def section_text(name, title, tabs):
    label = "sec_" + name.replace("-", "_")
    cells = "".join(f"```{{.python .input}}\n%%tab {tab}\n{FIRST_CELL[tab]}\n```\n\n" for tab in tabs)
    links = "\n".join(f":begin_tab:`{tab}`\n[토론]({FORUM})\n:end_tab:\n" for tab in tabs)
    return (f"```{{.python .input}}\n%load_ext d2lbook.tab\ntab.interact_select({tabs!r})\n```\n\n"
            f"# {title.strip()}\n:label:`{label}`\n\n"
            "이 절에서 무엇을 다루는지 여기에 씁니다.\n\n"
            f"{cells}"
            "## 요약 (Summary)\n\n* 이 절에서 배운 것을 한 줄씩 씁니다.\n\n"
            "## 연습 문제 (Exercises)\n\n1. 독자가 직접 해 볼 문제를 씁니다.\n\n"
            f"{links}")


def claims_text(name, title, tab, path):
    display = frameworks.TABLE[tab].display if tab in frameworks.TABLE else tab
    return f'''"""Claims the {display} tab of "{title}" makes, checked against the section's own code.

One test per sentence the section says of {display}, failing when the sentence is false
(README, "절 추가하기"); then delete test_write_the_claims."""
import pytest

from section import Section, chapter

PATH = chapter("{name}")
# the tab's code cells, in order, one name each
DEMOS = ["imports"]


def test_every_demo_is_in_the_tab():
    assert len(Section("{tab}", PATH).cells) == len(DEMOS)


def test_write_the_claims():
    pytest.fail("the claims of {name} [{tab}] are not written yet: edit {path}")
'''


def _toc_with(index_text, name):
    """The chapter index with ``name`` as the last entry of its toc block, or None."""
    m = re.search(r"^```toc[^\n]*\n(.*?)^```", index_text, re.M | re.S)
    if not m:
        return None
    return index_text[:m.end(1)] + name + "\n" + index_text[m.end(1):]


def _check(root, src_dir, target, title):
    """Every refusal, before anything is written; returns (chapter, name)."""
    if target.count("/") != 1:
        raise ScaffoldError(f"expected <chapter>/<name>, e.g. chapter_builders-guide/activation; got {target!r}")
    chapter, name = target.split("/")
    chapters = sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, src_dir, "*"))
                      if os.path.isdir(p))
    if chapter not in chapters:
        raise ScaffoldError(f"no chapter {chapter!r} in {src_dir}/; the chapters are: {', '.join(chapters)}")
    if not NAME.fullmatch(name):
        raise ScaffoldError(f"section name {name!r}: use lower-case letters, digits and single hyphens")
    if not TITLE.fullmatch(title or ""):
        raise ScaffoldError(f"title {title!r}: give the Korean title with the English one in parentheses, "
                            "e.g. \"활성화 함수 (Activation Functions)\"")
    taken = glob.glob(os.path.join(root, src_dir, "**", name + ".md"), recursive=True)
    if taken:
        raise ScaffoldError(f"{os.path.relpath(taken[0], root)} exists: section names are unique across "
                            "chapters (claim tests find a section by its name)")
    if not os.path.exists(os.path.join(root, src_dir, chapter, "index.md")):
        raise ScaffoldError(f"{src_dir}/{chapter}/index.md is missing: the chapter needs one with a toc block")
    return chapter, name


def plan(root, target, title):
    """{path: text} the new section writes; raises ScaffoldError on bad input."""
    src_dir, tabs = book_settings(root)
    chapter, name = _check(root, src_dir, target, title)
    index = os.path.join(src_dir, chapter, "index.md")
    with open(os.path.join(root, index), encoding="utf-8") as f:
        toc = _toc_with(f.read(), name)
    if toc is None:
        raise ScaffoldError(f"{index} has no ```toc block to list the section in")
    unknown = [t for t in tabs if t not in FIRST_CELL]
    if unknown:
        raise ScaffoldError(f"no first cell for tab(s) {', '.join(unknown)} (tools/scaffold.py FIRST_CELL)")
    files = {os.path.join(src_dir, chapter, name + ".md"): section_text(name, title, tabs), index: toc}
    stem = name.replace("-", "_")
    for tab in tabs:
        path = os.path.join(claims.FOLDER, f"tab_{tab}", f"test_{stem}_claims.py")
        if os.path.exists(os.path.join(root, path)):
            raise ScaffoldError(f"{path} exists already: move it away or pick another name")
        files[path] = claims_text(name, title.strip(), tab, path)
    return files


def main(args, root=".", say=print):
    if len(args) != 2:
        raise ScaffoldError('usage: ./build.sh new-section <chapter>/<name> "제목 (Title)"')
    files = plan(root, *args)
    for path, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(root, path)) or ".", exist_ok=True)
        with open(os.path.join(root, path), "w", encoding="utf-8") as f:
            f.write(text)
        say(f"[new-section] {'updated' if path.endswith('index.md') else 'wrote'} {path}")
    md = next(iter(files))
    say(f"\nNext: write {md}, then the claims in the files above (their placeholder test fails "
        "until then); './build.sh' builds it and './build.sh test' checks it.")
    return 0
