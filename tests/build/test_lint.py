"""pyflakes over the project's own Python code: unused imports, undefined names, …"""
import os
import subprocess
import sys

from fixture_book import ROOT


def test_pyflakes_finds_nothing():
    folders = [os.path.join(ROOT, f) for f in ("tools", "theme", "d2l", "tests", "bench")]
    proc = subprocess.run([sys.executable, "-m", "pyflakes", *folders], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
