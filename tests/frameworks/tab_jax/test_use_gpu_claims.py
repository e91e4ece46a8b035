"""What "GPU" (use-gpu.md) says, checked against its JAX tab."""
import os
import subprocess
import sys

import jax
import pytest

from gpu_claims import DEMOS, PATH, check_try_gpu_logic, no_gpu, run, with_gpu
from section import Section

CPU = jax.devices("cpu")[0]


def test_every_demo_is_in_the_tab():
    assert len(Section("jax", PATH).cells) == len(DEMOS)


def test_cpu_is_one_device():
    sec, _ = run("jax", "devices")
    assert sec.ns["cpu"]() == CPU and len(jax.devices("cpu")) == 1


@no_gpu
def test_asking_for_a_missing_gpu_raises_at_once():
    sec, printed = run("jax", "devices")
    assert printed == "이 기계에는 GPU가 없습니다\n"
    with pytest.raises(RuntimeError):
        jax.devices("gpu")
    with pytest.raises(RuntimeError):
        jax.device_count("gpu")


@no_gpu
def test_no_gpu_here():
    sec, _ = run("jax", "try")
    ns = sec.ns
    assert ns["num_gpus"]() == 0
    assert (ns["try_gpu"](), ns["try_gpu"](10), ns["try_all_gpus"]()) == (CPU, CPU, [CPU])


def test_try_gpu_logic():
    check_try_gpu_logic("jax")


@no_gpu
def test_arrays_start_on_the_cpu_the_default_backend():
    sec, printed = run("jax", "tensor_device")
    assert printed == "cpu\n" and jax.default_backend() == "cpu"
    assert sec.ns["x"].device == CPU


def test_array_put_on_try_gpu():
    sec, _ = run("jax", "create")
    X = sec.ns["X"]
    assert X.device == sec.ns["try_gpu"]() and X.committed
    assert (X == 1).all() and X.shape == (2, 3)


def test_device_put_returns_a_new_array_even_on_the_same_device():
    sec, printed = run("jax", "copy")
    ns = sec.ns
    assert printed == "False\n" and ns["Z"] is not ns["X"] and ns["Z"].device == ns["X"].device
    assert (ns["Y"] + ns["Z"]).device == ns["try_gpu"](1)


def test_arrays_committed_to_different_devices_do_not_mix():
    """Two CPU devices stand in for two GPUs (XLA can split the host in two)."""
    code = ("import jax, jax.numpy as jnp\n"
            "a, b = (jax.device_put(jnp.ones(3), d) for d in jax.devices()[:2])\n"
            "try:\n    a + b\nexcept ValueError:\n    print('ValueError')\n")
    env = dict(os.environ, XLA_FLAGS="--xla_force_host_platform_device_count=2", JAX_PLATFORMS="cpu")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "ValueError"


def test_device_put_moves_the_whole_parameter_tree():
    sec, _ = run("jax", "model")
    ns = sec.ns
    device = ns["try_gpu"]()
    assert all(leaf.device == device for leaf in jax.tree_util.tree_leaves(ns["params"]))
    assert ns["net"].apply(ns["params"], ns["X"]).device == device


@with_gpu
def test_gpu_jax_starts_on_the_gpu():
    sec, _ = run("jax", "tensor_device")
    assert jax.default_backend() == "gpu" and sec.ns["x"].device == jax.devices("gpu")[0]
