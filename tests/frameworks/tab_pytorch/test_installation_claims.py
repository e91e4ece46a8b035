"""Claims the 설치 page makes about PyTorch's seed."""
import torch


def test_manual_seed_returns_a_generator_and_repeats_the_draws():
    assert isinstance(torch.manual_seed(0), torch.Generator)
    first = torch.randn(5)
    torch.manual_seed(0)
    again = torch.randn(5)
    torch.manual_seed(1)
    assert torch.equal(first, again) and not torch.equal(first, torch.randn(5))
