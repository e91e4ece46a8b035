"""What "GPU" (use-gpu.md) says, checked against its MXNet tab."""
import mxnet as mx
import numpy as onp
import pytest
from mxnet import np

from gpu_claims import DEMOS, PATH, check_try_gpu_logic, no_gpu, run, with_gpu
from section import Section

CPU = mx.cpu()


def test_every_demo_is_in_the_tab():
    assert len(Section("mxnet", PATH).cells) == len(DEMOS)


def test_devices_are_contexts():
    sec, _ = run("mxnet", "devices")
    ns = sec.ns
    assert ns["cpu"]() == mx.cpu(0) and ns["gpu"]() == mx.gpu(0) and ns["gpu"](1) == mx.gpu(1)
    assert all(isinstance(d, mx.Context) for d in (ns["cpu"](), ns["gpu"](1)))


@no_gpu
def test_a_tensor_on_a_missing_gpu_fails_only_when_made():
    sec, _ = run("mxnet", "devices")
    ctx = sec.ns["gpu"](1)  # making the context works
    with pytest.raises(mx.base.MXNetError):
        np.ones(1, ctx=ctx).asnumpy()


def test_num_gpus_is_npx_num_gpus():
    sec, _ = run("mxnet", "num_gpus")
    assert sec.ns["num_gpus"]() == mx.context.num_gpus()


@no_gpu
def test_no_gpu_here():
    sec, _ = run("mxnet", "try")
    ns = sec.ns
    assert ns["num_gpus"]() == 0
    assert (ns["try_gpu"](), ns["try_gpu"](10), ns["try_all_gpus"]()) == (CPU, CPU, [CPU])


def test_try_gpu_logic():
    check_try_gpu_logic("mxnet")


def test_tensors_start_on_the_cpu():
    sec, _ = run("mxnet", "tensor_device")
    assert sec.ns["x"].ctx == CPU


def test_tensor_made_on_try_gpu():
    sec, _ = run("mxnet", "create")
    X = sec.ns["X"]
    assert X.ctx == sec.ns["try_gpu"]() and onp.array_equal(X.asnumpy(), onp.ones((2, 3)))


def test_as_in_ctx_returns_the_tensor_itself_and_copyto_copies():
    sec, printed = run("mxnet", "copy")
    ns = sec.ns
    assert printed == f"{ns['try_gpu'](1) == ns['X'].ctx}\n"
    X = ns["X"]
    assert X.as_in_ctx(X.ctx) is X and X.copyto(X.ctx) is not X
    assert (ns["Y"] + ns["Z"]).ctx == ns["try_gpu"](1)


def test_model_on_try_gpu():
    sec, _ = run("mxnet", "model")
    ns = sec.ns
    ctx = ns["try_gpu"]()
    assert ns["net"](ns["X"]).ctx == ctx
    assert all(p.list_ctx() == [ctx] for p in ns["net"].collect_params().values())


@with_gpu
def test_gpu_machine_mixed_devices_fail():
    sec, _ = run("mxnet", "create")
    assert sec.ns["X"].ctx == mx.gpu(0)
    with pytest.raises(mx.base.MXNetError):
        (sec.ns["X"] + np.ones((2, 3), ctx=mx.cpu())).asnumpy()
