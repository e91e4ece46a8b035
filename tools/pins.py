"""``./build.sh lock``: every environment's top-level requirements resolved into its lock,
``requirements/lock/<name>.txt`` (every package pinned, with hashes), and the profile of
Colab's runtime they are resolved from for the Colab environments. Standard library only."""
import concurrent.futures
import os
import re
import subprocess

from tools import envs, frameworks
from tools.envs import (PREFERRED_PYTHON, REQUIRED_PYTHON, EnvError, _canonical, lock_file, locked,
                        requirement_file, requirement_lines)
from tools.installer import UV, _uv_env, find_links, uv


def colab_profile():
    """requirements/colab.txt as {"python": …, "date": …, "source": …, "pins": {name: version},
    "substitutes": [text]}."""
    path = os.path.join(envs.ROOT, envs.COLAB_PROFILE)
    profile = {"pins": {}, "substitutes": []}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*(python|date|source|substitute):\s*(.+)", line)
            if m and m.group(1) == "substitute":
                profile["substitutes"].append(m.group(2).strip())
            elif m:
                profile[m.group(1)] = m.group(2).strip()
    for req in requirement_lines(path):
        name, _, version = req.partition("==")
        profile["pins"][_canonical(name)] = version
    return profile


def compile_input(name):
    """What ``./build.sh lock`` resolves for ``name``: (text, the file it is read from)."""
    if not name.startswith("colab-"):
        path = requirement_file(name)
        with open(path, encoding="utf-8") as f:
            return f.read(), path
    tab = name[len("colab-"):]
    pins = colab_profile()["pins"]
    # Colab's own releases of the tab's packages; the kernel, pip (the notebooks' install
    # cell runs it) and pytest (the claim tests) come from the book's kernel file
    packages = frameworks.TABLE[tab].packages
    lines = [f"{p}=={pins[_canonical(p)]}" for p in packages]
    # a package Colab provides (matplotlib) keeps Colab's release, not the book's pin
    lines += [r for r in requirement_lines(os.path.join(envs.ROOT, "requirements", "kernel.txt"))
              if _canonical(re.split(r"[<>=!~\[; ]", r)[0]) not in {_canonical(p) for p in packages}]
    lines += ["pip"]
    return "\n".join(lines) + "\n", os.path.join(envs.ROOT, "requirements", "kernel.txt")


def excluded(name):
    """uv's option that leaves out what requirements/<name>-excludes.txt lists (and what only
    those packages needed), when the environment has such a file."""
    path = os.path.join(envs.ROOT, "requirements", f"{name}-excludes.txt")
    return ["--excludes", path] if os.path.exists(path) else []


def lock(names, say=print):
    """Resolve every environment's top-level requirements into its lock: every package
    pinned, with hashes, for the Python and platform the environment is built on."""
    tool = uv()
    if not tool:
        raise EnvError(f"./build.sh lock needs uv ({UV}), which could not be installed here")
    links = [a for link in find_links() for a in ("--find-links", link)]
    os.makedirs(os.path.join(envs.ROOT, envs.LOCKS), exist_ok=True)

    def one(name):
        text, origin = compile_input(name)
        python = REQUIRED_PYTHON.get(name, PREFERRED_PYTHON)
        cmd = [tool, "pip", "compile", "-", "--quiet", "--generate-hashes", "--python-version", python,
               "--python-platform", "x86_64-manylinux_2_28", "--custom-compile-command", "./build.sh lock",
               *links, *excluded(name), "-o", lock_file(name)]
        # "-" reads the input from stdin; -r lines in it are found relative to ``origin``'s folder
        proc = subprocess.run(cmd, input=text, capture_output=True, text=True, env=_uv_env(),
                              cwd=os.path.dirname(origin))
        if proc.returncode != 0:
            raise EnvError(f"locking '{name}' failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        say(f"[lock] {name}: {len(locked(name))} packages -> {os.path.relpath(lock_file(name), envs.ROOT)}")

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(names)) as pool:
        list(pool.map(one, names))
