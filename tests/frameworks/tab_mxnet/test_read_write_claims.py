"""What "파일 입출력" (read-write.md) says, checked against its MXNet tab."""
import os
import shutil
import tempfile

import pytest
import numpy as onp
from mxnet import np, npx

from files import run_in_empty_cwd
from section import ROOT, Section

PATH = os.path.join(ROOT, "chapters", "chapter_builders-guide", "read-write.md")
DEMOS = ["imports", "folder", "tensor", "list", "dict", "mlp", "save", "load", "compare", "cleanup"]
FILES = ["mlp.params", "mydict", "x-file", "x-files"]


@pytest.fixture
def run():
    """run(demo): a fresh run through ``demo``; its temporary folder is removed afterwards."""
    made = []

    def through(demo):
        sec = Section("mxnet", PATH)
        sec.run_through(DEMOS.index(demo))
        made.append(sec.ns["folder"])
        return sec
    yield through
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


def test_every_demo_is_in_the_tab():
    assert len(Section("mxnet", PATH).cells) == len(DEMOS)


def test_folder_is_a_new_empty_temporary_folder(run):
    sec = run("folder")
    folder = sec.ns["folder"]
    assert os.path.dirname(folder) == tempfile.gettempdir() and os.listdir(folder) == []
    assert run("folder").ns["folder"] != folder  # a new name on every run


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and onp.array_equal(a.asnumpy(), b.asnumpy())


def test_tensor_round_trip_comes_back_in_a_list(run):
    sec = run("tensor")
    x, x2 = sec.ns["x"], sec.ns["x2"]
    assert type(x2) is list and len(x2) == 1  # npx.load returns a list even for one tensor
    assert same(x, x2[0])


def test_list_round_trip(run):
    sec = run("list")
    assert same(sec.ns["x"], sec.ns["x2"]) and same(sec.ns["y"], sec.ns["y2"])


def test_dict_round_trip(run):
    sec = run("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert type(mydict2) is dict and sorted(mydict2) == ["x", "y"]
    assert all(same(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run):
    sec = run("mlp")
    assert sec.ns["Y"].shape == (2, 10)
    shapes = [p.shape for p in sec.ns["net"].collect_params().values()]
    assert shapes == [(256, 20), (256,), (10, 256), (10,)]


def test_load_parameters_needs_no_initialize(run):
    sec = run("load")
    clone = sec.ns["clone"]
    assert [p.shape for p in clone.collect_params().values()] == [(256, 20), (256,), (10, 256), (10,)]
    fresh = sec.ns["MLP"]()
    with pytest.raises(RuntimeError):
        fresh(sec.ns["X"])  # neither initialized nor loaded: no values to compute with


def test_loaded_model_is_identical(run):
    sec = run("compare")
    net, clone = sec.ns["net"], sec.ns["clone"]
    for p, p2 in zip(net.collect_params().values(), clone.collect_params().values()):
        assert same(p.data(), p2.data())
    assert same(sec.ns["Y_clone"], sec.ns["Y"])
    fresh = sec.ns["MLP"]()
    fresh.initialize()
    assert not onp.array_equal(fresh(sec.ns["X"]).asnumpy(), sec.ns["Y"].asnumpy())  # a new MLP alone would differ


def test_files_only_in_the_temporary_folder_and_removed_at_the_end():
    sec, left, before, after = run_in_empty_cwd("mxnet", PATH)
    assert left == [] and after == before
    assert sec.stdout[DEMOS.index("cleanup")] == f"{FILES}\n"
    assert not os.path.exists(sec.ns["folder"])
    printed = "".join(sec.stdout)
    assert sec.ns["folder"] not in printed and tempfile.gettempdir() not in printed


def test_the_file_holds_parameter_values_only(run):
    sec = run("save")
    state = npx.load(os.path.join(sec.ns["folder"], "mlp.params"))
    assert type(state) is dict and len(state) == 4
    assert all(isinstance(k, str) and isinstance(v, np.ndarray) for k, v in state.items())
