"""What "파일 입출력" (read-write.md) says, checked against its TensorFlow tab."""
import os
import shutil
import tempfile

import pytest
import numpy as np
import tensorflow as tf

from files import run_in_empty_cwd
from section import ROOT, Section

PATH = os.path.join(ROOT, "chapters", "chapter_builders-guide", "read-write.md")
DEMOS = ["imports", "folder", "tensor", "list", "dict", "mlp", "save", "load", "compare", "cleanup"]
FILES = ["mlp.weights.h5", "mydict.npz", "x-file", "x-files.npz"]


@pytest.fixture
def run():
    """run(demo): a fresh run through ``demo``; its temporary folder is removed afterwards."""
    made = []

    def through(demo):
        sec = Section("tensorflow", PATH)
        sec.run_through(DEMOS.index(demo))
        made.append(sec.ns["folder"])
        return sec
    yield through
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


def test_every_demo_is_in_the_tab():
    assert len(Section("tensorflow", PATH).cells) == len(DEMOS)


def test_folder_is_a_new_empty_temporary_folder(run):
    sec = run("folder")
    folder = sec.ns["folder"]
    assert os.path.dirname(folder) == tempfile.gettempdir() and os.listdir(folder) == []
    assert run("folder").ns["folder"] != folder  # a new name on every run


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a.numpy(), b.numpy())


def test_tensor_round_trip(run):
    sec = run("tensor")
    assert same(sec.ns["x"], sec.ns["x2"]) and sec.ns["x2"].dtype == tf.int32


def test_parse_tensor_needs_the_stored_dtype(run):
    sec = run("tensor")
    data = tf.io.read_file(os.path.join(sec.ns["folder"], "x-file"))
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.io.parse_tensor(data, out_type=tf.float32)


def test_list_round_trip_and_the_names_np_savez_gives(run):
    sec = run("list")
    assert same(sec.ns["x"], sec.ns["x2"]) and same(sec.ns["y"], sec.ns["y2"])
    assert sec.ns["files"].files == ["arr_0", "arr_1"]


def test_dict_round_trip(run):
    sec = run("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert list(mydict2) == ["x", "y"] and sec.ns["files"].files == ["x", "y"]
    assert all(same(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run):
    sec = run("mlp")
    assert tuple(sec.ns["Y"].shape) == (2, 10)
    assert [tuple(w.shape) for w in sec.ns["net"].weights] == [(20, 256), (256,), (256, 10), (10,)]


def test_save_weights_wants_the_weights_h5_ending(run):
    sec = run("save")
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        sec.ns["net"].save_weights(os.path.join(sec.ns["folder"], "mlp.h5"))


def test_an_unbuilt_model_cannot_load_weights(run):
    sec = run("save")
    fresh = sec.ns["MLP"]()
    with pytest.raises(ValueError, match="not yet been built"):
        fresh.load_weights(os.path.join(sec.ns["folder"], "mlp.weights.h5"))


def test_loaded_model_is_identical(run):
    sec = run("compare")
    net, clone = sec.ns["net"], sec.ns["clone"]
    for w, w2 in zip(net.weights, clone.weights):
        assert same(w, w2)
    assert same(sec.ns["Y_clone"], sec.ns["Y"])
    assert not np.array_equal(sec.ns["MLP"]()(sec.ns["X"]).numpy(), sec.ns["Y"].numpy())  # a new MLP alone would differ


def test_files_only_in_the_temporary_folder_and_removed_at_the_end():
    sec, left, before, after = run_in_empty_cwd("tensorflow", PATH)
    assert left == [] and after == before
    assert sec.stdout[DEMOS.index("cleanup")] == f"{FILES}\n"
    assert not os.path.exists(sec.ns["folder"])
    printed = "".join(sec.stdout)
    assert sec.ns["folder"] not in printed and tempfile.gettempdir() not in printed


def test_the_file_holds_weights_only(run):
    import h5py
    sec = run("save")
    arrays = []
    with h5py.File(os.path.join(sec.ns["folder"], "mlp.weights.h5"), "r") as f:
        f.visititems(lambda name, item: arrays.append(item.shape) if isinstance(item, h5py.Dataset) else None)
    assert sorted(arrays) == sorted([(20, 256), (256,), (256, 10), (10,)])
