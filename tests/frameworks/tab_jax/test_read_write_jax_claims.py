"""What "파일 입출력" (read-write.md) says, checked against its JAX tab."""
import os

import jax
import numpy as np


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(np.asarray(a), np.asarray(b))


def leaves_equal(tree, tree2):
    assert jax.tree_util.tree_structure(tree) == jax.tree_util.tree_structure(tree2)
    return all(same(a, b) for a, b in zip(jax.tree_util.tree_leaves(tree), jax.tree_util.tree_leaves(tree2)))


def test_tensor_round_trip_gives_a_jax_array(run_read_write):
    sec = run_read_write("tensor")
    assert isinstance(sec.ns["x2"], jax.Array) and same(sec.ns["x"], sec.ns["x2"])


def test_list_round_trip_gives_numpy_leaves(run_read_write):
    sec = run_read_write("list")
    assert same(sec.ns["x"], sec.ns["x2"]) and same(sec.ns["y"], sec.ns["y2"])
    assert type(sec.ns["x2"]) is np.ndarray and type(sec.ns["y2"]) is np.ndarray


def test_dict_round_trip(run_read_write):
    sec = run_read_write("dict")
    mydict, mydict2 = sec.ns["mydict"], sec.ns["mydict2"]
    assert type(mydict2) is dict and list(mydict2) == ["x", "y"]
    assert all(same(mydict[k], mydict2[k]) for k in mydict)


def test_mlp_shapes(run_read_write):
    sec = run_read_write("mlp")
    assert sec.ns["Y"].shape == (2, 10)
    shapes = jax.tree_util.tree_map(lambda a: a.shape, sec.ns["params"])
    assert shapes == {"params": {"hidden": {"kernel": (20, 256), "bias": (256,)},
                                 "output": {"kernel": (256, 10), "bias": (10,)}}}


def test_template_has_the_structure_but_not_the_values(run_read_write):
    sec = run_read_write("load")
    params, template, clone_params = sec.ns["params"], sec.ns["template"], sec.ns["clone_params"]
    assert jax.tree_util.tree_structure(template) == jax.tree_util.tree_structure(params)
    assert not same(template["params"]["hidden"]["kernel"], params["params"]["hidden"]["kernel"])
    assert leaves_equal(params, clone_params)


def test_loaded_model_is_identical(run_read_write):
    sec = run_read_write("compare")
    assert same(sec.ns["Y_clone"], sec.ns["Y"])
    with_template = sec.ns["net"].apply(sec.ns["template"], sec.ns["X"])
    assert not np.array_equal(np.asarray(with_template), np.asarray(sec.ns["Y"]))  # new parameters alone would differ


def test_the_file_holds_the_parameter_tree_only(run_read_write):
    from flax import serialization
    sec = run_read_write("save")
    with open(os.path.join(sec.ns["folder"], "mlp.msgpack"), "rb") as f:
        tree = serialization.msgpack_restore(f.read())
    assert leaves_equal(tree, sec.ns["params"])


def test_npy_is_numpys_format_and_numpy_leaves_compute_as_jax_arrays(run_read_write):
    sec = run_read_write("list")
    np.testing.assert_array_equal(np.load(os.path.join(sec.ns["folder"], "x-file.npy")), np.asarray(sec.ns["x"]))
    assert isinstance(jax.numpy.add(sec.ns["x2"], 1), jax.Array)
