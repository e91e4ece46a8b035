"""The GitHub Actions workflow: valid, and built from the commands maintainers use."""
import configparser
import os
import re
import subprocess
import sys

import yaml

from fixture_book import ROOT
from tools.cli import COMMANDS

WORKFLOW = os.path.join(ROOT, ".github", "workflows", "book.yml")


def load():
    with open(WORKFLOW, encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_workflow_passes_the_github_workflow_schema():
    checker = os.path.join(os.path.dirname(sys.executable), "check-jsonschema")
    proc = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", WORKFLOW],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path):
    """The check above can fail: a job without runs-on or steps is rejected."""
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  eval:\n    strategy: {}\n")
    checker = os.path.join(os.path.dirname(sys.executable), "check-jsonschema")
    proc = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", str(broken)],
                          capture_output=True, text=True)
    assert proc.returncode != 0


def test_one_matrix_job_per_tab_then_one_html_job():
    config = configparser.ConfigParser()
    config.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    tabs = [t.strip() for t in config["build"]["tabs"].split(",")]
    jobs = load()["jobs"]
    assert jobs["eval"]["strategy"]["matrix"]["tab"] == tabs
    assert jobs["html"]["needs"] == "eval"


def run_lines(job):
    return [line for step in job["steps"] if "run" in step for line in step["run"].splitlines()]


def test_jobs_use_the_local_build_commands():
    jobs = load()["jobs"]
    assert "./build.sh eval ${{ matrix.tab }}" in run_lines(jobs["eval"])
    assert "./build.sh html" in run_lines(jobs["html"])
    for job in jobs.values():
        for line in run_lines(job):
            m = re.match(r"\s*\./build\.sh (\w+)", line)
            if m:
                assert m.group(1) in COMMANDS


def test_notebook_cache_key_covers_what_invalidates_a_notebook():
    step = next(s for s in load()["jobs"]["eval"]["steps"] if s.get("name") == "Cache the evaluated notebooks")
    key = step["with"]["key"]
    for needed in ("chapters/**/*.md", "d2l/{0}.py", "requirements/{0}.txt", "requirements/kernel.txt",
                   "config.ini", "matrix.tab"):
        assert needed in key, needed
