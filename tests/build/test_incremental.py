"""Exact invalidation and robustness of the build.

A notebook is evaluated again only when one of its inputs changes (tools/inputs.py):
its tab's code cells, the d2l modules its tab imports, the tab's lock, or the build
configuration. An interrupted or corrupted build leaves nothing that a later build
takes for a finished result, and the published book stays readable throughout.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from fixture_book import GOOD, ROOT, SECTION, run_build, tree_digest
from tools import envs, evaluation, frameworks, inputs, publishing, sources


# The fixture section, with code in every tab as well, so that key tests see all four.
ALL_TABS = GOOD + "".join(f"""
```{{.python .input}}
%%tab {tab}
z = {i}
```
""" for i, tab in enumerate(frameworks.TABS))


@pytest.fixture
def keys(tmp_path, monkeypatch):
    """eval_key of every tab for a section with code in all of them, against a private
    copy of the repository's d2l/ and requirements/ (so the tests can edit them)."""
    repo = tmp_path / "repo"
    for folder in ("d2l", "requirements"):
        shutil.copytree(os.path.join(ROOT, folder), repo / folder)
    shutil.copy(os.path.join(ROOT, "requirements.txt"), repo)
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    from fixture_book import CONFIG, INDEX
    (book / "config.ini").write_text(CONFIG)
    (book / "chapters" / "index.md").write_text(INDEX)
    (book / SECTION).write_text(ALL_TABS)
    monkeypatch.setattr(envs, "ROOT", str(repo))
    monkeypatch.setattr(inputs, "ROOT", str(repo))
    monkeypatch.chdir(book)

    def compute():
        b = sources.Book()
        return {tab: evaluation.eval_key(tab, b.tab_notebook("sec", tab)) for tab in b.tabs}

    compute.repo, compute.book = repo, book
    return compute


def changed(before, after):
    return sorted(t for t in before if before[t] != after[t])


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_prose_change_invalidates_nothing(keys):
    before = keys()
    edit(keys.book / SECTION, "Text for JAX.", "Text for JAX, reworded.")
    edit(keys.book / SECTION, "# A section", "# A section\n\nA new paragraph.")
    assert changed(before, keys()) == []


def test_code_change_invalidates_only_its_tab(keys):
    before = keys()
    edit(keys.book / SECTION, "x = 6 * 7", "x = 7 * 6")
    assert changed(before, keys()) == ["pytorch"]


def append(path, text="\n# edited\n"):
    with open(path, "a") as f:
        f.write(text)


@pytest.mark.parametrize("tab", frameworks.TABS)
def test_d2l_module_change_invalidates_only_its_framework(keys, tab):
    """d2l/<module>.py, the module frameworks.py names for the tab (d2l/torch.py for pytorch)."""
    before = keys()
    append(keys.repo / "d2l" / f"{frameworks.TABLE[tab].module}.py")
    assert changed(before, keys()) == [tab]


@pytest.mark.parametrize("name", ["_seeding.py", "__init__.py", "_runtime.py", "_new_helper.py"])
def test_shared_d2l_file_invalidates_every_framework(keys, name):
    """What every module imports (and a new shared file) is an input of every tab."""
    before = keys()
    append(keys.repo / "d2l" / name)
    assert changed(before, keys()) == sorted(frameworks.TABS)


@pytest.mark.parametrize("tab", frameworks.TABS)
def test_lock_invalidates_its_framework(keys, tab):
    """Outputs depend on every installed package: the lock, not the top-level file."""
    before = keys()
    append(keys.repo / "requirements" / "lock" / f"{tab}.txt")
    assert changed(before, keys()) == [tab]
    before = keys()
    append(keys.repo / "requirements" / f"{tab}.txt")  # not installed until locked
    assert changed(before, keys()) == []


def test_build_configuration_invalidates_everything(keys):
    before = keys()
    append(keys.book / "config.ini")
    assert changed(before, keys()) == sorted(frameworks.TABS)


