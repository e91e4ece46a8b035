"""What only the TensorFlow tab of 미적분 (calculus.md) says; the claims every tab makes are in
../test_calculus_claims.py."""
import prelim_claims as pc

TAB = "tensorflow"


def test_to_numpy_takes_tensors_and_variables():
    import tensorflow as tf
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    assert (pc.check_to_numpy(sec, x) == x.numpy()).all()
    v = tf.Variable(x)
    assert (pc.check_to_numpy(sec, v) == x.numpy()).all()
