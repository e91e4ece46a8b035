"""What files the checkout holds outside the build's own folders, recorded when a build
starts: a file that appears afterwards was written by the build or the tests, not by the
maintainer (whose new, not yet added sources were there before). Standard library only.
"""
import os
import subprocess

RECORD = os.path.join("_build", "checkout-before-build.txt")
# written by the build and the tools, and ignored by .gitignore
IGNORED = {".git", ".envs", "_build", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def untracked(root="."):
    """Files below ``root`` that git does not track and does not ignore; without git
    (a copy of the book), every file outside the ignored folders."""
    proc = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=root,
                          capture_output=True, text=True)
    if proc.returncode == 0 and os.path.exists(os.path.join(root, ".git")):
        return sorted(proc.stdout.splitlines())
    found = []
    for base, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in IGNORED and not d.endswith(".egg-info")]
        found += [os.path.relpath(os.path.join(base, f), root) for f in files]
    return sorted(found)


def record(root="."):
    """Note the checkout's untracked files as the build starts."""
    path = os.path.join(root, RECORD)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(name + "\n" for name in untracked(root)))


def new_since_build(root="."):
    """Untracked files that were not there when the last build started (all of them when
    no build recorded the checkout)."""
    try:
        with open(os.path.join(root, RECORD), encoding="utf-8") as f:
            before = set(f.read().splitlines())
    except FileNotFoundError:
        before = set()
    return [name for name in untracked(root) if name not in before]
