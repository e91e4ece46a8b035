"""The reader's side of the book, as a Sphinx extension on top of d2lbook's theme.

config.ini lists it in ``sphinx_extensions``; d2lbook's generated conf.py loads it.

* Nothing leaves the book: MathJax is served from ``_static/mathjax`` (copied from the
  django-static-mathjax wheel), the theme's web-font CSS is replaced by one that only
  names fonts shipped with the theme or installed on the reader's computer, and
  d2lbook's analytics and remote copy-button image are gone (tools/book.py writes
  ``d2l.js`` from d2lbook's tab-bar code and ``static/book.js``).
* Korean interface: Sphinx's ``ko`` catalog, and UI_KO for the strings the theme
  writes in English; Korean search (search_ko.py).
* Per page, "Open in Colab" per framework, the notebook and PDF downloads, as data that
  book.js turns into buttons: ``d2l_links`` (set by tools/book.py in conf.py).
"""
import json
import os
import re
import shutil

from sphinx.search import languages

from .search_ko import SearchKorean

HERE = os.path.dirname(os.path.abspath(__file__))
# What MathJax's tex-chtml component loads: itself, then fonts and TeX extensions on demand.
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions"]


def mathjax_es5():
    import mathjax  # the django-static-mathjax wheel: MathJax 3 under static/mathjax
    return os.path.join(os.path.dirname(mathjax.__file__), "static", "mathjax", "es5")


def _configure(app, config):
    # config.language = 'ko' itself must be in conf.py (config.ini's sphinx_configs):
    # Sphinx loads its interface catalog before this event
    config.html_search_language = "ko"
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


# Interface strings that d2lbook's theme (mxtheme) writes in English outside Sphinx's
# translated catalog; replaced in every page once Sphinx has written it.
UI_KO = [
    (r"Table Of Contents", "목차"),
    (r'<span class="pagenation-direction">Previous</span>', '<span class="pagenation-direction">이전</span>'),
    (r'<span class="pagenation-direction">Next</span>', '<span class="pagenation-direction">다음</span>'),
    (r'placeholder="Search"', 'placeholder="검색"'),
    (r"From here you can search these documents\.\s+Enter your search\s+words into the box below and click\s+"
     r'"search"\.\s+Note that the search\s+function will automatically search for all of the words\.\s+Pages\s+'
     r"containing fewer words won't appear in the result list\.",
     "여기에서 이 책의 모든 페이지를 검색할 수 있습니다. 아래 상자에 찾을 낱말을 입력하세요. "
     "여러 낱말을 입력하면 그 낱말이 모두 들어 있는 페이지만 보여 줍니다. "
     "'가중치를', '초기화하는'처럼 조사나 어미가 붙은 낱말도 찾습니다."),
    (r"Edit on Github", "GitHub에서 고치기"),
    (r"Show Source", "원본 보기"),
]


def _translate_pages(app, exception):
    if exception or app.builder.format != "html":
        return
    rules = [(re.compile(pattern), korean) for pattern, korean in UI_KO]
    for base, _, files in os.walk(app.outdir):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(base, name)
            with open(path, encoding="utf-8") as f:
                html = f.read()
            new = html
            for rule, korean in rules:
                new = rule.sub(lambda m: korean, new)
            if new != html:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)


def _page_links(app, pagename, templatename, context, doctree):
    """Colab and download links of this page, for book.js, as a JSON <meta> tag."""
    links = app.config.d2l_links
    if not links:
        return
    depth = "../" * pagename.count("/")
    page = {
        "colab": {tab: url.format(page=pagename) for tab, url in links.get("colab", {}).items()}
        if pagename in links.get("notebook_pages", []) else {},
        "downloads": {tab: depth + path for tab, path in links.get("downloads", {}).items()},
        "pdfs": {tab: depth + path for tab, path in links.get("pdfs", {}).items()},
        "tabs": links.get("tabs", {}),
        "no_colab": links.get("no_colab", {}) if pagename in links.get("notebook_pages", []) else {},
    }
    meta = json.dumps(page, ensure_ascii=False).replace("'", "&#39;")
    context["metatags"] = context.get("metatags", "") + f"\n<meta name=\"d2l-links\" content='{meta}'>"


def setup(app):
    languages["ko"] = SearchKorean
    app.add_config_value("d2l_links", {}, "html")
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _page_links)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _translate_pages)
    app.add_js_file("book.js")
    app.add_css_file("book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
