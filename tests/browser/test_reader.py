"""The built book, read in headless chromium: nothing leaves the book, math renders,
framework tabs switch together and are remembered, copy buttons copy the code,
Korean search finds words with particles attached, and the interface is Korean."""
import io
import os
import re
import urllib.parse
import urllib.request
import zipfile

import pytest

from reading import ROOT, SECTION, requests_made, wait_for
from tools import frameworks

TABS = frameworks.TABS
MATH_DONE = "window.MathJax && MathJax.startup && MathJax.startup.promise && document.querySelectorAll('mjx-container').length"


def open_page(driver, url):
    driver.get(url)
    wait_for(driver, "document.readyState === 'complete'")


def test_no_request_leaves_the_book(browser, site):
    for page in ("index.html", SECTION, "search.html?q=" + urllib.parse.quote("가중치를"), "genindex.html"):
        open_page(browser, site + page)
        if page == SECTION:
            wait_for(browser, MATH_DONE)  # MathJax loads its fonts lazily: wait for them too
    urls = requests_made(browser)
    assert any(u.startswith(site + "_static/mathjax/") for u in urls)
    outside = [u for u in urls if not (u.startswith(site) or u.startswith(("data:", "blob:", "about:")))]
    assert outside == []


def test_math_is_rendered(browser, site):
    open_page(browser, site + SECTION)
    assert wait_for(browser, MATH_DONE) >= 10
    text = browser.execute_script("return document.body.innerText")
    for raw in ("\\begin", "\\textrm", "\\sqrt", "\\(", "$$"):
        assert raw not in text, f"raw LaTeX {raw!r} shown to the reader"


def active_tabs(driver):
    """For every visible tab group: (active tab names, active panel names)."""
    return driver.execute_script("""
        const name = s => (s || '').replace(/^#/, '').split('-')[0];
        return [...document.querySelectorAll('.mdl-tabs')].filter(g => g.offsetParent !== null).map(g => [
            [...g.querySelectorAll(':scope > .mdl-tabs__tab-bar > .mdl-tabs__tab.is-active')].map(a => name(a.getAttribute('href'))),
            [...g.querySelectorAll(':scope > .mdl-tabs__panel.is-active')].map(p => name(p.id))]);""")


def visible(driver, text):
    return driver.execute_script(
        # pandoc wraps long lines of the rst: a sentence may break anywhere in the page's text
        "return [...document.querySelectorAll('p')].some(p => p.textContent.replace(/\\s+/g, ' ')"
        ".includes(arguments[0]) && p.offsetParent !== null)", text)


def click_tab(driver, tab):
    driver.execute_script("""
        const a = [...document.querySelectorAll('.mdl-tabs__tab')].find(
            a => a.offsetParent !== null && a.getAttribute('href').startsWith('#' + arguments[0] + '-'));
        a.scrollIntoView(); a.click();""", tab)


@pytest.mark.parametrize("tab", TABS)
def test_one_click_switches_every_tab_group(browser, site, tab):
    open_page(browser, site + SECTION)
    click_tab(browser, tab)
    groups = active_tabs(browser)
    assert len(groups) >= 8
    assert all(tabs == [tab] and panels == [tab] for tabs, panels in groups), groups
    # text written for one framework only shows under that framework
    assert visible(browser, "Linen의 모듈은 파라미터를 담지 않습니다") == (tab == "jax")
    assert visible(browser, "만들어지는 순간 스스로 값을 채웁니다") == (tab == "pytorch")


def shown_tabs(driver):
    return {t for tabs, _ in active_tabs(driver) for t in tabs}


def test_first_visit_shows_pytorch(fresh_profile, site):
    open_page(fresh_profile, site + SECTION)
    assert fresh_profile.execute_script("return window.localStorage.length") == 0  # really a first visit
    assert shown_tabs(fresh_profile) == {"pytorch"}
    assert visible(fresh_profile, "만들어지는 순간 스스로 값을 채웁니다")  # PyTorch-only text shows
    assert fresh_profile.execute_script("return document.documentElement.dataset.framework") == "pytorch"


def test_choice_is_remembered_across_reloads_and_pages(browser, site):
    open_page(browser, site + SECTION)
    assert shown_tabs(browser) == {"pytorch"}  # a new visitor
    click_tab(browser, "jax")
    browser.refresh()
    wait_for(browser, "document.readyState === 'complete'")
    assert shown_tabs(browser) == {"jax"}
    open_page(browser, site + "index.html")
    open_page(browser, site + SECTION)
    assert shown_tabs(browser) == {"jax"}
    assert browser.execute_script("return document.documentElement.dataset.framework") == "jax"


