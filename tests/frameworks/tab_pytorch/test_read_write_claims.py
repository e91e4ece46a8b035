"""What "파일 입출력" (read-write.md) says, checked against its PyTorch tab."""
import os
import shutil
import tempfile

import pytest
import torch

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
        sec = Section("pytorch", PATH)
        sec.run_through(DEMOS.index(demo))
        made.append(sec.ns["folder"])
        return sec
    yield through
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


def test_every_demo_is_in_the_tab():
    assert len(Section("pytorch", PATH).cells) == len(DEMOS)


def test_folder_is_a_new_empty_temporary_folder(run):
    sec = run("folder")
    folder = sec.ns["folder"]
    assert os.path.dirname(folder) == tempfile.gettempdir() and os.listdir(folder) == []
    assert run("folder").ns["folder"] != folder  # a new name on every run


def test_tensor_round_trip(run):
    sec = run("tensor")
    x, x2 = sec.ns["x"], sec.ns["x2"]
    assert torch.equal(x, x2) and x2.dtype == x.dtype == torch.int64


def test_list_round_trip(run):
    sec = run("list")
    for a, b in ((sec.ns["x"], sec.ns["x2"]), (sec.ns["y"], sec.ns["y2"])):
        assert torch.equal(a, b) and a.dtype == b.dtype


def test_dict_round_trip(run):
    sec = run("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert list(mydict2) == ["x", "y"]
    assert all(torch.equal(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run):
    sec = run("mlp")
    assert tuple(sec.ns["Y"].shape) == (2, 10)
    assert {k: tuple(v.shape) for k, v in sec.ns["net"].state_dict().items()} == {
        "hidden.weight": (256, 20), "hidden.bias": (256,), "output.weight": (10, 256), "output.bias": (10,)}


def test_load_state_dict_matches_every_key(run):
    sec = run("load")
    result = sec.ns["clone"].load_state_dict(torch.load(os.path.join(sec.ns["folder"], "mlp.params")))
    assert result.missing_keys == [] and result.unexpected_keys == []
    assert str(result) == "<All keys matched successfully>"


def test_loaded_model_is_identical(run):
    sec = run("compare")
    net, clone = sec.ns["net"], sec.ns["clone"]
    for (name, p), (name2, p2) in zip(net.state_dict().items(), clone.state_dict().items()):
        assert name == name2 and torch.equal(p, p2)
    assert torch.equal(sec.ns["Y_clone"], sec.ns["Y"])
    assert not torch.equal(sec.ns["MLP"]()(sec.ns["X"]), sec.ns["Y"])  # a new MLP alone would differ


def test_files_only_in_the_temporary_folder_and_removed_at_the_end():
    sec, left, before, after = run_in_empty_cwd("pytorch", PATH)
    assert left == [] and after == before
    assert sec.stdout[DEMOS.index("cleanup")] == f"{FILES}\n"
    assert not os.path.exists(sec.ns["folder"])
    printed = "".join(sec.stdout)
    assert sec.ns["folder"] not in printed and tempfile.gettempdir() not in printed


def test_the_file_holds_parameter_values_only(run):
    sec = run("save")
    state = torch.load(os.path.join(sec.ns["folder"], "mlp.params"))
    assert all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items())
