"""Helpers shared by the book's sections, one module per framework.

Import the module of the framework you use, e.g. ``from d2l import torch as d2l``.
This package imports no framework by itself, so each module works in an
environment that holds only its own framework.
"""

__version__ = "0.1.0"
# The English edition's package is also called d2l and installs the same files: this
# marker tells the two apart (d2l_ko.check_versions, the Colab notebooks' first cell).
__distribution__ = "d2l-ko"

from d2l._runtime import check_versions  # noqa: E402  (imports no framework)

__all__ = ["check_versions"]
