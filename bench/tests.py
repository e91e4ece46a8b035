"""Where the time of ``./build.sh test`` goes: every part of every suite run alone, one after
another, with the CPU time the whole machine spent on it and its wall time.

    .envs/book/bin/python bench/tests.py [PART ...]     (after ./build.sh setup and ./build.sh)

``./build.sh test`` runs three parts at once (tools/testing.py), and on a machine with two
cores they keep both busy: its wall time follows the sum of the parts' CPU time, which is
what this measures, part by part, without the others' contention. The CPU time comes from
/proc/stat (user, nice and system time of every process: chromium, kernels and the
subprocesses of a test count, however they were started), so nothing else may run
meanwhile. A part's first run after a clean build also pays for what it leaves behind
(Python's bytecode in the Colab environments, JAX's compiled programs): run it twice to
tell the two apart. The machine is shared and noisy: compare the parts of one run.
"""
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from tools import buildlock, frameworks, testing  # noqa: E402
from tools.cli import SUITES  # noqa: E402


def machine_cpu():
    """CPU seconds the machine has spent so far (user, nice and system time of all cores)."""
    with open("/proc/stat") as f:
        user, nice, system = map(int, f.readline().split()[1:4])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def main(only):
    os.chdir(ROOT)
    with buildlock.acquire("bench/tests.py"), tempfile.TemporaryDirectory(prefix="d2l-fixtures-") as fixtures:
        jobs = testing.jobs(list(frameworks.TABS), SUITES, fixtures)
        unknown = sorted(set(only) - {name for name, _, _ in jobs})
        if unknown:
            sys.exit(f"unknown part(s) {', '.join(unknown)}; the parts are {', '.join(n for n, _, _ in jobs)}")
        total, failed = 0.0, []
        for name, fn, args in jobs:
            if only and name not in only:
                continue
            cpu, tick = machine_cpu(), time.time()
            result = fn(*args)
            used = machine_cpu() - cpu
            total += used
            failed += [name] if result.problems else []
            print(f"{name:20s} {used:7.1f} CPU s {time.time() - tick:7.1f} s wall"
                  f"{'  FAILED: ' + result.problems[0] if result.problems else ''}", flush=True)
        print(f"{'total':20s} {total:7.1f} CPU s, at best {total / os.cpu_count():.0f} s on {os.cpu_count()} cores")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
