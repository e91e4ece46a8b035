"""What the workflow publishes, and when: the book on GitHub Pages from main; the helper
wheel on PyPI from a release tag; the Colab notebooks only after PyPI serves the exact
helper version their first cell installs."""
import configparser
import copy
import os
import re
import subprocess

import yaml

from fixture_book import ROOT
from tools import colab

WORKFLOW = os.path.join(ROOT, ".github", "workflows", "book.yml")
MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
# an `if` with one of these runs a job even when a job it needs did not succeed
OVERRIDES = re.compile(r"\b(always|failure|cancelled)\(\)")


def load():
    with open(WORKFLOW, encoding="utf-8") as f:
        return yaml.safe_load(f)


def colab_branch():
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    return parser["notebooks"]["colab_branch"]


def needs(job):
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def ancestors(jobs, name):
    found = set()
    for need in needs(jobs[name]):
        found |= {need} | ancestors(jobs, need)
    return found


def uses(job, action):
    return [s for s in job.get("steps", []) if s.get("uses", "").startswith(action + "@")]


def colab_publish_problems(workflow, branch):
    """Every way the workflow could publish a Colab notebook before PyPI serves the helper
    version it installs; [] when there is none."""
    jobs = workflow["jobs"]
    pypi = {n for n, j in jobs.items() if uses(j, "pypa/gh-action-pypi-publish")}
    publishers = [n for n, j in jobs.items()
                  if any(s.get("with", {}).get("publish_branch") == branch for s in j.get("steps", []))]
    problems = [] if publishers else [f"no job publishes the Colab notebooks to '{branch}'"]
    if not pypi:
        problems.append("no job publishes the helper to PyPI")
    for name in publishers:
        job, before = jobs[name], ancestors(jobs, name)
        if not pypi & before:
            problems.append(f"{name} does not wait for the PyPI publish ({', '.join(sorted(pypi))})")
        for other in [name, *sorted(before)]:
            if OVERRIDES.search(str(jobs[other].get("if", ""))):
                problems.append(f"{other} runs even when a job it needs failed: {jobs[other]['if']}")
        if "startsWith(github.ref, 'refs/tags/v')" not in str(job.get("if", "")):
            problems.append(f"{name} is not limited to release tags: {job.get('if')}")
        steps = job["steps"]
        wait = [i for i, s in enumerate(steps) if "pip download" in s.get("run", "") and "d2l-ko==" in s["run"]]
        push = [i for i, s in enumerate(steps) if s.get("with", {}).get("publish_branch") == branch]
        if not wait or wait[0] > push[0]:
            problems.append(f"{name} does not ask PyPI for the notebooks' d2l-ko==<version> before it publishes")
    return problems


def test_colab_notebooks_go_out_only_after_pypi_serves_their_helper():
    assert colab_publish_problems(load(), colab_branch()) == []


def test_the_check_rejects_a_graph_that_publishes_colab_from_main():
    """The graph before this rule: the notebooks went out on every push to main, naming a
    version PyPI did not have yet."""
    workflow = load()
    job = workflow["jobs"]["publish-colab"]
    job["needs"], job["if"] = "colab", MAIN_PUSH + " && github.repository == 'd2l-ko/d2l-ko'"
    problems = colab_publish_problems(workflow, colab_branch())
    assert any("does not wait for the PyPI publish" in p for p in problems)
    assert any("not limited to release tags" in p for p in problems)


def test_the_check_rejects_a_publish_that_runs_when_pypi_failed():
    workflow = load()
    workflow["jobs"]["publish-colab"]["if"] = "always() && startsWith(github.ref, 'refs/tags/v')"
    assert any("runs even when a job it needs failed" in p
               for p in colab_publish_problems(workflow, colab_branch()))
    workflow = load()
    steps = workflow["jobs"]["publish-colab"]["steps"]
    workflow["jobs"]["publish-colab"]["steps"] = [s for s in steps if "pip download" not in s.get("run", "")]
    assert any("does not ask PyPI" in p for p in colab_publish_problems(workflow, colab_branch()))
    workflow = copy.deepcopy(load())
    del workflow["jobs"]["publish-wheel"]
    workflow["jobs"]["publish-colab"]["needs"] = "colab"
    assert "no job publishes the helper to PyPI" in colab_publish_problems(workflow, colab_branch())


def test_the_book_is_deployed_to_pages_from_main_after_every_test():
    jobs = load()["jobs"]
    html = jobs["html"]
    upload = uses(html, "actions/upload-pages-artifact")
    assert len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == "_build/html"
    # the PDFs and notebook zips are written under the site itself (tools/reader.py)
    assert upload[0] is html["steps"][-2] and "./build.sh html" in [s.get("run") for s in html["steps"]]
    deploy = [n for n, j in jobs.items() if uses(j, "actions/deploy-pages")]
    assert deploy == ["pages"]
    job = jobs["pages"]
    assert job["if"].startswith(MAIN_PUSH)
    assert {"html", "colab", "eval"} <= ancestors(jobs, "pages")
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"


def test_no_run_on_main_or_a_tag_is_cancelled_midway():
    workflow = load()
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    # deploys queue one behind another and are never cut off
    assert workflow["jobs"]["pages"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_pypi_wait_asks_for_exactly_the_version_the_built_notebooks_install():
    """The publish job's shell finds the requirement in the Colab notebooks the build wrote."""
    step = next(s for s in load()["jobs"]["publish-colab"]["steps"] if "pip download" in s.get("run", ""))
    find = step["run"].splitlines()[0]  # requirement=$(grep ... _build/colab | sort -u)
    assert find.startswith("requirement=$(grep")
    proc = subprocess.run(["bash", "-c", find + '\necho "$requirement"'], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.strip() == colab.requirement() and colab.notebooks("pytorch", ROOT)
