"""Claims of "문서 찾기" in the tensorflow tab beyond the shared ones (test_lookup_api_claims.py)."""
from test_lookup_api_claims import run


def test_ones_like_is_ones_like_v2_of_array_ops(fw):
    sec = run(fw, "help")
    assert sec.stdout[-1].splitlines()[1] == \
        "Help on function ones_like_v2 in module tensorflow.python.ops.array_ops:"


def test_linear_operator_names_are_classes(fw):
    sec = run(fw, "dir")
    operators = [n for n in sec.ns["names"] if n.startswith("LinearOperator")]
    assert operators and all(isinstance(getattr(sec.ns["tf"].linalg, n), type) for n in operators)
