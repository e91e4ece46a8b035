"""MXNet helpers for the book: ``from d2l import mxnet as d2l``."""
import mxnet as mx

from d2l._seeding import seeder

set_seed, get_seed = seeder(mx.random.seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

