"""``./build.sh test``: every test suite of the book, each in the environment it needs,
several at once (they mostly wait on kernels and the browser; D2L_TEST_JOBS sets how many).

* ``build``       tests/build, the build's own behaviour (toolchain environment);
* ``browser``     tests/browser, the built book in headless chromium;
* ``nbval``       every evaluated notebook of every tab, re-run in the kernel its
                  metadata names and compared output by output (strict);
* ``frameworks``  per tab, in that tab's own environment: its ``d2l`` module
                  (test_d2l*.py) and the sections' claims (tab_T/). The folders are not
                  named after the frameworks: on sys.path, ``jax/`` would shadow ``jax``;
* ``colab``       per tab that runs on Colab, in the environment built to Colab's
                  runtime (requirements/colab.txt): every Colab notebook top to bottom,
                  its install cell included (pip finds the helper only in _build/dist),
                  with outputs allowed to differ and errors not; then the claims there.

Each run writes a JUnit report and a log to _build/test-reports; totals are printed per
suite and per tab, and on a last line ``total: N passed, N failed, N skipped``.
"""
import concurrent.futures
import contextlib
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from tools import claims as claim_files, colab, envs, evaluation, frameworks, zygote
from tools.test_report import REPORTS, Result, cases_of, fmt, report, tally, test_file, verdict

