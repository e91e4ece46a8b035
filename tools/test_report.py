"""How ``./build.sh test`` reads and tells its results: the cases of a pytest JUnit report,
the tallies per run, and on the console the failing tests with their assertions first."""
import os
import xml.etree.ElementTree as ET

REPORTS = os.path.join("_build", "test-reports")


def cases_of(xml_path):
    """[(classname, name, outcome)] from a JUnit report."""
    cases = []
    for case in ET.parse(xml_path).getroot().iter("testcase"):
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "failed"
            elif child.tag == "skipped":
                outcome = "skipped"
        cases.append((case.get("classname", ""), case.get("name", ""), outcome))
    return cases


class Result:
    def __init__(self, name, lines, cases=(), problems=(), skipped=0, code=0, seconds=0.0):
        self.name, self.lines, self.cases = name, list(lines), list(cases)
        self.problems, self.skipped, self.code, self.seconds = list(problems), skipped, code, seconds


def tally(cases):
    return {k: sum(1 for c in cases if c[2] == k) for k in ("passed", "failed", "skipped")}


def fmt(t):
    return f"{t['passed']} passed, {t['failed']} failed, {t['skipped']} skipped"


def verdict(name, code, cases):
    t = tally(cases)
    problems = []
    if code != 0 or t["failed"]:
        problems.append(f"{name}: pytest exited with {code}, {t['failed']} failed "
                        f"(log: {os.path.join(REPORTS, name + '.log')})")
    if t["passed"] == 0:
        problems.append(f"{name}: no test passed")
    return problems


# tests/build in three runs of about the same length that can go side by side: the
# modules that build small books over and over, and everything else
def test_file(classname):
    """tests.build.test_x -> tests/build/test_x.py; a notebook's dotted name keeps its .ipynb."""
    parts = classname.split(".")
    if parts[-1] == "ipynb":
        return os.path.join(*parts[:-2], parts[-2] + ".ipynb")
    return os.path.join(*parts) + ".py" if parts != [""] else "?"


def failures(xml_path, most=5, lines=8):
    """The failed tests of a JUnit report, each with the start of its message: the
    assertion pytest printed (its ``E`` lines), or the message's first lines."""
    told = []
    for case in ET.parse(xml_path).getroot().iter("testcase"):
        for child in case:
            if child.tag not in ("failure", "error"):
                continue
            text = child.text or child.get("message") or ""
            said = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("E ")]
            said = said or [ln for ln in (child.get("message") or text).splitlines() if ln.strip()]
            where = test_file(case.get("classname", "")) + "::" + case.get("name", "")
            told.append([f"  FAILED {where}"] + [f"      {ln}" for ln in said[:lines]])
    shown = [ln for block in told[:most] for ln in block]
    return shown + ([f"  ... and {len(told) - most} more"] if len(told) > most else [])


def report(fut, futures, results):
    """Print one finished run; when it failed, its failing tests and their assertions
    first, then where the whole log is (the end of the log when pytest reported none)."""
    r = fut.result()
    results[futures[fut]] = r
    state = "FAILED" if r.problems else "ok"
    print(f"[test] {futures[fut]}: {state} ({fmt(tally(r.cases))}, {r.seconds:.0f} s)", flush=True)
    for problem in r.problems:
        name = problem.split(":")[0]
        xml, log = (os.path.join(REPORTS, name + ext) for ext in (".xml", ".log"))
        shown = failures(xml) if os.path.exists(xml) else []
        if not shown and os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as f:
                shown = [ln.rstrip("\n") for ln in f.readlines()[-15:]]
        if shown:
            print("\n".join(shown) + f"\n  (the whole log: {log})", flush=True)
            break
