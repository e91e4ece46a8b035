"""The helper wheel is fit for PyPI: its licence, dependencies, links and learners' page
are declared, twine and check-wheel-contents accept it, and its files are the book's."""
import ast
import configparser
import email
import glob
import os
import re
import shutil
import subprocess
import sys
import zipfile

from fixture_book import ROOT
from tools import colab, inputs

BIN = os.path.dirname(sys.executable)


def wheel():
    path = os.path.join(ROOT, colab.wheel_path())
    assert os.path.exists(path), "the build makes the wheel (_build/dist)"
    return path


def metadata(path):
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_string(z.read(name).decode("utf-8"))


def test_twine_check_strict_passes():
    proc = subprocess.run([os.path.join(BIN, "twine"), "check", "--strict", wheel()], capture_output=True, text=True)
    assert proc.returncode == 0 and "PASSED" in proc.stdout, proc.stdout + proc.stderr


def test_twine_check_strict_fails_a_wheel_whose_page_has_no_content_type(tmp_path):
    """The check above can fail: without its content type, PyPI would read the Markdown page as reStructuredText."""
    broken = tmp_path / os.path.basename(wheel())
    with zipfile.ZipFile(wheel()) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("/METADATA"):
                data = re.sub(rb"Description-Content-Type: [^\n]*\n", b"", data)
            dst.writestr(item, data)
    proc = subprocess.run([os.path.join(BIN, "twine"), "check", "--strict", str(broken)], capture_output=True, text=True)
    assert proc.returncode != 0, proc.stdout


def test_check_wheel_contents_passes():
    # reads [tool.check-wheel-contents] of pyproject.toml: the two top-level names on purpose
    proc = subprocess.run([os.path.join(BIN, "check-wheel-contents"), wheel()], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("OK"), proc.stdout + proc.stderr


def test_the_wheel_holds_the_helpers_the_check_and_the_code_licence():
    with zipfile.ZipFile(wheel()) as z:
        names = set(z.namelist())
    ours = {os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "d2l*", "*.py"))}
    assert {n for n in names if not n.startswith("d2l_ko-")} == ours and "d2l_ko/__init__.py" in ours
    # no file at the top of site-packages: uninstalling one, which every Colab notebook's
    # --force-reinstall does, makes pip walk all of site-packages (0.4 s here, more on Colab)
    assert all("/" in n for n in names), sorted(names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_licence_links_and_learners_page_are_declared():
    meta = metadata(wheel())
    assert meta["License-Expression"] == "MIT-0" and meta.get_all("License-File") == ["LICENSE"]
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    repo = parser["notebooks"]["colab_repo"]
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert urls["Source"] == f"https://github.com/{repo}" and urls["Issues"].startswith(urls["Source"])
    assert "Natural Language :: Korean" in meta.get_all("Classifier")
    page = meta.get_payload()
    assert meta["Description-Content-Type"] == "text/markdown"
    assert re.search(r"[가-힣]", page) and "Helper package" in page  # Korean, with an English line
    assert "./build.sh" not in page  # the learners' page, not the maintainers' README


def test_numpy_is_an_unpinned_dependency_because_every_module_uses_it():
    assert metadata(wheel()).get_all("Requires-Dist") == ["numpy"]

    def imports(path):
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        return {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | \
            {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}

    assert "numpy" in imports(os.path.join(ROOT, "d2l", "_seeding.py"))
    for module in ("torch", "tensorflow", "jax", "mxnet"):  # each framework module seeds through it
        assert "d2l._seeding" in imports(os.path.join(ROOT, "d2l", f"{module}.py")), module


def test_the_licences_are_in_the_checkout():
    with open(os.path.join(ROOT, "LICENSE"), encoding="utf-8") as f:
        assert f.readline().strip() == "MIT No Attribution"
    with open(os.path.join(ROOT, "LICENSE-text"), encoding="utf-8") as f:
        text = f.read()
    assert "Creative Commons Attribution-ShareAlike 4.0 International Public License" in text


def test_two_builds_of_the_same_sources_make_the_same_wheel_whatever_the_files_dates(tmp_path):
    """What the build runs (colab.wheel_command) on two copies of the wheel's inputs, one dated
    2020 and one 2023, as two clones made years apart would be: byte for byte the same wheel."""
    made = []
    for n, date in enumerate((1_600_000_000, 1_700_000_000)):
        source = tmp_path / f"copy{n}"
        for item in inputs.wheel():
            if item == inputs.File(inputs.lock_file("book")):
                continue  # which setuptools runs, not a file of the wheel
            path = getattr(item, "folder", None) or item.path
            copy = shutil.copytree if os.path.isdir(path) else shutil.copy2
            copy(path, source / os.path.relpath(path, ROOT))
        for base, _, files in os.walk(source):
            for name in files:
                os.utime(os.path.join(base, name), (date, date))
        proc = subprocess.run(colab.wheel_command(str(source), str(tmp_path / f"out{n}")), capture_output=True,
                              text=True, env=dict(os.environ, **colab.REPRODUCIBLE))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        made.append((tmp_path / f"out{n}" / os.path.basename(colab.wheel_path())).read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(tmp_path / "out0" / os.path.basename(colab.wheel_path())) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(1980, 1, 1)}  # not the files' dates
