"""Every internal link and resource of the built book resolves: the file exists and,
for links with a #fragment, so does the element it names."""
import functools
import html.parser
import os
import urllib.parse

import pytest

from reading import HTML


class Refs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.refs.append(attrs[key].strip())


@functools.lru_cache(maxsize=None)
def parse(path):
    """Each page is parsed once: 20-odd pages hold some 900 links with a #fragment."""
    parser = Refs()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser


def pages():
    root = os.path.realpath(HTML)
    if not os.path.isdir(root):
        pytest.fail("no built book in _build/html: run ./build.sh first")
    return [os.path.join(b, n) for b, _, names in os.walk(root) for n in names if n.endswith(".html")]


def test_every_internal_link_resolves():
    root = os.path.realpath(HTML)
    broken, checked = [], 0
    for page in pages():
        for ref in parse(page).refs:
            url = urllib.parse.urlsplit(ref)
            if url.scheme or ref.startswith(("//", "mailto:", "javascript:")):
                continue  # outside the book: a link the reader may follow, not something the page loads
            target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(url.path))) \
                if url.path else page
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            checked += 1
            if not os.path.exists(target):
                broken.append(f"{os.path.relpath(page, root)}: {ref} (no such file)")
            elif url.fragment and target.endswith(".html"):
                if urllib.parse.unquote(url.fragment) not in parse(target).ids:
                    broken.append(f"{os.path.relpath(page, root)}: {ref} (no element with that id)")
    assert checked > 100
    assert broken == []


def test_of_material_design_lite_the_book_holds_what_pages_link():
    """d2lbook's theme ships Material Design Lite whole (280 colour sheets, 43 MB); the book
    keeps the sheet its pages link, and the licence (theme/builder.py, HTMLBuilder)."""
    root = os.path.realpath(HTML)
    folder = os.path.join(root, "_static", "material-design-lite-1.3.0")
    linked = {os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.urlsplit(ref).path))
              for page in pages() for ref in parse(page).refs if "material-design-lite" in ref}
    held = {os.path.join(folder, name) for name in os.listdir(folder)}
    assert len(linked) == 1 and linked <= held
    assert held - linked == {os.path.join(folder, "LICENSE")}
