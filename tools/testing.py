"""``./build.sh test``: every pytest suite of the book, each in the environment it needs.

* ``tests/build``        the build's own behaviour; ``tests/browser`` the built book in
                         headless chromium; plus nbval over every evaluated
                         notebook of every tab (each notebook re-runs in the kernel its
                         metadata names), in the toolchain environment;
* ``tests/frameworks``   the ``d2l`` module of tab T (test_d2l.py) and the section's claims
                         (tab_T/), in T's own environment. The folders are not named after
                         the frameworks: on sys.path, ``jax/`` would shadow the real ``jax``.

Each suite writes a JUnit report; the totals are printed per suite, per tab for the
notebooks, and on a last line of the form ``total: N passed, N failed, N skipped``.
"""
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from tools import envs

REPORTS = os.path.join("_build", "test-reports")


def _count(xml_path):
    """(passed, failed, skipped, cases) from a JUnit report; cases is [(classname, name, outcome)]."""
    cases = []
    for case in ET.parse(xml_path).getroot().iter("testcase"):
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
            elif child.tag == "skipped":
                outcome = "skipped"
        cases.append((case.get("classname", ""), case.get("name", ""), outcome))
    return _tally(cases), cases


def _pytest(name, python, args):
    env = dict(os.environ, D2L_TAB=name if name in envs.TABS else "")
    os.makedirs(REPORTS, exist_ok=True)
    report = os.path.join(REPORTS, f"{name}.xml")
    if os.path.exists(report):
        os.remove(report)
    cmd = [python, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={report}", *args]
    print(f"\n[test] {name}: {' '.join(cmd)}", flush=True)
    code = subprocess.call(cmd, env=env)
    if not os.path.exists(report):
        return code, {"passed": 0, "failed": 1, "skipped": 0}, []
    tally, cases = _count(report)
    return code, tally, cases


def notebooks(tab):
    return sorted(glob.glob(os.path.join("_build", "notebooks", tab, "**", "*.ipynb"), recursive=True))


def _has_code(path):
    import json
    with open(path, encoding="utf-8") as f:
        return any(c["cell_type"] == "code" for c in json.load(f)["cells"])


def run(tabs):
    """Run every suite; return the process exit code."""
    nbs = {tab: [p for p in notebooks(tab) if _has_code(p)] for tab in tabs}
    suites = [("book", envs.env_python("book"),
               ["tests/build", "tests/browser", "--nbval", *[p for tab in tabs for p in nbs[tab]]])]
    for tab in tabs:
        folder = os.path.join("tests", "frameworks")
        shared = sorted(glob.glob(os.path.join(folder, "test_*.py")))
        own = [p for p in [os.path.join(folder, f"tab_{tab}")] if os.path.isdir(p)]
        suites.append((tab, envs.env_python(tab), [*shared, *own]))

    lines, problems, total = [], [], {"passed": 0, "failed": 0, "skipped": 0}
    for name, python, args in suites:
        code, tally, cases = _pytest(name, python, args)
        for k in total:
            total[k] += tally[k]
        if code != 0 or tally["failed"]:
            problems.append(f"{name}: pytest exited with {code}, {tally['failed']} failed")
        if tally["passed"] == 0:
            problems.append(f"{name}: no test passed")
        if name == "book":
            for tab in tabs:
                mine = _tally([c for c in cases if f".notebooks.{tab}." in c[0]])
                lines.append(f"nbval [{tab}]: {len(nbs[tab])} notebook(s), {sum(mine.values())} cells: {_fmt(mine)}")
                if not nbs[tab] or mine["passed"] == 0:
                    problems.append(f"nbval [{tab}]: no notebook cell ran")
            lines.append("build behaviour: " + _fmt(_tally([c for c in cases if c[0].startswith("tests.build")])))
            lines.append("the book in a browser: " + _fmt(_tally([c for c in cases if c[0].startswith("tests.browser")])))
        else:
            d2l = [c for c in cases if ".test_d2l" in c[0]]
            claims = [c for c in cases if "claims" in c[0]]
            lines.append(f"{name} in its own environment: d2l module {_fmt(_tally(d2l))}; "
                         f"section claims {_fmt(_tally(claims))}")
            if not claims or len(d2l) + len(claims) != len(cases):
                problems.append(f"{name}: framework tests must be d2l tests (test_d2l*) or claims (*claims*)")
    print("\n[test] summary")
    for line in lines:
        print("  " + line)
    for problem in problems:
        print("  FAILED " + problem)
    print(f"total: {_fmt(total)}", flush=True)
    return 1 if problems else 0


def _tally(cases):
    return {k: sum(1 for c in cases if c[2] == k) for k in ("passed", "failed", "skipped")}


def _fmt(t):
    return f"{t['passed']} passed, {t['failed']} failed, {t['skipped']} skipped"


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:] or list(envs.TABS)))
