"""What only the MXNet tab of 미적분 (calculus.md) says; the claims every tab makes are in
../test_calculus_claims.py."""
import prelim_claims as pc

TAB = "mxnet"


def test_to_numpy_uses_asnumpy():
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    out = pc.check_to_numpy(sec, x)
    assert hasattr(x, "asnumpy") and (out == x.asnumpy()).all() and out.shape == (81,)
