"""Claims the JAX tab of "파라미터 초기화" makes about JAX and Flax themselves."""
import jax
import pytest
from flax import linen as nn

from conftest import DEMOS
from section import Section


def test_flax_initializers_are_jax_initializers():
    for name in ("normal", "constant", "xavier_uniform", "lecun_normal", "zeros"):
        assert getattr(nn.initializers, name) is getattr(jax.nn.initializers, name)


def test_init_returns_a_plain_dict_tree():
    sec = Section("jax")
    sec.run_through(DEMOS.index("default"))
    params = sec.ns["params"]
    assert type(params) is dict and type(params["params"]) is dict
    assert sorted(params["params"]) == ["layers_0", "layers_2"]  # nn.relu has no parameters
    assert params["params"]["layers_0"]["kernel"].shape == (4, 8)  # (inputs, outputs), unlike PyTorch


def test_arrays_are_immutable():
    kernel = jax.numpy.zeros((2, 2))
    with pytest.raises(TypeError):
        kernel[0, 0] = 42


def test_edit_cell_says_so_and_the_new_tree_runs():
    sec = Section("jax")
    printed = sec.run_through(DEMOS.index("edit"))
    assert printed.splitlines()[0] == "JAX 배열은 제자리에서 바꿀 수 없습니다"
    out = sec.ns["net"].apply(sec.ns["new_params"], sec.ns["X"])
    assert out.shape == (2, 1)
