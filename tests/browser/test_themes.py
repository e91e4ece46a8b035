"""Light and dark: the book follows the system's colour scheme (emulated through the
DevTools protocol), the header button overrides it and is remembered, and text stays
readable, measured as WCAG 2 contrast from the computed styles."""
import re
import urllib.parse

import pytest

from reading import SECTION, wait_for
from test_reader import MATH_DONE, open_page, snippets

# every colour under an element, from the element up to the page: blended bottom-up, they
# give the colour the text is actually drawn on
COLOURS = """
const out = [];
for (const el of arguments[0]) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
    out.push([el.tagName + '.' + el.className, getComputedStyle(el).color, layers]);
}
return out;"""


def rgba(css):
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return values[:3] + [values[3] if len(values) > 3 else 1.0]


def over(top, bottom):
    a = top[3]
    return [top[i] * a + bottom[i] * (1 - a) for i in range(3)] + [1.0]


def backdrop(layers):
    colour = [255.0, 255.0, 255.0, 1.0]  # the canvas under a page with no background of its own
    for layer in reversed(layers):
        colour = over(rgba(layer), colour)
    return colour


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def measure(driver, selector, limit=12):
    """[(element, contrast of its text, luminance of its backdrop)] for visible matches."""
    elements = driver.execute_script(
        f"return [...document.querySelectorAll({selector!r})].filter(e => e.offsetParent !== null).slice(0, {limit})")
    out = []
    for name, colour, layers in driver.execute_script(COLOURS, elements):
        back = backdrop(layers)
        out.append((name, contrast(over(rgba(colour), back), back), luminance(back)))
    return out


def scheme(driver, value):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": value}]})


def page_luminance(driver):
    return measure(driver, "[role=main]", 1)[0][2]


# what must be readable: prose, code, outputs, tabs, the buttons and the table of contents
READ = ["[role=main] p", "[role=main] li", "div.highlight-python pre", "div.output pre", ".mdl-tabs__tab",
        ".d2l-links a", "button.d2l-copy", ".localtoc a", ".mdl-layout__header .mdl-navigation__link"]


@pytest.mark.parametrize("system", ["dark", "light"])
def test_system_scheme_is_followed_and_text_is_readable(browser, site, system):
    scheme(browser, system)
    open_page(browser, site + SECTION)
    wait_for(browser, MATH_DONE)
    assert browser.execute_script("return document.documentElement.dataset.theme") == system
    lum = page_luminance(browser)
    assert (lum < 0.05) if system == "dark" else (lum > 0.8), lum
    browser.execute_script("document.querySelectorAll('button.d2l-copy').forEach(b => b.style.opacity = 1)")
    for selector in READ:
        found = measure(browser, selector)
        assert found, selector
        low = [(name, round(c, 2)) for name, c, _ in found if c < 4.5]
        assert low == [], (system, selector, low)
    # math is drawn in the text's colour
    assert measure(browser, "mjx-container")[0][1] >= 4.5


def test_dark_search_results_are_readable(browser, site):
    scheme(browser, "dark")
    snippets(browser, site, "분포")
    assert page_luminance(browser) < 0.05
    for selector in ("#search-results li a", "#search-results p.context", "#search-results h2", ".search-summary"):
        found = measure(browser, selector)
        assert found and all(c >= 4.5 for _, c, _ in found), (selector, found)


def toggle(driver):
    driver.execute_script("document.querySelector('header button.d2l-theme-toggle').click()")


def test_header_button_overrides_the_system_and_is_remembered(browser, site):
    scheme(browser, "dark")
    open_page(browser, site + SECTION)
    button = browser.execute_script("return document.querySelector('header button.d2l-theme-toggle').getAttribute('aria-label')")
    assert button == "밝은 화면으로 보기"
    toggle(browser)
    assert browser.execute_script("return document.documentElement.dataset.theme") == "light"
    assert page_luminance(browser) > 0.8
    browser.refresh()
    wait_for(browser, "document.readyState === 'complete'")
    assert page_luminance(browser) > 0.8  # remembered, against the dark system setting
    open_page(browser, site + "search.html?q=" + urllib.parse.quote("분포"))
    assert page_luminance(browser) > 0.8  # and on every page
    toggle(browser)
    scheme(browser, "light")
    open_page(browser, site + "index.html")
    assert page_luminance(browser) < 0.05  # now dark, against a light system setting


def test_without_a_choice_the_book_follows_a_change_of_the_system(browser, site):
    scheme(browser, "light")
    open_page(browser, site + SECTION)
    assert page_luminance(browser) > 0.8
    scheme(browser, "dark")
    wait_for(browser, "document.documentElement.dataset.theme === 'dark'", 5)
    assert page_luminance(browser) < 0.05
