"""PyTorch helpers for the book: ``from d2l import torch as d2l``."""
import torch

from d2l._seeding import seeder

set_seed, get_seed = seeder(torch.manual_seed)

#################   WARNING   ################
# The below part is generated automatically through:
#    d2lbook build lib
# Don't edit it directly

