"""The build's behaviour on a small book of its own: good input builds, bad input
stops the build with a message that names the file, the tab and the cell, and the
last good HTML book stays as it was."""
import json
import re
import sys
import textwrap

from fixture_book import SECTION, run_build, tree_digest

def test_good_book_builds_html_and_notebooks(built_book):
    html = (built_book / "_build" / "html" / "sec.html").read_text()
    assert "mdl-tabs__tab" in html and ">pytorch<" in html and ">jax<" in html
    text = re.sub(r"<[^>]+>", "", html)  # outputs are syntax-highlighted, token by token
    assert "Text for PyTorch." in text and "42" in text and "[0, 1, 4, 9]" in text
    for tab, output in (("pytorch", "42\n"), ("jax", "[0, 1, 4, 9]\n")):
        nb = json.loads((built_book / "_build" / "notebooks" / tab / "sec.ipynb").read_text())
        assert nb["metadata"]["kernelspec"]["name"] == f"d2l-{tab}"
        outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
        assert ["".join(o["text"]) for o in outputs] == [output]
    # tabs without code in this section get no notebook
    assert not (built_book / "_build" / "notebooks" / "mxnet" / "sec.ipynb").exists()


def test_unchanged_book_is_not_evaluated_again(book):
    proc = run_build(book)
    assert proc.returncode == 0, proc.stderr
    assert "nothing changed since the last build" in proc.stdout
    assert ": ran " not in proc.stdout and "running Sphinx" not in proc.stdout


def assert_failed(book, digest, proc, *expected):
    """The build stopped, said each of ``expected``, and left the HTML book as it was."""
    assert proc.returncode != 0, proc.stdout
    for text in expected:
        assert text in proc.stderr, f"{text!r} not in:\n{proc.stderr}"
    assert "NameError" not in proc.stderr
    assert tree_digest(book / "_build" / "html") == digest


def _break(book, old, new):
    path = book / SECTION
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_unknown_tab_in_code_cell(book):
    digest = tree_digest(book / "_build" / "html")
    _break(book, "%%tab jax\ny = [", "%%tab jaxx\ny = [")
    assert_failed(book, digest, run_build(book),
                  SECTION, "unknown tab 'jaxx'", '"y = [i * i for i in range(4)]"')


def test_unknown_tab_in_text_block(book):
    digest = tree_digest(book / "_build" / "html")
    _break(book, ":begin_tab:`jax`", ":begin_tab:`tf`")
    assert_failed(book, digest, run_build(book), SECTION, "unknown tab 'tf'", "Text for JAX.")


def test_unclosed_tab_block(book):
    digest = tree_digest(book / "_build" / "html")
    _break(book, "Text for JAX.\n:end_tab:", "Text for JAX.")
    assert_failed(book, digest, run_build(book), f"{SECTION}:", "never closed")


def test_failing_cell_names_file_tab_cell_and_original_exception(book):
    digest = tree_digest(book / "_build" / "html")
    # x is defined in the failing cell: running on would end in a NameError at print(x)
    _break(book, "x = 6 * 7", "x = 6 / 0")
    assert_failed(book, digest, run_build(book),
                  SECTION, "[pytorch]", '"x = 6 / 0"', "ZeroDivisionError: division by zero")


def test_failing_cell_gives_its_markdown_line_and_block(book):
    """The JAX tab's first cell is the file's second code block, at line 8."""
    digest = tree_digest(book / "_build" / "html")
    _break(book, "y = [i * i for", "y = [i // 0 for")
    assert_failed(book, digest, run_build(book), f"{SECTION}:8 [jax]: code block 2 of 4 in the file "
                  "(code cell 1 of the jax tab)", "ZeroDivisionError")


def test_missing_environment(book, tmp_path):
    empty = tmp_path / "no-envs"
    empty.mkdir()
    digest = tree_digest(book / "_build" / "html")
    proc = run_build(book, "--tabs", "pytorch", env={"D2L_ENVS_DIR": str(empty)})
    assert_failed(book, digest, proc, "environment for 'pytorch' is missing", "./build.sh setup")


def _fake_env(envs_dir, tab, script):
    """An environment whose python is the given shell script, with a stamp and a kernel."""
    from tools import envs
    bin_dir = envs_dir / tab / "bin"
    bin_dir.mkdir(parents=True)
    (envs_dir / tab / ".d2l-stamp").write_text("fake\n")
    python = bin_dir / "python"
    python.write_text("#!/bin/sh\n" + textwrap.dedent(script))
    python.chmod(0o755)
    spec = envs_dir / "jupyter" / "kernels" / envs.kernel_name(tab)
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
         "display_name": "fake", "language": "python"}))


def test_broken_environment_python_does_not_run(book, tmp_path):
    envs_dir = tmp_path / "envs"
    _fake_env(envs_dir, "pytorch", "exit 1\n")
    digest = tree_digest(book / "_build" / "html")
    proc = run_build(book, "--tabs", "pytorch", env={"D2L_ENVS_DIR": str(envs_dir)})
    assert_failed(book, digest, proc, "environment for 'pytorch' is broken")


def test_broken_environment_kernel_does_not_start(book, tmp_path):
    envs_dir = tmp_path / "envs"
    # answers the version check, but cannot start a kernel (as without ipykernel)
    _fake_env(envs_dir, "pytorch", f"""\
        if [ "$1" = "-c" ]; then exec {sys.executable} "$@"; fi
        echo "No module named ipykernel_launcher" >&2; exit 1
        """)
    _break(book, "x = 6 * 7", "x = 6 * 7  # edited, so the cached outputs no longer apply")
    digest = tree_digest(book / "_build" / "html")
    proc = run_build(book, "--tabs", "pytorch", env={"D2L_ENVS_DIR": str(envs_dir)})
    assert_failed(book, digest, proc, SECTION, "[pytorch]", "kernel d2l-pytorch failed")


def test_unresolved_reference_fails_the_build(book):
    """With warning_is_error (as the real book's config.ini sets it), a :numref: to a
    label that does not exist stops the build, and the last good book stays."""
    with open(book / "config.ini", "a") as f:
        f.write("warning_is_error = True\n")
    _break(book, "# A section\n", "# A section\n:label:`sec_a_section`\n\nSee :numref:`sec_a_sectoin`.\n")
    digest = tree_digest(book / "_build" / "html")
    proc = run_build(book)
    assert proc.returncode != 0
    assert "Sphinx failed" in proc.stderr and "sec_a_sectoin" in proc.stderr, proc.stderr
    # told against the markdown line, with the label meant, before Sphinx's own words
    told = f"error: {SECTION}:4: undefined label: 'sec_a_sectoin' (did you mean `sec_a_section`?)"
    assert proc.stderr.strip().startswith(told), proc.stderr
    assert "pkg_resources" not in proc.stderr
    assert tree_digest(book / "_build" / "html") == digest


def test_kernel_that_dies_names_the_cell_and_shows_its_own_last_words(book):
    """A crash below Python (the process exits) stops the build with the kernel's stderr."""
    digest = tree_digest(book / "_build" / "html")
    _break(book, "x = 6 * 7", "import os\nos.write(2, b'native library gave up\\n')\nos._exit(3)")
    assert_failed(book, digest, run_build(book), SECTION, "[pytorch]", "code cell 1", '"import os"',
                  "did not finish", "native library gave up")
