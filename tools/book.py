"""The book's build driver, run by ``build.sh`` (tools/cli.py) inside the toolchain
environment, for the book in the current directory (its ``config.ini``).

1. check   every section parses and names only known tabs (tools/sources.py);
2. eval    each section in each tab whose inputs have no stored result, in that tab's
           kernel, in parallel (tools/evaluation.py);
3. html    merge the tabs, convert to rst and run Sphinx when its inputs changed
           (tools/rendering.py), then publish: switch ``_build/html`` to the new copy
           and make its PDFs current (tools/publishing.py).

Every step decides "up to date" with one digest of its inputs (tools/inputs.py,
tools/stamps.py), and one command at a time holds the checkout (tools/buildlock.py).
"""
import os
import shutil
import sys
import time

from tools import buildlock, checkout, envs, evaluation, inputs, library, publishing, rendering, stamps
from tools.sources import OUT, Book, BuildError, say


def setup(tabs):
    if not os.environ.get("D2L_ENVS_READY"):  # build.sh (tools/cli.py) has set them up already
        envs.ensure_all(envs.names(tabs))
    for tab in tabs:
        register_user_kernel(tab)


def register_user_kernel(tab):
    """Make ``d2l-<tab>`` show up in the learner's own Jupyter/JupyterLab."""
    from jupyter_core.paths import jupyter_data_dir
    spec = envs.kernelspec_dir(tab)  # written by envs.ensure
    mine = os.path.join(jupyter_data_dir(), "kernels", envs.kernel_name(tab), "kernel.json")
    if stamps.read(mine) != stamps.read(os.path.join(spec, "kernel.json")):
        from jupyter_client.kernelspec import KernelSpecManager
        KernelSpecManager().install_kernel_spec(spec, envs.kernel_name(tab), user=True)


def use_bundled_pandoc():
    """d2lbook's rst step calls ``pandoc``; the pypandoc_binary wheel ships one (no root needed)."""
    if shutil.which("pandoc"):
        return
    import pypandoc
    folder = os.path.dirname(pypandoc.get_pandoc_path())
    os.environ["PATH"] = folder + os.pathsep + os.environ.get("PATH", "")


def use_checkout_kernels():
    """Kernels of this checkout's environments come first, whatever the user has registered."""
    jp = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = envs.jupyter_path() + (os.pathsep + jp if jp else "")


def fingerprint(book, made=publishing.MADE):
    """The digest of every input of a full build (tools/inputs.py), with what it made
    beside the HTML as found in ``made``."""
    from tools import pdf
    env_stamps = [envs.stamp_file(name) for name in ["book", *book.tabs]]
    return stamps.digest(*inputs.everything(book.tabs, book.src_dir, env_stamps, made, pdf.available()))


def evaluate(book, sections):
    for tab in library.update(book, stamps.write_atomic):  # #@save blocks -> d2l/<module>.py
        say(f"[lib] {os.path.relpath(library.module_path(tab))}: regenerated from the book")
    evaluation.eval_all(book, sections)
    evaluation.prune(book, sections)


def render(book, sections, full, lock, background_pdfs):
    """HTML, published when Sphinx succeeded, then its PDFs and (for a full build) the
    fingerprint that lets the next build with the same inputs do nothing."""
    kept = publishing.kept()
    html, key = rendering.build_html(book, sections, kept)
    if html:
        publishing.publish(html, key)
        say(f"[html] published: {os.path.join(OUT, 'html', 'index.html')}")
    elif key != publishing.stamp(publishing.INPUTS).key():
        publishing.switch(kept[key])
        say(f"[html] published again the copy built earlier from these inputs: {kept[key]}")
    publishing.finish(book, fingerprint(book) if full else None, background_pdfs, lock)


def build(tabs=None, do_setup=True, steps=("eval", "html"), lock=None, background_pdfs=False):
    """Check every source, then evaluate (``eval``) and/or render (``html``)."""
    tik = time.time()
    book = Book(tabs)
    checkout.record()  # what is here before the build writes: tests/build/test_outputs.py
    if "eval" in steps:
        if do_setup:
            setup(book.tabs)  # every tab's environment made ready (here, or by build.sh before)
        else:
            for tab in book.tabs:
                envs.check(tab)
        use_checkout_kernels()
    use_bundled_pandoc()
    from tools import colab
    wheel = colab.start_wheel() if "html" in steps else None  # what the Colab notebooks install, made meanwhile
    try:
        _check_and_make(book, steps, lock, background_pdfs)
    except BaseException:
        colab.abandon_wheel(wheel)
        raise
    colab.finish_wheel(wheel, say)
    if "html" in steps:
        say(f"\nThe book is ready ({time.time() - tik:.0f} s): {os.path.join(OUT, 'html', 'index.html')}")
    say(f"Notebooks with outputs, one folder per framework: {os.path.join(OUT, 'notebooks')}/<tab>/")


def _check_and_make(book, steps, lock, background_pdfs):
    full = steps == ("eval", "html") and len(book.tabs) == len(book.all_tabs)
    if full and publishing.stamp(publishing.FINGERPRINT).matches(fingerprint(book)):
        say("[build] nothing changed since the last build: no notebook or Sphinx run needed")
        return
    if full and (copy := publishing.reuse(lambda made: fingerprint(book, made))):
        say(f"[build] these sources were built before: their notebooks put back and {copy} published "
            f"again, with no notebook or Sphinx run")
        return
    sections = book.sections()
    for section in sections:  # all sources are checked before anything runs
        book.read(section)
    if "eval" in steps:
        evaluate(book, sections)
    else:
        evaluation.require_evaluated(book, sections)
    if "html" in steps:
        render(book, sections, full, lock, background_pdfs)


def run(args, lock):
    tabs = args.tab_list
    if args.command == "setup":
        setup(Book(tabs).tabs)
    elif args.command == "build":
        # an author's build: the page first, its PDFs printed meanwhile
        build(tabs, do_setup=not args.no_setup, lock=lock, background_pdfs=True)
    elif args.command in ("eval", "html"):
        build(tabs, do_setup=not args.no_setup, steps=(args.command,), lock=lock)
    elif args.command == "test":
        from tools import testing
        if not args.no_build:
            build(tabs, do_setup=not args.no_setup, lock=lock)
        book = Book(tabs)
        return testing.run(book.tabs, args.suite_list, book.src_dir)
    return 0


def main(argv=None):
    from tools.cli import parse
    args = parse(argv, __doc__)
    if args.command in ("lock", "colab-profile", "new-section"):
        from tools import cli
        return cli.main(argv)
    try:
        with buildlock.held(f"'./build.sh {args.command}'", say) as lock:
            return run(args, lock)
    except (BuildError, envs.EnvError) as e:
        print(f"\nerror: {e}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
