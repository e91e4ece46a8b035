"""The d2l helper module of one framework, in that framework's own environment."""
import importlib.metadata

import numpy as np

import fresh
from conftest import MODULES


def test_module_imports_only_its_own_framework(fw):
    others = [m for m in MODULES.values() if m != fw.module]
    loaded = [m for m in fresh.report(fw.module)["loaded"] if m in others]
    assert loaded == [], f"d2l.{fw.module} also imported {loaded}"


def test_version_has_one_source(fw):
    import d2l
    assert importlib.metadata.version("d2l-ko") == d2l.__version__


def test_set_seed_makes_draws_repeat(fw):
    fw.d2l.set_seed(7)
    first = fw.draw()
    fw.d2l.set_seed(7)
    again = fw.draw()
    fw.d2l.set_seed(8)
    other = fw.draw()
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    assert fw.d2l.get_seed() == 8


def test_draws_after_one_seed_differ(fw):
    fw.d2l.set_seed(0)
    assert not np.array_equal(fw.draw(), fw.draw())
