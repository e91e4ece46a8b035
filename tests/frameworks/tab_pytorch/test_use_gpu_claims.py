"""What "GPU" (use-gpu.md) says, checked against its PyTorch tab."""
import pytest
import torch

from gpu_claims import DEMOS, PATH, check_try_gpu_logic, no_gpu, run, with_gpu
from section import Section

CPU = torch.device("cpu")


def test_every_demo_is_in_the_tab():
    assert len(Section("pytorch", PATH).cells) == len(DEMOS)


def test_devices_are_names():
    sec, _ = run("pytorch", "devices")
    ns = sec.ns
    assert ns["cpu"]() == CPU and ns["gpu"]() == torch.device("cuda:0") and ns["gpu"](1) == torch.device("cuda:1")
    assert torch.cpu.device_count() == 1  # one CPU device, however many cores


@no_gpu
def test_a_tensor_on_a_missing_gpu_fails_only_when_made():
    sec, _ = run("pytorch", "devices")
    device = sec.ns["gpu"](1)  # making the name works
    with pytest.raises((RuntimeError, AssertionError)):
        torch.ones(1, device=device)


def test_num_gpus_counts_cuda_devices():
    sec, _ = run("pytorch", "num_gpus")
    assert sec.ns["num_gpus"]() == torch.cuda.device_count()


@no_gpu
def test_no_gpu_here():
    sec, _ = run("pytorch", "try")
    ns = sec.ns
    assert ns["num_gpus"]() == 0
    assert (ns["try_gpu"](), ns["try_gpu"](10), ns["try_all_gpus"]()) == (CPU, CPU, [CPU])


def test_try_gpu_logic():
    check_try_gpu_logic("pytorch")


def test_tensors_start_on_the_cpu():
    sec, _ = run("pytorch", "tensor_device")
    assert sec.ns["x"].device == CPU


def test_tensor_made_on_try_gpu():
    sec, _ = run("pytorch", "create")
    X = sec.ns["X"]
    assert X.device == sec.ns["try_gpu"]() and torch.equal(X.cpu(), torch.ones(2, 3))


def test_to_the_same_device_returns_the_tensor_itself():
    sec, printed = run("pytorch", "copy")
    ns = sec.ns
    assert printed == f"{ns['try_gpu'](1) == ns['X'].device}\n"
    assert ns["X"].to(ns["X"].device) is ns["X"]
    assert (ns["Y"] + ns["Z"]).device == ns["try_gpu"](1)


def test_model_on_try_gpu():
    sec, _ = run("pytorch", "model")
    ns = sec.ns
    device = ns["try_gpu"]()
    assert ns["net"](ns["X"]).device == device and all(p.device == device for p in ns["net"].parameters())
    assert ns["net"].to(device) is ns["net"]  # a module's to changes the module and returns it


@with_gpu
def test_gpu_machine_defaults_and_mixed_devices():
    sec, _ = run("pytorch", "create")
    assert sec.ns["X"].device == torch.device("cuda:0")
    with pytest.raises(RuntimeError):
        sec.ns["X"] + torch.ones(2, 3)
