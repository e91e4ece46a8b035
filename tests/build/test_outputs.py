"""The evaluated notebooks read well: no framework log noise, no giant dumps."""
import glob
import json
import os

import pytest

from fixture_book import ROOT

NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "_build", "notebooks", "*", "**", "*.ipynb"), recursive=True))
# log lines, not a device a section prints on purpose (use-gpu shows device(type='cuda', ...))
NOISE = ("oneDNN", "cuda drivers", "CUDA_ERROR", "Unable to register cu", "TF-TRT", "WARNING", "W0000", "I0000", "E0000",
         "DeprecationWarning", "UserWarning", "absl::")
MAX_LINES = 12


def outputs():
    for path in NOTEBOOKS:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
        for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
            for out in cell.get("outputs", []):
                text = "".join(out.get("text", "") or out.get("data", {}).get("text/plain", ""))
                yield f"{os.path.relpath(path, ROOT)} cell {i + 1}", out, text


def test_there_are_notebooks_to_check():
    if not NOTEBOOKS:
        pytest.fail("no evaluated notebooks: run ./build.sh first")
    assert sum(1 for _ in outputs()) >= 20


def test_no_log_noise_in_outputs():
    noisy = [(where, text[:200]) for where, out, text in outputs()
             if out.get("name") == "stderr" or any(n in text for n in NOISE)]
    assert noisy == []


def test_no_giant_dumps():
    long = [(where, text.count("\n") + 1) for where, out, text in outputs() if text.count("\n") + 1 > MAX_LINES]
    assert long == []


def test_no_error_outputs():
    assert [where for where, out, _ in outputs() if out.get("output_type") == "error"] == []


def test_every_notebook_names_its_own_kernel():
    for path in NOTEBOOKS:
        tab = os.path.relpath(path, os.path.join(ROOT, "_build", "notebooks")).split(os.sep)[0]
        with open(path, encoding="utf-8") as f:
            assert json.load(f)["metadata"]["kernelspec"]["name"] == f"d2l-{tab}", path


def test_the_build_leaves_no_stray_files_in_the_checkout():
    """Everything a build and the tests write is under ignored folders (_build, .envs): no
    untracked file appears after the last build started (tools/checkout.py). The
    maintainer's own new sources, not yet added to git, were there before it."""
    from tools import checkout
    stray = checkout.new_since_build(ROOT)
    assert stray == [], f"written into the checkout by the build or the tests: {', '.join(stray)}"


def test_jax_kernels_share_a_persistent_compile_cache():
    """The kernels of the JAX tab (and only those) compile into one cache in _build, which
    the build has filled: nbval, the claims and the Colab run reuse it (tools/frameworks.py)."""
    from tools import envs
    folder = os.path.join(ROOT, "_build", "cache", "compiled")
    for name in ["mxnet", "pytorch", "tensorflow", "jax", "colab-jax"]:
        env = envs.kernel_env(name)
        assert (env.get("JAX_COMPILATION_CACHE_DIR") == folder) == name.endswith("jax"), name
    with open(os.path.join(envs.kernelspec_dir("jax"), "kernel.json"), encoding="utf-8") as f:
        assert json.load(f)["env"]["JAX_COMPILATION_CACHE_DIR"] == folder
    # CI's html job renders notebooks evaluated on other machines: there, nothing compiled here
    if os.path.isdir(os.path.join(ROOT, "_build", "cache", "jax")):  # this checkout evaluated the JAX tab
        assert len(os.listdir(folder)) > 10  # one entry per compiled computation
