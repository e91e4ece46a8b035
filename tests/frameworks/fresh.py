"""What a fresh process sees when it imports a tab's ``d2l`` module, as a learner's kernel
would: which frameworks and whether matplotlib got imported, what a plot with alt text
shows, and the notebook's SVG of a plot, made twice. Importing a framework costs seconds
(TensorFlow 9 s here, more on a busy machine), so every claim about a fresh import reads
one report, made once per test run. That the SVG bytes also agree across processes is
what strict nbval shows: it compares each figure of a notebook run again with the built one."""
import functools
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WATCHED = ["mxnet", "torch", "tensorflow", "jax", "matplotlib"]

SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
from d2l import {module} as d2l
loaded = [name for name in {watched!r} if name in sys.modules]
import ipykernel  # what a notebook's kernel has loaded
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from matplotlib import pyplot as plt
shell = InteractiveShell.instance()  # its shell, so display() publishes instead of printing
with capture_output() as shown:
    d2l.plot([0, 1, 2], [[0, 1, 4]], alt='포물선 하나')
    d2l.plot([0, 1, 2], [[0, 1, 4], [0, 1, 2]], legend=['a', 'b'])
open_lines = [[float(v) for v in line.get_ydata()]
              for n in plt.get_fignums() for line in plt.figure(n).axes[0].get_lines()]
svgs = [shell.display_formatter.formatters['image/svg+xml'](plt.gcf()) for _ in range(2)]  # what a cell shows
print(json.dumps({{"loaded": loaded, "shown": [[o.metadata, sorted(o.data)] for o in shown.outputs],
                  "open_lines": open_lines, "svgs": svgs}}))
"""

# matplotlib alone, without the book's settings: what the SVG would be otherwise
PLAIN = """
import io, json
import matplotlib
matplotlib.use('Agg')
from matplotlib import pyplot as plt
plt.plot([0, 1, 2], [0, 1, 4])
svgs = []
for _ in range(2):
    out = io.StringIO()
    plt.gcf().savefig(out, format='svg')
    svgs.append(out.getvalue())
print(json.dumps(svgs))
"""


def _python(code, env=None):
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})))
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@functools.lru_cache(maxsize=None)
def report(module):
    """The fresh process's report for ``d2l.<module>``."""
    code = SCRIPT.format(root=ROOT, module=module, watched=WATCHED)
    return _python(code, {"MPLBACKEND": "module://matplotlib_inline.backend_inline"})


@functools.lru_cache(maxsize=None)
def plain_svgs():
    """Two SVG saves of one figure with matplotlib's own defaults."""
    return _python(PLAIN)
