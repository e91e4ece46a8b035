"""TensorFlow helpers for the book: ``from d2l import tensorflow as d2l``."""
import os

# TensorFlow's C++ start-up messages go to the notebook's output otherwise; this
# only takes effect when d2l is imported before TensorFlow itself.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

_seed = 0


def set_seed(seed=0):
    """Seed Python's, NumPy's and TensorFlow's random generators (Keras's
    initializers included), so that a notebook run twice prints the same numbers."""
    global _seed
    _seed = int(seed)
    tf.keras.utils.set_random_seed(_seed)


def get_seed():
    """The seed last given to :func:`set_seed` (0 until then)."""
    return _seed
