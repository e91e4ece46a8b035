"""What "GPU" (use-gpu.md) says, checked against its TensorFlow tab."""
import numpy as np
import tensorflow as tf

from gpu_claims import DEMOS, PATH, check_try_gpu_logic, no_gpu, run, with_gpu
from section import Section


def on(device_name, tensor_device):
    """Whether a tensor's full device name is the short name '/CPU:0' or '/GPU:i'."""
    return tensor_device.endswith("device:" + device_name.lstrip("/"))


def test_every_demo_is_in_the_tab():
    assert len(Section("tensorflow", PATH).cells) == len(DEMOS)


def test_devices_are_names():
    sec, _ = run("tensorflow", "devices")
    ns = sec.ns
    assert (ns["cpu"](), ns["gpu"](), ns["gpu"](1)) == ("/CPU:0", "/GPU:0", "/GPU:1")
    assert len(tf.config.list_physical_devices("CPU")) == 1  # one CPU device, however many cores


def test_num_gpus_counts_physical_gpus():
    sec, _ = run("tensorflow", "num_gpus")
    assert sec.ns["num_gpus"]() == len(tf.config.list_physical_devices("GPU"))


@no_gpu
def test_no_gpu_here():
    sec, _ = run("tensorflow", "try")
    ns = sec.ns
    assert ns["num_gpus"]() == 0
    assert (ns["try_gpu"](), ns["try_gpu"](10), ns["try_all_gpus"]()) == ("/CPU:0", "/CPU:0", ["/CPU:0"])


def test_try_gpu_logic():
    check_try_gpu_logic("tensorflow")


@no_gpu
def test_tensors_start_on_the_cpu_and_device_is_the_full_name():
    sec, _ = run("tensorflow", "tensor_device")
    assert sec.ns["x"].device == "/job:localhost/replica:0/task:0/device:CPU:0"


@no_gpu
def test_soft_placement_puts_a_gpu_tensor_on_the_cpu():
    assert tf.config.get_soft_device_placement()
    with tf.device("/GPU:0"):
        t = tf.ones(2)
    assert on("/CPU:0", t.device)


def test_tensor_made_on_try_gpu():
    sec, _ = run("tensorflow", "create")
    X = sec.ns["X"]
    assert on(sec.ns["try_gpu"](), X.device) and np.array_equal(X.numpy(), np.ones((2, 3)))


def test_copy_and_sum_on_the_device_of_the_block():
    sec, _ = run("tensorflow", "copy")
    ns = sec.ns
    device = ns["try_gpu"](1)
    assert all(on(device, ns[k].device) for k in ("Y", "Z", "S"))
    np.testing.assert_array_equal(ns["S"].numpy(), ns["Y"].numpy() + ns["X"].numpy())


def test_model_weights_made_on_the_device_of_the_first_call():
    sec, _ = run("tensorflow", "model")
    ns = sec.ns
    device = ns["try_gpu"]()
    assert on(device, ns["out"].device)
    assert all(on(device, w.value.device) for w in ns["net"].weights)
    assert isinstance(ns["net"].layers[0].kernel.value, tf.Variable)


@with_gpu
def test_gpu_machine_places_on_the_gpu():
    sec, _ = run("tensorflow", "create")
    assert on("/GPU:0", sec.ns["X"].device)


@with_gpu
def test_gpu_machine_makes_tensors_on_the_first_gpu():
    """Without tf.device, TensorFlow places a new tensor on the first visible GPU."""
    sec, _ = run("tensorflow", "tensor_device")
    assert on("/GPU:0", sec.ns["x"].device)


@with_gpu
def test_inputs_on_different_devices_are_copied_not_refused():
    with tf.device("/CPU:0"):
        a = tf.ones(3)
    with tf.device("/GPU:0"):
        b = tf.ones(3)
        s = a + b  # TensorFlow copies a to the GPU itself
    assert on("/CPU:0", a.device) and on("/GPU:0", s.device)
    np.testing.assert_array_equal(s.numpy(), 2 * np.ones(3))
