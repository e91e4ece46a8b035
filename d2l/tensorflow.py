"""TensorFlow helpers for the book: ``from d2l import tensorflow as d2l``."""
import os

# TensorFlow's C++ start-up messages go to the notebook's output otherwise; this
# only takes effect when d2l is imported before TensorFlow itself.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

from d2l._seeding import seeder  # noqa: E402

# Keras's initializers draw from the seed that this sets, too.
set_seed, get_seed = seeder(tf.keras.utils.set_random_seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

