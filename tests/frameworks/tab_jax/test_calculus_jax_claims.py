"""What only the JAX tab of 미적분 (calculus.md) says; the claims every tab makes are in
../test_calculus_claims.py."""
import prelim_claims as pc

TAB = "jax"


def test_to_numpy_is_device_get():
    import jax
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    assert isinstance(x, jax.Array)
    assert (pc.check_to_numpy(sec, x) == jax.device_get(x)).all()