def test_copy_button_copies_the_code_without_outputs(browser, site):
    origin = site.rstrip("/")
    browser.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    open_page(browser, site + SECTION)
    click_tab(browser, "pytorch")
    code, output = browser.execute_script("""
        const block = [...document.querySelectorAll('div.highlight-python > div.highlight')]
            .find(b => b.offsetParent !== null && b.textContent.includes('nn.Linear(6, 10)'));
        const button = block.querySelector('button.d2l-copy');
        button.click();
        let out = block.parentElement.nextElementSibling;
        while (out && !out.classList.contains('output')) out = out.nextElementSibling;
        return [block.querySelector('pre').textContent, out ? out.textContent : null];""")
    copied = browser.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERROR ' + e));")
    assert copied == code.rstrip() + "\n"
    assert copied.startswith("net = nn.Sequential(nn.Linear(6, 10), nn.ReLU(), nn.Linear(10, 3))")
    assert output and output.strip().startswith("torch.Size([3, 3])") and "torch.Size([3, 3])" not in copied
    assert "복사" not in copied  # the button's own label is not part of the code


def test_every_code_block_has_a_copy_button_and_outputs_have_none(browser, site):
    open_page(browser, site + SECTION)
    counts = browser.execute_script("""return [
        document.querySelectorAll('div.highlight-python > div.highlight').length,
        document.querySelectorAll('div.highlight-python > div.highlight > button.d2l-copy').length,
        document.querySelectorAll('div.output button.d2l-copy').length]""")
    assert counts[0] >= 28 and counts[1] == counts[0] and counts[2] == 0


def search(driver, site, query):
    """The links the search page lists for ``query``. The page is loaded with ``?q=``, as the
    search box does; a browser already on it asks Sphinx's ``Search.performSearch`` again
    instead, the page and its index staying loaded."""
    page = site + "search.html"
    if driver.current_url.split("?")[0] == page and driver.execute_script("return Search.hasIndex()"):
        driver.execute_script("document.getElementById('search-results').replaceChildren();"
                              "Search.performSearch(arguments[0])", query)
    else:
        open_page(driver, page + "?q=" + urllib.parse.quote(query))
    summary = wait_for(driver, "(document.querySelector('#search-results p.search-summary') || {}).textContent", 30)
    assert summary.startswith("검색을 마쳤습니다") or "일치하는 문서가 없습니다" in summary, summary
    return driver.execute_script("return [...document.querySelectorAll('#search-results li a')].map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("query", ["가중치", "가중치를", "가중치는", "초기화하는", "분포", "분포에서", "편향은"])
def test_korean_search_finds_stems_with_particles(searcher, site, query):
    hits = search(searcher, site, query)
    assert any("init-param.html" in h for h in hits), hits


def test_search_finds_nothing_for_a_word_the_book_lacks(searcher, site):
    assert search(searcher, site, "양자얽힘을") == []


def test_interface_is_korean(browser, site):
    english = ["Table Of Contents", "Quick search", "From here you can search", "Search Results",
               "Previous", "Next", "Copy to clipboard", "Show Source", "Edit on Github"]
    for page in ("index.html", SECTION, "search.html", "genindex.html"):
        open_page(browser, site + page)
        assert browser.execute_script("return document.documentElement.lang") == "ko"
        text = browser.execute_script("return document.body.innerText + ' ' + "
                                      "[...document.querySelectorAll('[placeholder]')].map(e => e.placeholder).join(' ')")
        assert [w for w in english if w in text] == []
        if page == SECTION:
            assert "목차" in text and "이전" in text and "복사" in text


def test_colab_and_download_buttons(browser, site):
    open_page(browser, site + SECTION)
    links = browser.execute_script("""return [...document.querySelectorAll('.d2l-links a')].map(
        a => [a.className.split(' ')[0], a.dataset.tab, a.href])""")
    colab = {tab: url for kind, tab, url in links if kind == "d2l-colab"}
    downloads = {tab: url for kind, tab, url in links if kind == "d2l-download"}
    # no button opens a notebook that cannot run: MXNet has none on Colab
    assert sorted(colab) == sorted(t for t in TABS if t != "mxnet") and sorted(downloads) == sorted(TABS)
    notebooks = config()["notebooks"]
    for tab, url in colab.items():  # where the workflow publishes (tests/build/test_workflow.py)
        assert url == (f"https://colab.research.google.com/github/{notebooks['colab_repo']}/blob/"
                       f"{notebooks['colab_branch']}/{tab}/chapter_builders-guide/init-param.ipynb")
    for tab, url in downloads.items():
        with urllib.request.urlopen(url) as response:
            names = zipfile.ZipFile(io.BytesIO(response.read())).namelist()
        assert f"{tab}/chapter_builders-guide/init-param.ipynb" in names


def test_mxnet_tab_says_why_there_is_no_colab_and_how_to_run_it_locally(browser, site):
    open_page(browser, site + SECTION)
    note = "return [...document.querySelectorAll('.d2l-no-colab')].map(p => p.textContent)"
    click_tab(browser, "pytorch")
    assert browser.execute_script(note) == []
    click_tab(browser, "mxnet")
    [text] = browser.execute_script(note)
    assert "Colab에서 열 수 없습니다" in text and "Python 3.13" in text
    assert "./build.sh" in text and "d2l-mxnet" in text


def config():
    import configparser
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "config.ini"), encoding="utf-8")
    return parser


