"""Claims the PyTorch tab of "파라미터 초기화" makes about PyTorch itself."""
import inspect
import math

import pytest
import torch
from torch import nn

from conftest import DEMOS, FAN_IN
from section import INIT_PARAM, Section
from stats import assert_symmetric_uniform


def run(demo):
    sec = Section("pytorch", INIT_PARAM)
    sec.run_through(DEMOS.index(demo))
    return sec


def test_the_number_of_outputs_does_not_enter_the_default_range():
    for fan_out in (50, 2000):
        layer = nn.Linear(FAN_IN, fan_out)  # made, never called: already filled
        assert_symmetric_uniform(layer.weight.detach().numpy(), 1 / math.sqrt(FAN_IN))


def test_the_hidden_layers_range_ends_near_041():
    assert round(1 / math.sqrt(6), 2) == 0.41
    w = run("default").ns["net"][0].weight.detach()
    assert w.abs().max().item() <= 1 / math.sqrt(6)


@pytest.mark.parametrize("fill", [lambda t: nn.init.normal_(t, std=0.01), nn.init.zeros_,
                                  lambda t: nn.init.constant_(t, 0.5), nn.init.xavier_uniform_,
                                  lambda t: nn.init.uniform_(t, 5, 10)])
def test_init_functions_overwrite_the_tensor_and_return_it(fill):
    t = torch.full((4, 6), 123.0)
    assert fill(t) is t and not torch.any(t == 123)


def test_relu_has_no_parameters_so_linears_holds_the_two_linear_layers():
    sec = run("normal")
    net = sec.ns["net"]
    assert list(nn.ReLU().parameters()) == []
    assert sec.ns["linears"] == [net[0], net[2]]


def test_the_initializers_of_nn_init_are_plain_functions():
    own = {name: obj for name, obj in vars(nn.init).items()
           if not name.startswith("_") and getattr(obj, "__module__", None) == "torch.nn.init"}
    assert "normal_" in own and "xavier_uniform_" in own
    assert all(inspect.isfunction(obj) for obj in own.values()), [n for n, o in own.items() if not inspect.isfunction(o)]


def test_overwriting_a_parameter_needs_no_grad():
    layer = nn.Linear(4, 8)
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        layer.weight.copy_(torch.zeros(8, 4))
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        layer.weight.mul_(0.1)
    sec = run("custom")
    assert sec.ns["two_bands_"](layer.weight) is layer.weight  # the book's function works: no_grad inside


def test_custom_cell_reports_each_linear_layer_once():
    printed = run("custom").stdout[DEMOS.index("custom")].splitlines()
    assert [line for line in printed if line.startswith("초기화:")] == ["초기화: (10, 6)", "초기화: (3, 10)"]


def test_methods_ending_in_an_underscore_work_in_place():
    t = torch.ones(3)
    assert t.mul_(0.1) is t and torch.allclose(t, torch.full((3,), 0.1))


def test_manual_seed_returns_a_generator():
    assert isinstance(torch.manual_seed(0), torch.Generator)
