"""What only the PyTorch tab of 확률과 통계 (probability.md) says; the claims every tab makes are in
../test_probability_claims.py."""
import pytest
import torch

import prelim_claims as pc

TAB = "pytorch"


def numpy(x):
    return x.detach().numpy()


def test_multinomial_without_replacement_cannot_draw_more_than_four():
    with pytest.raises(RuntimeError):
        torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 10)


@pytest.mark.parametrize("seed", [None, 4])
def test_expectation_and_variance(seed):
    sec = pc.run(TAB, pc.PROBABILITY, "moments", seed=seed)
    ns = sec.ns
    pc.check_moments([ns["mean"], ns["var"], ns["sample"].mean(), ns["sample"].var()])


def test_var_divides_by_n_minus_one():
    sec = pc.run(TAB, pc.PROBABILITY, "moments")
    sample = sec.ns["sample"]
    pc.check_variance_divisor(numpy(sample), sample.var(), unbiased=True)
    biased = float(sample.var(unbiased=False))
    assert abs(float(sample.var()) / biased - 1 - 0.0001) < 2e-6  # "0.01%쯤"