def _pytest(name, python, args, env=None):
    """Run one pytest; returns (exit code, cases, seconds). Output goes to a log."""
    os.makedirs(REPORTS, exist_ok=True)
    report, log = os.path.join(REPORTS, f"{name}.xml"), os.path.join(REPORTS, f"{name}.log")
    for old in (report, log):
        if os.path.exists(old):
            os.remove(old)
    cmd = [python, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--junitxml={report}", *args]
    tik = time.time()
    with open(log, "w") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        code = subprocess.call(cmd, env=dict(os.environ, **(env or {})), stdout=out, stderr=subprocess.STDOUT)
    cases = cases_of(report) if os.path.exists(report) else [(name, "(pytest did not report)", "failed")]
    return code, cases, time.time() - tik


def notebooks(tab):
    return sorted(glob.glob(os.path.join("_build", "notebooks", tab, "**", "*.ipynb"), recursive=True))


def _has_code(path):
    with open(path, encoding="utf-8") as f:
        return any(c["cell_type"] == "code" for c in json.load(f)["cells"])


# Suites run as several pytest processes at once; a part that names only the folder runs
# every module of it that no other part names.
PARTS = {
    "build": {
        "build-new-section": ["tests/build/test_new_section.py"],
        "build-inputs": ["tests/build/test_bad_input.py", "tests/build/test_pdf_build.py",
                         "tests/build/test_concurrency.py"],
        "build-rebuilds": ["tests/build/test_incremental.py", "tests/build/test_cache.py"],
        "build-rest": ["tests/build"],
    },
    "browser": {
        "browser-audit": ["tests/browser/test_accessibility.py"],
        "browser-reading": ["tests/browser"],
    },
}


def part_args(suite, part):
    args = PARTS[suite][part]
    if args == [f"tests/{suite}"]:
        taken = {os.path.basename(p) for other in PARTS[suite].values() for p in other if p.endswith(".py")}
        args = sorted(p for p in glob.glob(f"tests/{suite}/test_*.py") if os.path.basename(p) not in taken)
    return args


def suite_build(part, fixtures):
    """One part of tests/build; the parts share one build of the small book (``fixtures``,
    tests/build/conftest.py) instead of building it once each."""
    code, cases, sec = _pytest(part, envs.env_python("book"), part_args("build", part),
                               env={"D2L_FIXTURE_DIR": fixtures})
    return Result(part, [], cases, verdict(part, code, cases), code=code, seconds=sec)


def suite_browser(part):
    """One part of tests/browser, each with its own chromium."""
    code, cases, sec = _pytest(part, envs.env_python("book"), part_args("browser", part))
    return Result(part, [f"the book in a browser ({part}): {fmt(tally(cases))}"], cases,
                  verdict(part, code, cases), code=code, seconds=sec)


@contextlib.contextmanager
def warm_kernels(names):
    """A JUPYTER_PATH whose ``d2l-<name>`` kernels are forked from one zygote per environment
    (tools/zygote.py), alive while the block runs; the checkout's own kernels without them."""
    plain = os.pathsep.join(p for p in (envs.jupyter_path(), os.environ.get("JUPYTER_PATH")) if p)
    with evaluation.zygotes(names) as sockets, tempfile.TemporaryDirectory(prefix="d2l-warm-") as folder:
        for name, socket in sockets.items():
            with open(os.path.join(envs.kernelspec_dir(name), "kernel.json"), encoding="utf-8") as f:
                spec = json.load(f)
            args = spec["argv"][spec["argv"].index("{connection_file}") + 1:]
            spec["argv"] = zygote.kernelspec_argv(socket, args)
            os.makedirs(os.path.join(folder, "kernels", envs.kernel_name(name)))
            with open(os.path.join(folder, "kernels", envs.kernel_name(name), "kernel.json"), "w") as f:
                json.dump(spec, f)
        yield os.pathsep.join([folder, plain]) if sockets else plain


def _ordinary_kernel_notebook(paths):
    """The notebook a tab runs again in an ordinary kernel: one with a figure if any (a figure
    depends most on how its kernel started: matplotlib's backend), else the first."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            if '"image/svg+xml"' in f.read():
                return path
    return paths[0]


def suite_nbval(tabs):
    """Strict nbval of every notebook in warm kernels, and of one notebook per tab in
    ordinary kernels: the check that both kinds of kernel give the same outputs."""
    nbs = {tab: [p for p in notebooks(tab) if _has_code(p)] for tab in tabs}
    with warm_kernels(tabs) as path:
        code, cases, sec = _pytest("nbval", envs.env_python("book"), ["--nbval", *[p for t in tabs for p in nbs[t]]],
                                   {"JUPYTER_PATH": path})
    cold = [_ordinary_kernel_notebook(nbs[t]) for t in tabs if nbs[t]]
    code2, cold_cases, sec2 = _pytest("nbval-ordinary-kernels", envs.env_python("book"), ["--nbval", *cold])
    lines = [f"nbval in ordinary kernels, one notebook per tab: {fmt(tally(cold_cases))}"]
    problems = verdict("nbval", code, cases) + verdict("nbval-ordinary-kernels", code2, cold_cases)
    for tab in tabs:
        mine = tally([c for c in cases if f".notebooks.{tab}." in c[0]])
        lines.append(f"nbval [{tab}]: {len(nbs[tab])} notebook(s), {sum(mine.values())} cells: {fmt(mine)}")
        mine_cases = [c for c in cases if f".notebooks.{tab}." in c[0]]
        lines.append(f"    cells passed per section: {_by_section(mine_cases, lambda c: c[0].split('.')[-2])}")
        if not nbs[tab] or mine["passed"] == 0:
            problems.append(f"nbval [{tab}]: no notebook cell ran")
    return Result("nbval", lines, cases + cold_cases, problems, code=code, seconds=sec + sec2)


def _framework_tests(tab):
    folder = os.path.join("tests", "frameworks")
    own = [p for p in [os.path.join(folder, f"tab_{tab}")] if os.path.isdir(p)]
    return [*sorted(glob.glob(os.path.join(folder, "test_*.py"))), *own]


def claim_section(classname, tab):
    """The section a claim test file checks: test_<section>[_<tab>]_claims.py."""
    stem = classname.split(".")[-1]
    section = re.fullmatch(r"test_(.+?)(?:_" + tab + r")?_claims", stem)
    return section.group(1).replace("_", "-") if section else stem


def _by_section(cases, section_of):
    sections = {}
    for case in cases:
        sections.setdefault(section_of(case), []).append(case)
    return ", ".join(f"{s} {tally(c)['passed']}/{len(c)}" for s, c in sorted(sections.items()))


def _framework_lines(name, cases, where, tab):
    d2l = [c for c in cases if ".test_d2l" in c[0]]
    claims = [c for c in cases if "claims" in c[0]]
    problems = []
    other = sorted({test_file(c[0]) for c in cases if c not in d2l and c not in claims})
    if not claims or other:
        problems.append(f"{name}: framework test files must be named test_d2l*.py (the d2l module) "
                        f"or test_<section>[_<tab>]_claims.py; not so: {', '.join(other) or 'no claims at all'}")
    return [f"{name} {where}: d2l module {fmt(tally(d2l))}; section claims {fmt(tally(claims))}",
            f"    claims passed per section: {_by_section(claims, lambda c: claim_section(c[0], tab))}"], problems


def suite_framework(tab):
    code, cases, sec = _pytest(tab, envs.env_python(tab), _framework_tests(tab), {"D2L_TAB": tab, **envs.kernel_env(tab)})
    lines, problems = _framework_lines(tab, cases, "in its own environment", tab)
    return Result(tab, lines, cases, verdict(tab, code, cases) + problems, code=code, seconds=sec)


def in_ci():
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


D2L_EN = os.path.join("requirements", "colab-d2l-en.txt")
OURS = "import d2l; print(getattr(d2l, '__distribution__', 'another d2l'))"


def english_d2l_first(python):
    """The hardest runtime the notebooks can meet: the book's helper installed earlier (a
    learner opened one of its notebooks), then d2l-en's ``d2l`` over it (one of d2l-en's),
    so that pip calls d2l-ko satisfied while the files on disk are d2l-en's."""
    subprocess.run([python, "-m", "pip", "uninstall", "-y", "-q", "d2l-ko", "d2l"], capture_output=True)
    tool = envs.uv()
    cmd = [tool, "pip", "install", "--quiet", "--python", python, "--reinstall"] if tool else \
        [python, "-m", "pip", "install", "-q", "--force-reinstall"]
    proc = subprocess.run([*cmd, "--no-deps", colab.wheel_path()], capture_output=True, text=True, cwd=envs.ROOT)
    if proc.returncode == 0:
        proc = subprocess.run([*cmd, "--no-deps", "--require-hashes", "-r", D2L_EN],
                              capture_output=True, text=True, cwd=envs.ROOT)
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the d2l on disk, not the checkout's
    found = subprocess.run([python, "-c", OURS], capture_output=True, text=True, cwd="/", env=clean).stdout.strip()
    if proc.returncode != 0 or found != "another d2l":
        raise envs.EnvError(f"installing d2l-en's d2l ({D2L_EN}) before the Colab notebooks failed "
                            f"(d2l on disk: {found or '?'}):\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")


