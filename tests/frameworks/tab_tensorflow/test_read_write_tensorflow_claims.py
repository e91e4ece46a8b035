"""What "파일 입출력" (read-write.md) says, checked against its TensorFlow tab."""
import os

import pytest
import numpy as np
import tensorflow as tf


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a.numpy(), b.numpy())


def test_tensor_round_trip(run_read_write):
    sec = run_read_write("tensor")
    assert same(sec.ns["x"], sec.ns["x2"]) and sec.ns["x2"].dtype == tf.int32


def test_parse_tensor_needs_the_stored_dtype(run_read_write):
    sec = run_read_write("tensor")
    data = tf.io.read_file(os.path.join(sec.ns["folder"], "x-file"))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.io.parse_tensor(data, out_type=tf.float32)


def test_list_round_trip_and_the_names_np_savez_gives(run_read_write):
    sec = run_read_write("list")
    assert same(sec.ns["x"], sec.ns["x2"]) and same(sec.ns["y"], sec.ns["y2"])
    assert sec.ns["files"].files == ["arr_0", "arr_1"]


def test_dict_round_trip(run_read_write):
    sec = run_read_write("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert list(mydict2) == ["x", "y"] and sec.ns["files"].files == ["x", "y"]
    assert all(same(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run_read_write):
    sec = run_read_write("mlp")
    assert tuple(sec.ns["Y"].shape) == (2, 10)
    assert [tuple(w.shape) for w in sec.ns["net"].weights] == [(20, 256), (256,), (256, 10), (10,)]


def test_save_weights_wants_the_weights_h5_ending(run_read_write):
    sec = run_read_write("save")
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        sec.ns["net"].save_weights(os.path.join(sec.ns["folder"], "mlp.h5"))


def test_an_unbuilt_model_cannot_load_weights(run_read_write):
    sec = run_read_write("save")
    fresh = sec.ns["MLP"]()
    with pytest.raises(ValueError, match="not yet been built"):
        fresh.load_weights(os.path.join(sec.ns["folder"], "mlp.weights.h5"))


def test_loaded_model_is_identical(run_read_write):
    sec = run_read_write("compare")
    net, clone = sec.ns["net"], sec.ns["clone"]
    for w, w2 in zip(net.weights, clone.weights):
        assert same(w, w2)
    assert same(sec.ns["Y_clone"], sec.ns["Y"])
    assert not np.array_equal(sec.ns["MLP"]()(sec.ns["X"]).numpy(), sec.ns["Y"].numpy())  # a new MLP alone would differ


def test_the_file_holds_weights_only(run_read_write):
    import h5py
    sec = run_read_write("save")
    arrays = []
    with h5py.File(os.path.join(sec.ns["folder"], "mlp.weights.h5"), "r") as f:
        f.visititems(lambda name, item: arrays.append(item.shape) if isinstance(item, h5py.Dataset) else None)
    assert sorted(arrays) == sorted([(20, 256), (256,), (256, 10), (10,)])
