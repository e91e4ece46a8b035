"""The device helpers of the d2l module: generated from the cells marked #@save in
"GPU" (use-gpu.md) by d2lbook's library mechanism (tools/library.py), and on this
machine without a GPU they fall back to the CPU."""
import inspect
import os
import re

import pytest

from section import chapter, tab_cells

PATH = chapter("use-gpu")
NAMES = ["cpu", "gpu", "num_gpus", "try_gpu", "try_all_gpus"]
# Whether this machine has an NVIDIA GPU, asked of the machine rather than of a framework.
HAS_GPU = os.path.exists("/dev/nvidiactl")


def saved_blocks(tab):
    """{name: source} of the functions marked #@save in ``tab``'s cells: the marked line
    without its mark, then the indented (or blank) lines that follow it."""
    blocks = {}
    for cell in tab_cells(tab, PATH):
        lines = cell.split("\n")
        for i, line in enumerate(lines):
            if not re.search(r"# *@save", line):
                continue
            block = [re.sub(r"\s*# *@save.*", "", line)]
            for following in lines[i + 1:]:
                if following and not following.startswith(" "):
                    break
                block.append(following)
            name = re.match(r"def (\w+)", block[0]).group(1)
            blocks[name] = "\n".join(block).rstrip("\n") + "\n"
    return blocks


def cpu_and_gpu1(tab):
    if tab == "mxnet":
        import mxnet as mx
        return mx.cpu(), mx.gpu(1)
    if tab == "pytorch":
        import torch
        return torch.device("cpu"), torch.device("cuda", 1)
    if tab == "tensorflow":
        return "/CPU:0", "/GPU:1"
    import jax
    return jax.devices("cpu")[0], None  # JAX has no GPU object without a GPU


def test_the_book_saves_the_five_helpers(fw):
    assert sorted(saved_blocks(fw.tab)) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_package_function_is_the_books(fw, name):
    """d2lbook generated it from the section's #@save cell (tests/build/test_library.py
    checks that the committed module is exactly what the book generates)."""
    function = getattr(fw.d2l, name)
    with open(inspect.getsourcefile(function), encoding="utf-8") as f:
        banner = f.read().splitlines().index("#################   WARNING   ################") + 1
    assert inspect.getsourcelines(function)[1] > banner  # below the banner: generated
    assert "Defined in :numref:`sec_use_gpu`" in function.__doc__
    assert saved_blocks(fw.tab)[name].splitlines()[0] == inspect.getsource(function).splitlines()[0]


def test_cpu_and_gpu_name_the_devices(fw):
    cpu, gpu1 = cpu_and_gpu1(fw.tab)
    assert fw.d2l.cpu() == cpu
    if gpu1 is not None:
        assert fw.d2l.gpu(1) == gpu1


@pytest.mark.skipif(HAS_GPU, reason="the machine has a GPU")
def test_without_a_gpu_everything_falls_back_to_the_cpu(fw):
    cpu, _ = cpu_and_gpu1(fw.tab)
    assert fw.d2l.num_gpus() == 0
    assert fw.d2l.try_gpu() == cpu and fw.d2l.try_gpu(1) == cpu and fw.d2l.try_gpu(10) == cpu
    assert fw.d2l.try_all_gpus() == [cpu]


@pytest.mark.skipif(not HAS_GPU, reason="the machine has no GPU")
def test_with_a_gpu_try_gpu_gives_it(fw):
    assert fw.d2l.num_gpus() >= 1
    assert fw.d2l.try_gpu() == fw.d2l.gpu(0)
    assert fw.d2l.try_all_gpus() == [fw.d2l.gpu(i) for i in range(fw.d2l.num_gpus())]
