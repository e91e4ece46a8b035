"""What "파일 입출력" (read-write.md) says, checked against its PyTorch tab."""
import os

import torch


def test_tensor_round_trip(run_read_write):
    sec = run_read_write("tensor")
    x, x2 = sec.ns["x"], sec.ns["x2"]
    assert torch.equal(x, x2) and x2.dtype == x.dtype == torch.int64


def test_list_round_trip(run_read_write):
    sec = run_read_write("list")
    for a, b in ((sec.ns["x"], sec.ns["x2"]), (sec.ns["y"], sec.ns["y2"])):
        assert torch.equal(a, b) and a.dtype == b.dtype


def test_dict_round_trip(run_read_write):
    sec = run_read_write("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert list(mydict2) == ["x", "y"]
    assert all(torch.equal(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run_read_write):
    sec = run_read_write("mlp")
    assert tuple(sec.ns["Y"].shape) == (2, 10)
    assert {k: tuple(v.shape) for k, v in sec.ns["net"].state_dict().items()} == {
        "hidden.weight": (256, 20), "hidden.bias": (256,), "output.weight": (10, 256), "output.bias": (10,)}


def test_load_state_dict_matches_every_key(run_read_write):
    sec = run_read_write("load")
    result = sec.ns["clone"].load_state_dict(torch.load(os.path.join(sec.ns["folder"], "mlp.params")))
    assert result.missing_keys == [] and result.unexpected_keys == []
    assert str(result) == "<All keys matched successfully>"


def test_loaded_model_is_identical(run_read_write):
    sec = run_read_write("compare")
    net, clone = sec.ns["net"], sec.ns["clone"]
    for (name, p), (name2, p2) in zip(net.state_dict().items(), clone.state_dict().items()):
        assert name == name2 and torch.equal(p, p2)
    assert torch.equal(sec.ns["Y_clone"], sec.ns["Y"])
    assert not torch.equal(sec.ns["MLP"]()(sec.ns["X"]), sec.ns["Y"])  # a new MLP alone would differ


def test_the_file_holds_parameter_values_only(run_read_write):
    sec = run_read_write("save")
    state = torch.load(os.path.join(sec.ns["folder"], "mlp.params"))
    assert all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items())
