"""Claims the 설치 page makes about MXNet: its last release needs an old NumPy, and
npx.random.seed makes MXNet's draws repeat."""
import sys

import numpy as onp
from mxnet import np, npx
import mxnet


def test_mxnet_1_9_1_runs_on_an_old_numpy_and_python_3_11():
    assert mxnet.__version__ == "1.9.1"
    assert tuple(int(p) for p in onp.__version__.split(".")[:2]) < (1, 24)
    assert sys.version_info[:2] <= (3, 11)


def test_the_same_seed_gives_the_same_draws():
    npx.set_np()
    draws = []
    for _ in range(2):
        npx.random.seed(0)
        draws.append(np.random.normal(0, 1, size=(5,)).asnumpy())
    npx.random.seed(1)
    other = np.random.normal(0, 1, size=(5,)).asnumpy()
    assert (draws[0] == draws[1]).all() and not (draws[0] == other).all()
