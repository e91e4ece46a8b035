"""What every tab of "파일 입출력" (read-write.md) shares: its demos, in order, and the
files each framework's cells write into the temporary folder (what the last cell prints)."""

from section import chapter

PATH = chapter("read-write")
DEMOS = ["imports", "folder", "tensor", "list", "dict", "mlp", "save", "load", "compare", "cleanup"]
FILES = {
    "mxnet": ["mlp.params", "mydict", "x-file", "x-files"],
    "pytorch": ["mlp.params", "mydict", "x-file", "x-files"],
    "tensorflow": ["mlp.weights.h5", "mydict.npz", "x-file", "x-files.npz"],
    "jax": ["mlp.msgpack", "mydict.msgpack", "x-file.npy", "x-files.msgpack"],
}
