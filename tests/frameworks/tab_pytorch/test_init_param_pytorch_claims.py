"""Claims the PyTorch tab of "파라미터 초기화" makes about PyTorch itself."""
import pytest
import torch
from torch import nn

from conftest import DEMOS
from section import Section


def test_lazy_linear_becomes_linear_after_the_first_input():
    layer = nn.LazyLinear(8)
    assert type(layer) is nn.LazyLinear
    layer(torch.rand(2, 4))
    assert type(layer) is nn.Linear and layer.weight.shape == (8, 4)


def test_in_place_edit_of_a_parameter_needs_no_grad():
    layer = nn.Linear(4, 8)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        layer.weight += 1
    with torch.no_grad():
        layer.weight += 1  # allowed


def test_relu_takes_a_place_so_the_second_linear_is_net_2():
    sec = Section("pytorch")
    sec.run_through(DEMOS.index("default"))
    net = sec.ns["net"]
    assert isinstance(net[1], nn.ReLU) and isinstance(net[2], nn.Linear)


def test_my_init_reports_each_linear_layer_once():
    sec = Section("pytorch")
    printed = sec.run_through(DEMOS.index("custom"))
    assert printed.splitlines() == ["초기화 weight torch.Size([8, 4])", "초기화 weight torch.Size([1, 8])"]