def test_narrow_screen_has_no_sideways_scrolling(phone, site):
    open_page(phone, site + SECTION)
    wait_for(phone, MATH_DONE)
    overflow = phone.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_no_request_answers_404(fresh_profile, site):
    # a browser of its own: chromium asks for an origin's icon once and remembers the answer
    from reading import QuietHandler, responses
    del QuietHandler.answered[:]
    for page in ("index.html", SECTION, "search.html?q=" + urllib.parse.quote("분포")):
        open_page(fresh_profile, site + page)
        if page == SECTION:
            wait_for(fresh_profile, MATH_DONE)
    wait_for(fresh_profile, "document.querySelectorAll('#search-results p.context').length")  # snippets fetched
    # the browser asks for the page icon after loading, outside the page: wait for that request
    _wait(lambda: any("favicon" in p for p, _ in QuietHandler.answered))
    seen = responses(fresh_profile) + [(site.rstrip("/") + p, code) for p, code in QuietHandler.answered]
    assert len(seen) > 30
    assert [(u, code) for u, code in seen if code >= 400] == []


def _wait(condition, timeout=10):
    import time
    end = time.time() + timeout
    while time.time() < end:
        if condition():
            return True
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the browser")


def snippets(driver, site, query):
    hits = search(driver, site, query)
    assert hits
    wait_for(driver, f"document.querySelectorAll('#search-results p.context').length == {len(hits)}")
    return driver.execute_script("return [...document.querySelectorAll('#search-results p.context')].map(p => p.textContent)")


@pytest.mark.parametrize("query", ["분포", "균등"])
def test_search_snippets_are_readable_text(browser, site, query):
    for text in snippets(browser, site, query):
        assert query in text and re.search(r"[가-힣]{2,} [가-힣]{2,}", text), text  # Korean prose
        assert "\\(" not in text and "\\[" not in text and not re.search(r"\\[a-zA-Z]+", text), text  # no TeX
        assert not re.search(r"(mxnet|pytorch|tensorflow|jax){2}", text, re.I), text  # no tab labels


def test_every_page_states_the_licences(browser, site):
    """The prose under CC BY-SA 4.0, the code under MIT-0, as LICENSE-text and LICENSE say."""
    for page in ("index.html", SECTION):
        open_page(browser, site + page)
        text, hrefs = browser.execute_script("""const d = document.querySelector('.d2l-license');
            return d && [d.innerText, [...d.querySelectorAll('a[rel=license]')].map(a => a.href)]""")
        assert "글은 CC BY-SA 4.0" in text and "MIT-0" in text, page
        assert any("creativecommons.org/licenses/by-sa/4.0" in h for h in hrefs) and any("MIT-0" in h for h in hrefs)
    with open(os.path.join(ROOT, "LICENSE"), encoding="utf-8") as f:
        assert f.readline().strip() == "MIT No Attribution"
    with open(os.path.join(ROOT, "LICENSE-text"), encoding="utf-8") as f:
        assert "Creative Commons Attribution-ShareAlike 4.0 International" in f.read()
