"""What "사용자 정의 레이어" (custom-layer.md) says, checked against its MXNet tab."""

import numpy as onp
import pytest
from mxnet import np

from section import chapter, run_demo, Section

PATH = chapter("custom-layer")
DEMOS = ["imports", "centered", "centered_net", "my_dense", "dense_forward", "dense_net"]


def run(demo):
    return run_demo("mxnet", PATH, DEMOS, demo)


def test_every_demo_is_in_the_tab():
    assert len(Section("mxnet", PATH).cells) == len(DEMOS)


def test_centering_subtracts_the_mean_and_has_no_parameters():
    sec = run("centered")
    layer = sec.ns["layer"]
    onp.testing.assert_array_equal(layer(np.array([1.0, 2, 3, 4, 5])).asnumpy(), [-2, -1, 0, 1, 2])
    assert list(layer.collect_params().keys()) == []


def test_centered_network_output_has_mean_zero():
    sec = run("centered_net")
    Y, net = sec.ns["Y"], sec.ns["net"]
    assert Y.shape == (4, 128)
    assert abs(float(Y.mean())) < 1e-6
    assert abs(float(net[0](np.random.uniform(size=(4, 8))).mean())) > 1e-3  # the dense layer alone is not centered


def test_params_get_prefixes_the_block_name():
    sec = run("my_dense")
    dense = sec.ns["dense"]
    params = dense.collect_params()
    # MXNet numbers blocks of a class as it makes them: the section's first is mydense0,
    # whatever ran before it in this process
    assert dense.prefix.startswith("mydense") and dense.prefix.endswith("_")
    assert {name: p.shape for name, p in params.items()} == {dense.prefix + "weight": (5, 3), dense.prefix + "bias": (3,)}
    assert onp.all(sec.ns["dense"].bias.data().asnumpy() == 0)


def test_values_come_with_initialize_and_follow_each_parameters_init():
    sec = run("my_dense")
    dense = sec.ns["MyDense"](300, 700)
    with pytest.raises(RuntimeError):
        dense.weight.data()  # not initialized yet
    dense.initialize()  # the default would be U(-0.07, 0.07); each parameter's own init wins
    w = dense.weight.data().asnumpy()
    assert abs(w.mean()) < 0.01 and abs(w.std() - 1) < 0.01
    assert onp.all(dense.bias.data().asnumpy() == 0)


def test_forward_is_relu_of_xw_plus_b():
    sec = run("dense_forward")
    dense = sec.ns["dense"]
    X = np.random.normal(size=(6, 5))
    out = dense(X).asnumpy()
    w, b = dense.weight.data().asnumpy(), dense.bias.data().asnumpy()
    assert out.shape == (6, 3) and out.min() >= 0
    onp.testing.assert_allclose(out, onp.maximum(X.asnumpy() @ w + b, 0), rtol=1e-5, atol=1e-6)


def test_stacked_custom_layers():
    sec = run("dense_net")
    net = sec.ns["net"]
    assert [p.shape for p in net.collect_params().values()] == [(64, 8), (8,), (8, 1), (1,)]
    out = net(np.random.uniform(size=(2, 64)))
    assert out.shape == (2, 1) and float(out.min()) >= 0


def test_outputs_repeat_with_the_seed():
    runs = [run("dense_net").ns["net"][0].weight.data().asnumpy() for _ in range(2)]
    onp.testing.assert_array_equal(*runs)
