"""A maintainer's new section, end to end, in a copy of the book that git knows nothing
of: ``./build.sh new-section`` writes it, the build runs its notebooks, its placeholder
claims fail naming the file to edit, and with the claims written every test of the
section passes (nbval of its notebooks, its claims in every tab's own environment).

The copy reuses the checkout's stored results and Sphinx's work folder, so only the new
section's notebooks run and only its page and its chapter's are read again."""
import os
import shutil
import subprocess
import sys

import pytest

from fixture_book import ROOT
from tools import envs, frameworks

NAME, CHAPTER = "seeded-start", "chapter_builders-guide"
TABS = frameworks.TABS
# what the scaffold's first cell says (its comment): a second run draws the same numbers
DRAW = {"mxnet": "np.random.uniform(size=3).asnumpy()", "pytorch": "torch.rand(3).numpy()",
        "tensorflow": "tf.random.uniform([3]).numpy()", "jax": "jax.random.uniform(key, (3,))"}
CLAIM = '''

def test_the_first_cell_fixes_the_random_numbers():
    draws = []
    for _ in range(2):
        sec = Section("{tab}", PATH)
        sec.run_through(DEMOS.index("imports"))
        draws.append([float(x) for x in eval("{draw}", sec.ns)])
    assert draws[0] == draws[1] and len(set(draws[0])) == 3
'''


def run(copy, *args, python=sys.executable, env=None):
    environ = dict(os.environ, D2L_ENVS_DIR=envs.envs_dir(), D2L_CHROMIUM="/nonexistent/chromium", **(env or {}))
    return subprocess.run([python, *args], cwd=copy, env=environ, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("maintainer") / "book"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.splitlines()
    for name in files:
        if os.path.isfile(os.path.join(ROOT, name)):
            os.makedirs(os.path.dirname(copy / name), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), copy / name)
    # the checkout's results, Sphinx's work and the wheel: the old sections neither run nor
    # render again, and the unchanged helper package is not built again
    for stored in ("cache", "notebooks", "merged", "rst_all", "sphinx", "stamps", "dist"):
        if os.path.isdir(os.path.join(ROOT, "_build", stored)):
            try:
                shutil.copytree(os.path.join(ROOT, "_build", stored), copy / "_build" / stored, symlinks=True)
            except shutil.Error:  # an entry another suite evicted meanwhile: that notebook runs again
                pass
    proc = run(copy, "-m", "tools.cli", "new-section", f"{CHAPTER}/{NAME}", "시드 고정 (Fixed Seeds)")
    assert proc.returncode == 0, proc.stderr
    proc = run(copy, "-m", "tools.book", "build", "--no-setup")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert all(f"{CHAPTER}/{NAME} [{tab}]: ran 1 cells" in proc.stdout for tab in TABS), proc.stdout
    return copy


def claims(copy, tab):
    """The new section's claims in the tab's own environment, as ./build.sh test runs them."""
    path = f"tests/frameworks/tab_{tab}/test_{NAME.replace('-', '_')}_claims.py"
    return path, run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", path, python=envs.env_python(tab),
                     env={"D2L_TAB": tab, **envs.kernel_env(tab, str(copy))})


def test_placeholder_claims_fail_naming_the_file_then_pass_when_written(copy):
    # the placeholder is one template for every tab: it is run failing in the first tab only
    for tab in TABS:
        path = f"tests/frameworks/tab_{tab}/test_{NAME.replace('-', '_')}_claims.py"
        if tab == TABS[0]:
            path, proc = claims(copy, tab)
            assert proc.returncode == 1, proc.stdout
            assert f"the claims of {NAME} [{tab}] are not written yet: edit {path}" in proc.stdout, proc.stdout
        text = (copy / path).read_text(encoding="utf-8")
        assert f"edit {path}" in text
        placeholder = text[text.index("\n\ndef test_write_the_claims"):]
        (copy / path).write_text(text.replace(placeholder, CLAIM.format(tab=tab, draw=DRAW[tab])), encoding="utf-8")
        path, proc = claims(copy, tab)
        assert proc.returncode == 0 and "2 passed" in proc.stdout, proc.stdout


def test_the_new_notebooks_pass_nbval(copy):
    notebooks = [f"_build/notebooks/{tab}/{CHAPTER}/{NAME}.ipynb" for tab in TABS]
    proc = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", *notebooks,
               env={"JUPYTER_PATH": envs.jupyter_path()})
    assert proc.returncode == 0 and "4 passed" in proc.stdout, proc.stdout
