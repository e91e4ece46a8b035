"""The book with the keyboard and a screen reader: framework tabs driven by keys alone
(WAI-ARIA tabs pattern), a skip link, a visible focus ring in both colour schemes, Korean
as every page's language, names for the icon-only buttons and a text alternative for every
image and figure. Keys are real key presses sent to chromium."""
import os
import re

import pytest

from audit import open_ready, pages
from reading import HTML, SECTION
from test_themes import backdrop, contrast, rgba, scheme

ACTIVE = "return document.activeElement"


def keys(driver, *pressed):
    from selenium.webdriver.common.action_chains import ActionChains
    chain = ActionChains(driver)
    for key in pressed:
        chain.send_keys(key)
    chain.perform()


def focused(driver):
    """(role, framework of a tab or panel, aria-selected) of the element with the focus."""
    return driver.execute_script("""const a = document.activeElement;
        return [a.getAttribute('role'), (a.id || '').split('-')[0], a.getAttribute('aria-selected')];""")


def selected_everywhere(driver):
    """The frameworks selected in the page's tab groups, and those whose panels show."""
    return driver.execute_script("""
        const name = e => e.id.split('-')[0];
        const groups = [...document.querySelectorAll('.mdl-tabs')].filter(g => g.offsetParent !== null);
        return [[...new Set(groups.flatMap(g => [...g.querySelectorAll('[role=tab][aria-selected=true]')].map(name)))],
                [...new Set(groups.flatMap(g => [...g.querySelectorAll(':scope > [role=tabpanel]')]
                                           .filter(p => p.offsetParent !== null).map(name)))]];""")


def test_tabs_work_with_the_keyboard_alone(browser, site):
    from selenium.webdriver.common.keys import Keys
    open_ready(browser, site + SECTION)
    assert selected_everywhere(browser) == [["pytorch"], ["pytorch"]]
    # the first code group's chosen tab is the one Tab reaches; focus it as Tab would
    browser.execute_script("document.querySelector('.mdl-tabs__tab-bar.code [role=tab][tabindex=\"0\"]').focus()")
    assert focused(browser) == ["tab", "pytorch", "true"]
    keys(browser, Keys.ARROW_RIGHT)
    assert focused(browser) == ["tab", "tensorflow", "false"]  # moving the focus chooses nothing yet
    keys(browser, Keys.END)
    assert focused(browser) == ["tab", "jax", "false"]
    keys(browser, Keys.ENTER)
    assert focused(browser) == ["tab", "jax", "true"]
    assert selected_everywhere(browser) == [["jax"], ["jax"]]  # every group of the page
    keys(browser, Keys.HOME, Keys.ARROW_LEFT)  # from the first tab, left wraps to the last
    assert focused(browser) == ["tab", "jax", "true"]
    keys(browser, Keys.HOME, Keys.SPACE)
    assert selected_everywhere(browser) == [["mxnet"], ["mxnet"]]
    keys(browser, Keys.TAB)  # into the chosen panel
    assert focused(browser)[:2] == ["tabpanel", "mxnet"]
    assert browser.execute_script("return document.activeElement.id") == \
        browser.execute_script("return document.querySelector('.mdl-tabs__tab-bar.code [aria-selected=true]').getAttribute('aria-controls')")
    browser.refresh()
    open_ready(browser, site + SECTION)
    assert selected_everywhere(browser) == [["mxnet"], ["mxnet"]]  # remembered


def test_skip_link_is_first_and_jumps_to_the_content(browser, site):
    from selenium.webdriver.common.keys import Keys
    open_ready(browser, site + SECTION)
    keys(browser, Keys.TAB)
    link = browser.execute_script(ACTIVE)
    assert link.get_attribute("class") == "d2l-skip" and link.text == "본문으로 건너뛰기"
    assert browser.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.height > 0", link)
    keys(browser, Keys.ENTER)
    assert browser.execute_script("return document.activeElement.id") == "d2l-content"
    keys(browser, Keys.TAB)  # the next stop is inside the content, past the header and the drawer
    assert browser.execute_script("return document.getElementById('d2l-content').contains(document.activeElement)"
                                  " && !document.activeElement.closest('header')")


# the focused element's outline, and what it is drawn on
RING = """const a = document.activeElement, s = getComputedStyle(a), layers = [];
for (let e = a.parentElement; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
return [a.tagName + '.' + a.className + '#' + a.id, s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor, layers];"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_focus_ring_is_visible(browser, site, system):
    from selenium.webdriver.common.keys import Keys
    scheme(browser, system)
    open_ready(browser, site + SECTION)
    seen = []
    for _ in range(25):  # the skip link, the header, the drawer's links, the content
        keys(browser, Keys.TAB)
        name, style, width, colour, layers = browser.execute_script(RING)
        seen.append(name)
        assert style != "none" and width >= 2, f"{name}: no focus ring ({style} {width}px) [{system}]"
        ratio = contrast(rgba(colour), backdrop(layers))
        assert ratio >= 3, f"{name}: focus ring {colour} has contrast {ratio:.2f} [{system}]"
    assert any("d2l-theme-toggle" in s for s in seen) and any("d2l-skip" in s for s in seen)


def test_every_page_is_korean():
    for page in pages():
        if "?" in page:
            continue
        with open(os.path.join(HTML, page), encoding="utf-8") as f:
            assert re.search(r'<html[^>]*\blang="ko"', f.read(4000)), f"{page}: no lang=\"ko\" on <html>"


def test_icon_buttons_have_names(browser, site):
    from selenium.webdriver.common.by import By
    open_ready(browser, site + SECTION)
    names = {sel: browser.find_element(By.CSS_SELECTOR, sel).accessible_name for sel in
             ("header button.d2l-theme-toggle", "#button-show-source", "#waterfall-exp", ".is-active button.d2l-copy")}
    assert names == {"header button.d2l-theme-toggle": "어두운 화면으로 보기", "#button-show-source": "소스 보기",
                     "#waterfall-exp": "검색", ".is-active button.d2l-copy": "코드 복사"}
    open_ready(browser, site + "search.html")
    assert browser.find_element(By.CSS_SELECTOR, "form[role=search] button[type=submit]").accessible_name == "검색"
