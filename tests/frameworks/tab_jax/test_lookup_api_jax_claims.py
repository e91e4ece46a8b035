"""Claims of "문서 찾기" in the jax tab beyond the shared ones (test_lookup_api_claims.py)."""
import pytest
from jax import numpy as jnp


def test_an_error_message_gives_the_address_of_the_docs(fw):
    with pytest.raises(TypeError, match=r"https://docs\.jax\.dev/"):
        jnp.zeros(3)[0] = 1.0
