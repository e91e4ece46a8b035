"""Shared parts of the claim tests of "GPU" (use-gpu.md), one file per tab uses them."""
import os

import pytest

from section import chapter, Section

PATH = chapter("use-gpu")
DEMOS = ["imports", "devices", "num_gpus", "try", "tensor_device", "create", "copy", "model"]
# Whether this machine has an NVIDIA GPU, asked of the machine rather than of a framework.
HAS_GPU = os.path.exists("/dev/nvidiactl")
no_gpu = pytest.mark.skipif(HAS_GPU, reason="claims about a machine without a GPU")
with_gpu = pytest.mark.skipif(not HAS_GPU, reason="claims about a machine with a GPU")


def run(tab, demo):
    sec = Section(tab, PATH)
    printed = sec.run_through(DEMOS.index(demo))
    return sec, printed


def check_try_gpu_logic(tab):
    """try_gpu and try_all_gpus as the prose says, for 0 and for 2 GPUs: num_gpus and gpu
    are replaced in the section's namespace, so no GPU is needed."""
    sec, _ = run(tab, "try")
    ns = sec.ns
    cpu = ns["cpu"]()
    ns["gpu"] = lambda i=0: f"gpu {i}"
    ns["num_gpus"] = lambda: 0
    assert (ns["try_gpu"](), ns["try_gpu"](10), ns["try_all_gpus"]()) == (cpu, cpu, [cpu])
    ns["num_gpus"] = lambda: 2
    assert (ns["try_gpu"](), ns["try_gpu"](1), ns["try_gpu"](2)) == ("gpu 0", "gpu 1", cpu)
    assert ns["try_all_gpus"]() == ["gpu 0", "gpu 1"]
