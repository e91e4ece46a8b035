"""What "파일 입출력" (read-write.md) says, checked against its MXNet tab."""
import os

import pytest
import numpy as onp
from mxnet import np, npx


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and onp.array_equal(a.asnumpy(), b.asnumpy())


def test_tensor_round_trip_comes_back_in_a_list(run_read_write):
    sec = run_read_write("tensor")
    x, x2 = sec.ns["x"], sec.ns["x2"]
    assert type(x2) is list and len(x2) == 1  # npx.load returns a list even for one tensor
    assert same(x, x2[0])


def test_list_round_trip(run_read_write):
    sec = run_read_write("list")
    assert same(sec.ns["x"], sec.ns["x2"]) and same(sec.ns["y"], sec.ns["y2"])


def test_dict_round_trip(run_read_write):
    sec = run_read_write("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert type(mydict2) is dict and sorted(mydict2) == ["x", "y"]
    assert all(same(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run_read_write):
    sec = run_read_write("mlp")
    assert sec.ns["Y"].shape == (2, 10)
    shapes = [p.shape for p in sec.ns["net"].collect_params().values()]
    assert shapes == [(256, 20), (256,), (10, 256), (10,)]


def test_load_parameters_needs_no_initialize(run_read_write):
    sec = run_read_write("load")
    clone = sec.ns["clone"]
    assert [p.shape for p in clone.collect_params().values()] == [(256, 20), (256,), (10, 256), (10,)]
    fresh = sec.ns["MLP"]()
    with pytest.raises(RuntimeError):
        fresh(sec.ns["X"])  # neither initialized nor loaded: no values to compute with


def test_loaded_model_is_identical(run_read_write):
    sec = run_read_write("compare")
    net, clone = sec.ns["net"], sec.ns["clone"]
    for p, p2 in zip(net.collect_params().values(), clone.collect_params().values()):
        assert same(p.data(), p2.data())
    assert same(sec.ns["Y_clone"], sec.ns["Y"])
    fresh = sec.ns["MLP"]()
    fresh.initialize()
    assert not onp.array_equal(fresh(sec.ns["X"]).asnumpy(), sec.ns["Y"].asnumpy())  # a new MLP alone would differ


def test_the_file_holds_parameter_values_only(run_read_write):
    sec = run_read_write("save")
    state = npx.load(os.path.join(sec.ns["folder"], "mlp.params"))
    assert type(state) is dict and len(state) == 4
    assert all(isinstance(k, str) and isinstance(v, np.ndarray) for k, v in state.items())