def suite_colab(tab):
    name = envs.colab_env(tab)
    reason = frameworks.TABLE[tab].colab
    if reason:
        return Result(name, [f"colab [{tab}]: no Colab notebooks, by design: {reason}"])
    nbs = colab.notebooks(tab)
    if envs.find_python(frameworks.COLAB_PYTHON) is None:
        message = envs.missing_python_message(name, frameworks.COLAB_PYTHON)
        if in_ci():  # a skip here would let CI pass without running one Colab notebook
            return Result(name, [f"colab [{tab}]: FAILED, CI must run the Colab notebooks: {message}"],
                          problems=[f"{name}: no Python {frameworks.COLAB_PYTHON} in CI: {message}"])
        return Result(name, [f"colab [{tab}]: SKIPPED {len(nbs)} notebook(s): {message}"], skipped=len(nbs) or 1)
    try:
        envs.check(name)
        python = envs.env_python(name)
        english_d2l_first(python)
    except envs.EnvError as e:
        return Result(name, [f"colab [{tab}]: {e}"], problems=[f"{name}: {e}"])
    kernel_env = {
        "PATH": os.path.dirname(python) + os.pathsep + os.environ.get("PATH", ""),  # the cell's `pip`
        "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": os.path.abspath(colab.DIST),      # only the build's wheel
        "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_ROOT_USER_ACTION": "ignore",
    }
    # kernels forked from a zygote that imported Colab's framework (not d2l: the install cell brings it)
    with warm_kernels([name]) as path:
        code, cases, sec = _pytest(f"{name}-notebooks", envs.env_python("book"),
                                   ["--nbval-lax", "--nbval-kernel-name", envs.kernel_name(name),
                                    "--nbval-cell-timeout", "900", *nbs], dict(kernel_env, JUPYTER_PATH=path))
    problems = verdict(f"{name}-notebooks", code, cases)
    if not nbs:
        problems.append(f"colab [{tab}]: no Colab notebook was built")
    versions = envs.installed(name)
    runtime = ", ".join(f"{p} {versions.get(p, '?')}" for p in frameworks.TABLE[tab].packages)
    lines = [f"colab [{tab}] in the Colab profile (Python {envs._python_version(python)}, {runtime}): "
             f"{len(nbs)} notebook(s), {len(cases)} cells: {fmt(tally(cases))}"]
    code2, claims, sec2 = _pytest(f"{name}-claims", python, _framework_tests(tab), {"D2L_TAB": tab, **envs.kernel_env(name)})
    more, problems2 = _framework_lines(f"colab [{tab}]", claims, "in the Colab profile", tab)
    return Result(name, lines + more, cases + claims,
                  problems + verdict(f"{name}-claims", code2, claims) + problems2, seconds=sec + sec2)


