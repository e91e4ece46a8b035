"""What only the MXNet tab of 미적분 (calculus.md) says; the claims every tab makes are in
../test_calculus_claims.py."""
import prelim_claims as pc

TAB, MODULE = "mxnet", "mxnet"


def test_importing_d2l_does_not_import_matplotlib():
    pc.check_d2l_import_leaves_matplotlib(MODULE)


def test_to_numpy_uses_asnumpy():
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    out = pc.check_to_numpy(sec, x)
    assert hasattr(x, "asnumpy") and (out == x.asnumpy()).all() and out.shape == (81,)
