"""Claims the MXNet tab of "파라미터 초기화" makes about MXNet itself."""
import numpy as np

from conftest import DEMOS
from section import Section


def test_init_weight_is_called_once_per_weight_and_never_for_a_bias():
    sec = Section("mxnet")
    lines = sec.run_through(DEMOS.index("custom")).splitlines()
    assert len(lines) == 2
    assert all(line.startswith("초기화 ") and line.split()[1].endswith("_weight") for line in lines)
    assert [line.split(" ", 2)[2] for line in lines] == ["(8, 4)", "(1, 8)"]
    assert np.all(sec.ns["net"][0].bias.data().asnumpy() == 0)


def test_force_reinit_is_what_makes_initialize_start_over():
    from mxnet import init
    sec = Section("mxnet")
    sec.run_through(DEMOS.index("default"))
    net = sec.ns["net"]
    before = net[0].weight.data().asnumpy().copy()
    net.initialize(init=init.Constant(1))  # already initialized: MXNet keeps the values
    np.testing.assert_array_equal(net[0].weight.data().asnumpy(), before)
    net.initialize(init=init.Constant(1), force_reinit=True)
    assert np.all(net[0].weight.data().asnumpy() == 1)