TICK = 15  # seconds


def run(tabs, suites=("build", "browser", "nbval", "frameworks", "colab"), src_dir="chapters"):
    """Run the chosen suites, several at once; return the process exit code."""
    with tempfile.TemporaryDirectory(prefix="d2l-fixtures-") as fixtures:
        # a section whose claims one tab checks and another does not
        flags = claim_files.flags(".", src_dir, tabs) if "frameworks" in suites else []
        return _run(jobs(tabs, suites, fixtures), flags)


def jobs(tabs, suites, fixtures):
    """[(part, function, its arguments)] of the chosen suites, in the order they start."""
    planned = []  # longest first (as measured), so that the last ones to start are short
    if "browser" in suites:
        planned += [(part, suite_browser, (part,)) for part in PARTS["browser"]]
    if "build" in suites:
        planned += [(part, suite_build, (part, fixtures)) for part in PARTS["build"]]
    if "colab" in suites:
        planned += [(f"colab-{t}", suite_colab, (t,)) for t in tabs]
    if "nbval" in suites:
        planned.append(("nbval", suite_nbval, (tabs,)))
    if "frameworks" in suites:
        planned += [(t, suite_framework, (t,)) for t in tabs]
    return planned


def _run(jobs, flags):
    workers = int(os.environ.get("D2L_TEST_JOBS") or 3)
    print(f"\n[test] {len(jobs)} runs, {workers} at a time; logs in {REPORTS}/", flush=True)
    tik = time.time()
    results, started = {}, {}

    def timed(name, fn, args):
        started[name] = time.time()
        return fn(*args)

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(timed, name, fn, args): name for name, fn, args in jobs}
        pending = set(futures)
        while pending:  # a line at least every TICK seconds, naming what still runs
            done, pending = concurrent.futures.wait(pending, timeout=TICK)
            if not done:
                running = [f"{n} ({time.time() - t0:.0f} s)"
                           for n, t0 in list(started.items()) if n not in results]
                print(f"[test] {time.time() - tik:.0f} s, running: {', '.join(running)}", flush=True)
                continue
            for fut in done:
                report(fut, futures, results)
    print(f"\n[test] summary ({time.time() - tik:.0f} s)")
    return _summary(jobs, results, flags)


def _summary(jobs, results, flags):
    """Totals per suite and per tab, the flags, what failed, and the ``total:`` line."""
    total = {"passed": 0, "failed": 0, "skipped": 0}
    problems = []
    build = [c for part in PARTS["build"] if part in results for c in results[part].cases]
    if build:
        print(f"  build behaviour: {fmt(tally(build))}")
    for name, _, _ in jobs:
        r = results[name]
        t = tally(r.cases)
        t["skipped"] += r.skipped
        for k in total:
            total[k] += t[k]
        for line in r.lines:
            print("  " + line)
        problems += r.problems
    for flag in flags:
        print("  " + flag)
    for problem in problems:
        print("  FAILED " + problem)
    print(f"total: {fmt(total)}", flush=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:] or list(envs.TABS)))
