"""The figures of 미적분 and 확률과 통계 in headless chromium: in every framework tab the
plot is a visible SVG image that the browser loaded and drew at its size."""
import os

import pytest

from reading import HTML
from test_reader import TABS, click_tab, open_page

PAGES = ["chapter_preliminaries/calculus.html", "chapter_preliminaries/probability.html"]


def visible_svg_images(driver):
    """(src, naturalWidth, width on screen) of the visible, loaded SVG images of the page."""
    return driver.execute_script("""
        return [...document.querySelectorAll('img')].filter(i => i.offsetParent !== null && i.src.endsWith('.svg'))
            .map(i => [i.getAttribute('src'), i.complete ? i.naturalWidth : 0, i.getBoundingClientRect().width]);""")


@pytest.mark.parametrize("page", PAGES)
def test_each_tab_shows_its_own_figure(browser, site, page):
    """The tabs are clicked in turn on one loaded page, as a reader would."""
    if not os.path.exists(os.path.join(HTML, page)):
        pytest.fail(f"{page} was not built")
    open_page(browser, site + page)
    sources = set()
    for tab in TABS:
        click_tab(browser, tab)
        shown = visible_svg_images(browser)
        assert len(shown) == 1, (tab, shown)  # the figure of this tab only; the other tabs' are hidden
        src, natural, width = shown[0]
        assert natural > 200 and width > 200, (tab, shown)  # loaded and drawn (3.5 inches at 72 dpi is 252 px)
        with open(os.path.join(HTML, os.path.dirname(page), src), encoding="utf-8") as f:
            svg = f.read()
        assert "<svg" in svg and "<dc:date>" not in svg, (tab, src)
        sources.add(src)
    assert len(sources) == len(TABS)  # each tab its own figure
