"""What only the TensorFlow tab of 미적분 (calculus.md) says; the claims every tab makes are in
../test_calculus_claims.py."""
import prelim_claims as pc

TAB, MODULE = "tensorflow", "tensorflow"


def test_d2l_imports_matplotlib_only_inside_its_functions_but_tensorflow_imports_it():
    pc.check_d2l_import_leaves_matplotlib(MODULE, framework_imports_it=True)


def test_to_numpy_takes_tensors_and_variables():
    import tensorflow as tf
    sec = pc.run(TAB, pc.CALCULUS, "x")
    x = sec.ns["x"]
    assert (pc.check_to_numpy(sec, x) == x.numpy()).all()
    v = tf.Variable(x)
    assert (pc.check_to_numpy(sec, v) == x.numpy()).all()
