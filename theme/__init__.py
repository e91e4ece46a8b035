"""The reader's side of the book, as a Sphinx extension on top of d2lbook's theme.

config.ini lists it in ``sphinx_extensions``; d2lbook's generated conf.py loads it.

* Nothing leaves the book: MathJax is served from ``_static/mathjax`` (copied from the
  django-static-mathjax wheel), the theme's web-font CSS is replaced by one that only
  names fonts shipped with the theme or installed on the reader's computer, and
  d2lbook's analytics and remote copy-button image are gone (tools/book.py writes
  ``d2l.js`` from d2lbook's tab-bar code and ``static/book.js``).
* Korean interface: Sphinx's ``ko`` catalog, then the book's own (locale/) for the strings
  d2lbook's theme has and Sphinx's catalog lacks; templates/ overrides the theme's
  templates that write English outside any catalog. Pages are never rewritten after
  Sphinx. Korean search (search_ko.py).
* Per page, "Open in Colab" per framework, the notebook and PDF downloads, as data that
  book.js turns into buttons: ``d2l_links``, read from the JSON file LINKS_FILE that
  tools/reader.py writes beside d2lbook's conf.py.
* Of d2lbook's theme (mxtheme), only the static files pages use: ``HTMLBuilder`` (builder.py) leaves out
  the 279 Material Design Lite colour sheets the layout does not link.
* The glossary's search keywords (GLOSSARY_FILE, written by tools/glossary_page.py): the
  page that introduces a term also answers to its English name, aliases and rejected
  spellings, as ``<meta name="keywords">`` that Sphinx's indexer reads.
"""
import io
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
# Beside conf.py: the per-page Colab and download links, as data (tools/reader.py writes it).
LINKS_FILE = "_d2l_links.json"
# Beside conf.py: {docname: [search keyword, …]} from glossary.yml (tools/glossary_page.py).
GLOSSARY_FILE = "_d2l_glossary.json"
# What MathJax's tex-chtml component loads: itself, then fonts and TeX extensions on demand.
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions"]
MDL = "material-design-lite-1.3.0"  # mxtheme's copy of Material Design Lite, under _static


def mathjax_es5():
    import mathjax  # the django-static-mathjax wheel: MathJax 3 under static/mathjax
    return os.path.join(os.path.dirname(mathjax.__file__), "static", "mathjax", "es5")


def _configure(app, config):
    # config.language = 'ko' itself must be in conf.py (config.ini's sphinx_configs):
    # Sphinx loads its interface catalog before this event
    config.html_search_language = "ko"
    config.templates_path.insert(0, os.path.join(HERE, "templates"))  # before the theme's own
    links = os.path.join(app.confdir, LINKS_FILE)  # per-page links, written by tools/reader.py
    if os.path.exists(links):
        with open(links, encoding="utf-8") as f:
            config.d2l_links = json.load(f)
    keywords = os.path.join(app.confdir, GLOSSARY_FILE)
    if os.path.exists(keywords):  # a config value of kind "env": a change re-reads every page
        with open(keywords, encoding="utf-8") as f:
            config.d2l_glossary = json.load(f)
    if getattr(config, "bibtex_bibfiles", None) == [""]:
        # d2lbook writes [""] when the book has no bibliography, which sphinxcontrib-bibtex
        # reports as an unreadable file: a warning, so an error under warning_is_error
        config.bibtex_bibfiles = []
    config.mathjax_path = "mathjax/tex-chtml.js"  # relative to _static
    config.html_static_path.append(os.path.join(HERE, "static"))
    if not config.html_favicon:  # without one, every page makes the browser ask for /favicon.ico: a 404
        config.html_favicon = os.path.join(HERE, "static", "favicon.svg")


def _copy_mathjax(app, exception):
    if exception or app.builder.format != "html":
        return
    src, dest = mathjax_es5(), os.path.join(app.outdir, "_static", "mathjax")
    for part in MATHJAX_PARTS:
        if os.path.isdir(os.path.join(src, part)):
            shutil.copytree(os.path.join(src, part), os.path.join(dest, part), dirs_exist_ok=True)
        else:
            os.makedirs(os.path.dirname(os.path.join(dest, part)), exist_ok=True)
            shutil.copyfile(os.path.join(src, part), os.path.join(dest, part))
    shutil.copyfile(os.path.join(src, "..", "LICENSE"), os.path.join(dest, "LICENSE"))


def _install_catalog(app):
    """The book's Korean interface strings (locale/ko/LC_MESSAGES/sphinx.po), behind
    Sphinx's own catalog: templates' ``_()`` finds there what Sphinx's lacks."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations
    with open(os.path.join(HERE, "locale", "ko", "LC_MESSAGES", "sphinx.po"), "rb") as f:
        catalog = read_po(f, locale="ko")
    data = io.BytesIO()
    write_mo(data, catalog)
    data.seek(0)
    app.translator.add_fallback(Translations(fp=data, domain="sphinx"))


def _page_links(app, pagename, templatename, context, doctree):
    """Colab and download links of this page, for book.js, as a JSON <meta> tag."""
    links = app.config.d2l_links
    if not links:
        return
    pathto = context["pathto"]  # Sphinx's own relative links, from this page to a file
    page = {
        "colab": {tab: url.format(page=pagename) for tab, url in links.get("colab", {}).items()}
        if pagename in links.get("notebook_pages", []) else {},
        "downloads": {tab: pathto(path, 1) for tab, path in links.get("downloads", {}).items()},
        "pdfs": {tab: pathto(path, 1) for tab, path in links.get("pdfs", {}).items()},
        "tabs": links.get("tabs", {}),
        "no_colab": links.get("no_colab", {}) if pagename in links.get("notebook_pages", []) else {},
    }
    meta = json.dumps(page, ensure_ascii=False).replace("'", "&#39;")
    context["metatags"] = context.get("metatags", "") + f"\n<meta name=\"d2l-links\" content='{meta}'>"


def _glossary_keywords(app, doctree, docname):
    """The glossary's words for this page, where Sphinx's indexer reads page keywords."""
    words = app.config.d2l_glossary.get(docname)
    if words:
        from docutils import nodes
        doctree += nodes.meta(name="keywords", content=", ".join(words))


def setup(app):
    # Sphinx's own modules only here: the build imports this package for the file names
    # above (tools/reader.py, tools/glossary_page.py), and importing Sphinx's HTML builder
    # cost it 0.17 s each time
    from sphinx.search import languages

    from .builder import HTMLBuilder
    from .search_ko import SearchKorean
    languages["ko"] = SearchKorean
    app.add_builder(HTMLBuilder, override=True)
    app.add_config_value("d2l_links", {}, "html")
    app.add_config_value("d2l_glossary", {}, "env")
    app.connect("doctree-resolved", _glossary_keywords)
    _install_catalog(app)
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _page_links)
    app.connect("build-finished", _copy_mathjax)
    app.add_js_file("book.js")
    app.add_css_file("book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
