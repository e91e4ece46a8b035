"""Claims of "데이터 전처리" in the pytorch tab beyond the shared ones (test_pandas_claims.py)."""
import shutil

import torch

from section import Section
from test_pandas_claims import DEMOS, PATH


def test_the_tensors_are_the_frameworks_own(fw):
    sec = Section(fw.tab, PATH)
    try:
        sec.run_through(DEMOS.index("tensors"))
        assert isinstance(sec.ns["X"], torch.Tensor) and isinstance(sec.ns["y"], torch.Tensor)
    finally:
        shutil.rmtree(sec.ns["folder"], ignore_errors=True)
