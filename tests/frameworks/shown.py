"""What a notebook shows under a cell, read back from a run of the section's cells:
the value of the cell's last expression (a tuple gives a list), as NumPy arrays."""
import ast
import re

import numpy as np


def value(fw, sec, expr):
    """``expr`` evaluated in the section's namespace, as a NumPy array (a list for a tuple)."""
    got = eval(expr, sec.ns)
    if isinstance(got, tuple):
        return [np.asarray(fw.to_numpy(v)) for v in got]
    return np.asarray(fw.to_numpy(got))


def shown(fw, sec, demos, demo):
    body = ast.parse(sec.cells[demos.index(demo)]).body
    assert isinstance(body[-1], ast.Expr), f"{demo} does not end with an expression"
    return value(fw, sec, ast.unparse(body[-1].value))


def numbers(text):
    """The numbers printed in ``text``, in order (shapes print differently in every tab);
    TensorFlow's ``shape=(…)`` and ``dtype=…`` labels and digits inside names are skipped."""
    text = re.sub(r"shape=\([^)]*\)|dtype=\w+", "", text)
    return [float(n) for n in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?", text)]