def test_prose_edit_rebuilds_html_without_running_notebooks(book):
    edit(book / SECTION, "Text for PyTorch.", "Text for PyTorch, now reworded.")
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert "0 to run, 2 unchanged" in proc.stdout and "running Sphinx" in proc.stdout
    assert "now reworded" in (book / "_build" / "html" / "sec.html").read_text()


def _outputs(notebook):
    nb = json.loads(notebook.read_text())
    return ["".join(o["text"]) for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def test_deleted_notebook_comes_back_from_the_store_or_is_evaluated_again(book):
    shutil.rmtree(book / "_build" / "made")  # the published copy's kept notebooks would put it back (test_cache)
    notebook = book / "_build" / "notebooks" / "jax" / "sec.ipynb"
    notebook.unlink()
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert "0 to run, 2 unchanged" in proc.stdout and _outputs(notebook) == ["[0, 1, 4, 9]\n"]
    notebook.unlink()
    shutil.rmtree(book / "_build" / "made")
    shutil.rmtree(book / "_build" / "cache" / "jax")  # and no stored result either
    proc = run_build(book)
    assert "1 to run, 1 unchanged" in proc.stdout and "sec [jax]: ran" in proc.stdout
    assert _outputs(notebook) == ["[0, 1, 4, 9]\n"]


def test_deleted_colab_notebooks_are_made_again(book):
    colab = book / "_build" / "colab"
    before = (colab / "jax" / "sec.ipynb").read_bytes()
    shutil.rmtree(colab)
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert "nothing changed" not in proc.stdout and "[eval] sec" not in proc.stdout, proc.stdout
    assert (colab / "jax" / "sec.ipynb").read_bytes() == before


def test_corrupted_notebook_is_not_taken_for_a_result(book):
    shutil.rmtree(book / "_build" / "made")  # the published copy's kept notebooks would put it back (test_cache)
    notebook = book / "_build" / "notebooks" / "pytorch" / "sec.ipynb"
    notebook.write_text(notebook.read_text()[:200])  # a torn write
    shutil.rmtree(book / "_build" / "cache" / "pytorch")
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert "1 to run, 1 unchanged" in proc.stdout and "sec [pytorch]: ran" in proc.stdout
    assert json.loads(notebook.read_text())["metadata"]["kernelspec"]["name"] == "d2l-pytorch"


def test_notebook_with_a_stale_key_is_not_taken_for_a_result(book):
    """Outputs are reused only under their own key: a notebook whose recorded key differs
    is replaced by the stored result for the current key (here there is one: no run)."""
    notebook = book / "_build" / "notebooks" / "jax" / "sec.ipynb"
    nb = json.loads(notebook.read_text())
    nb["metadata"]["d2l"]["key"] = "0" * 64
    nb["cells"][1]["outputs"] = []
    notebook.write_text(json.dumps(nb))
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert ": ran" not in proc.stdout and _outputs(notebook) == ["[0, 1, 4, 9]\n"]
    assert json.loads(notebook.read_text())["metadata"]["d2l"]["key"] != "0" * 64


def _start_build(book):
    return subprocess.Popen([sys.executable, "-m", "tools.book", "build", "--no-setup"], cwd=book,
                            env=dict(os.environ, PYTHONPATH=ROOT), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _processes_in(folder):
    """Processes whose working directory is inside ``folder`` (a kernel runs in the notebook's)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink(f"/proc/{pid}/cwd").startswith(str(folder) + os.sep):
                found.append(int(pid))
        except OSError:
            pass
    return found


def _wait_for(path, seconds=120):
    deadline = time.time() + seconds
    while not os.path.exists(path):
        assert time.time() < deadline, f"{path} never appeared"
        time.sleep(0.2)


def test_killed_evaluation_leaves_no_result_and_the_book_readable(book):
    digest = tree_digest(book / "_build" / "html")
    notebook = book / "_build" / "notebooks" / "pytorch" / "sec.ipynb"
    old_notebook = notebook.read_text()
    marker = book / "cell-started"
    edit(book / SECTION, "x = 6 * 7", f"open({str(marker)!r}, 'w').close()\nimport time; time.sleep(600)\nx = 6 * 7")
    proc = _start_build(book)
    try:
        _wait_for(marker)  # the kernel is inside the cell now
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the build and everything it started
        proc.wait()
    assert tree_digest(book / "_build" / "html") == digest
    assert notebook.read_text() == old_notebook  # no half-written or premature notebook
    assert not [p for p in (book / "_build").rglob("*") if p.name.startswith(".tmp-")]
    # the kernel runs in its own session (so the kill above missed it) and must notice
    # that the build is gone and exit, rather than sleep on for ten minutes
    deadline = time.time() + 20
    while _processes_in(book) and time.time() < deadline:
        time.sleep(0.5)
    assert _processes_in(book) == []
    # the next build evaluates it (the edit changed the code) and publishes
    edit(book / SECTION, "import time; time.sleep(600)\n", "")
    done = run_build(book)
    assert done.returncode == 0, done.stderr
    assert "sec [pytorch]: ran" in done.stdout and tree_digest(book / "_build" / "html") != digest


def test_interrupted_sphinx_run_is_started_over(book):
    work = book / "_build" / "sphinx"
    (book / "_build" / "sphinx.incomplete").write_text("")  # as a kill during Sphinx leaves it
    (work / "html" / "sec.html").write_text("half-written page")
    edit(book / SECTION, "Text for JAX.", "Text for JAX, after the interruption.")
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    page = (book / "_build" / "html" / "sec.html").read_text()
    assert "after the interruption" in page and "half-written page" not in page
    assert not (book / "_build" / "sphinx.incomplete").exists()


def test_published_book_is_a_complete_snapshot(book):
    """_build/html is a link switched in one step to a complete copy; the copy records
    the inputs it was built from. The newest copies are kept (publishing.KEEP), older ones
    are removed after the switch."""
    link = book / "_build" / "html"
    assert link.is_symlink() and (link / publishing.INPUTS).exists()
    targets, text = [os.readlink(link)], "Text for JAX."
    for n in range(publishing.KEEP):
        edit(book / SECTION, text, f"Edit {n} of the text for JAX.")
        text = f"Edit {n} of the text for JAX."
        assert run_build(book).returncode == 0
        targets.append(os.readlink(link))
        assert text in (link / "sec.html").read_text()
    assert len(set(targets)) == len(targets)  # a new copy each time
    copies = sorted(p.name for p in (book / "_build").iterdir() if p.name.startswith("html-"))
    assert copies == sorted(targets[-publishing.KEEP:]), copies  # the oldest is gone


def test_the_books_own_words_reach_the_page_unchanged(book):
    """The interface is translated by the catalog and templates, never by rewriting pages:
    a sentence that happens to use the theme's English strings stays as written."""
    edit(book / SECTION, "Text for PyTorch.", "Text for PyTorch. The Table Of Contents lists Previous and Next.")
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    page = (book / "_build" / "html" / "sec.html").read_text()
    assert "The Table Of Contents lists Previous and Next." in page
    # the interface around it is Korean: the drawer's title (catalog), the link back (template)
    assert '<span class="mdl-layout-title toc">목차</span>' in page
    assert '<span class="pagenation-direction">이전</span>' in page


@pytest.mark.parametrize("path", ["theme/locale/ko/LC_MESSAGES/sphinx.po", "theme/templates/relations.html",
                                  "theme/static/favicon.svg", "d2l/_seeding.py"])
def test_every_file_of_the_theme_and_package_is_an_input_of_the_whole_build(tmp_path, monkeypatch, path):
    """A no-op build is decided by this digest: an edit to any of these must change it."""
    from tools import stamps
    for folder in ("theme", "d2l"):
        shutil.copytree(os.path.join(ROOT, folder), tmp_path / folder)
    monkeypatch.setattr(inputs, "ROOT", str(tmp_path))

    def digest():
        return stamps.digest(*inputs.everything(["jax"], str(tmp_path / "src"), [], [str(tmp_path / "nbs")], False))
    before = digest()
    append(tmp_path / path, "\n")
    assert digest() != before
