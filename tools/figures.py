"""Text alternatives of the figures a section's code draws.

A plot reaches the page as an image output of a cell. nbconvert writes it to the rst as a
bare ``.. image::`` (d2lbook makes it a ``.. figure::``) with no ``:alt:``, and the HTML
then names the image by its file name only. Code that draws a figure gives its text
alternative as the output's display metadata, the way Jupyter carries data about an
output::

    display(SVG(svg_text), metadata={"alt": "훈련 손실이 에포크마다 줄어드는 선 그래프"})

and ``add_alternatives`` writes it into the rst as the figure's ``:alt:``. A figure without
one is reported by the browser tests (tests/browser/test_keyboard.py)."""
import re

IMAGE_TYPES = ("image/svg+xml", "image/png", "image/jpeg")
# the figures nbconvert extracted from outputs: <unique key>_<cell>_<output>.<ext>
OUTPUT_FIGURE = re.compile(r"^(\s*)\.\. (?:figure|image):: (\S*output_\S+_\d+_\d+\.(?:svg|png|jpe?g))\s*$")


def alternatives(nb):
    """The text alternative of every image output of ``nb``, in order (None where none is given)."""
    out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if any(t in output.get("data", {}) for t in IMAGE_TYPES):
                alt = output.get("metadata", {}).get("alt")
                out.append(" ".join(alt.split()) if isinstance(alt, str) and alt.strip() else None)
    return out


def add_alternatives(rst, alts, where):
    """``rst`` with ``:alt:`` under each output figure, from ``alts`` in order. ``where``
    names the section in the error raised when the figures and the outputs do not match."""
    lines, figures = rst.split("\n"), []
    for i, line in enumerate(lines):
        if OUTPUT_FIGURE.match(line):
            figures.append(i)
    if len(figures) != len(alts):
        raise ValueError(f"{where}: {len(alts)} image outputs in the notebook but {len(figures)} "
                         f"output figures in its rst; cannot pair the text alternatives")
    for i, alt in reversed(list(zip(figures, alts))):
        if alt:
            indent = OUTPUT_FIGURE.match(lines[i]).group(1)
            lines.insert(i + 1, f"{indent}   :alt: {alt}")
    return "\n".join(lines)
