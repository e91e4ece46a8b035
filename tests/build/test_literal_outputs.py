"""A cell's printed text reaches the page as printed: rst's inline markup in it (a lone `*`
from help(), backquotes, bars, trailing underscores) is escaped before Sphinx reads it."""
import nbformat
from docutils.core import publish_doctree

from tools.rendering import _literal_text

PRINTED = "ones_like(input, *, dtype=None) -> Tensor\nsee `tf.ones` and |x| or name_ and C:\\path\n"


def rendered(text):
    """The text docutils shows for ``text`` in a parsed-literal block, and its warnings."""
    body = "".join("    " + line + "\n" for line in text.splitlines())
    doctree = publish_doctree(".. parsed-literal::\n\n" + body, settings_overrides={"report_level": 2, "halt_level": 5,
                                                                                     "warning_stream": False})
    problems = [n.astext() for n in doctree.findall() if n.tagname == "system_message"]
    return doctree.astext(), problems


def test_unescaped_text_breaks_the_block():
    shown, problems = rendered(PRINTED)
    assert problems or shown.strip() != PRINTED.strip()


def test_escaped_stream_and_result_text_show_as_printed():
    for output in (nbformat.v4.new_output("stream", name="stdout", text=PRINTED),
                   nbformat.v4.new_output("execute_result", data={"text/plain": PRINTED}, execution_count=1)):
        _literal_text(output)
        text = output["text"] if output["output_type"] == "stream" else output["data"]["text/plain"]
        shown, problems = rendered(text)
        assert not problems and shown.strip() == PRINTED.strip()
