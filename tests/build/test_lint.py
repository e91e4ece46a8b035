"""Lint of the project's own Python code: pyflakes (unused imports, undefined names, …)
and the shape the build keeps visible: one concern per module, each under 400 lines,
functions under 60 lines."""
import ast
import glob
import os
import subprocess
import sys

from fixture_book import ROOT

MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60


def test_pyflakes_finds_nothing():
    folders = [os.path.join(ROOT, f) for f in ("tools", "theme", "d2l", "tests", "bench")]
    proc = subprocess.run([sys.executable, "-m", "pyflakes", *folders], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def oversized(paths):
    """["path: N lines"] for modules, ["path:line name N lines"] for functions, over the limits."""
    found = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        if source.count("\n") > MAX_MODULE_LINES:
            found.append(f"{os.path.relpath(path, ROOT)}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{os.path.relpath(path, ROOT)}:{node.lineno} {node.name}: {length} lines")
    return found


def test_build_modules_and_functions_stay_small():
    assert oversized(sorted(glob.glob(os.path.join(ROOT, "tools", "*.py")) +
                            glob.glob(os.path.join(ROOT, "theme", "*.py")))) == []


def test_the_size_check_sees_a_long_function(tmp_path):
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "long.py").write_text("def long():\n" + body)
    assert [line.split(": ")[0].split(" ")[-1] for line in oversized([str(tmp_path / "long.py")])] == ["long"]
