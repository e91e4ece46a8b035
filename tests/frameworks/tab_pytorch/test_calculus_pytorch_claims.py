"""What only the PyTorch tab of 미적분 (calculus.md) says; the claims every tab makes are in
../test_calculus_claims.py."""
import prelim_claims as pc

TAB = "pytorch"


def test_to_numpy_detaches_a_recording_tensor_first():
    import pytest
    sec = pc.run(TAB, pc.CALCULUS, "x")
    recording = sec.ns["x"].clone().requires_grad_(True) * 2
    with pytest.raises(RuntimeError):
        recording.numpy()  # why to_numpy detaches
    out = pc.check_to_numpy(sec, recording)
    assert (out == (sec.ns["x"] * 2).numpy()).all()
