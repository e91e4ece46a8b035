"""Accessibility of every page of the built book: no axe-core violation of the WCAG 2.0/2.1
A and AA rules, in the light and the dark colour scheme, at desktop width and on a 390 px
phone, with every framework's tab shown in one of these views, and every framework tab
group in the WAI-ARIA tabs pattern. Pages are found in _build/html, so a new chapter or
page is audited without a change here. A failure names the page, the view, the shown tab,
the rule and the CSS selector of each element.

Each check is also seen failing once, on a defect planted in a real page."""
import time

import pytest

from audit import axe_source, counts, missing_alternatives, open_ready, pages, report, tab_problems, violations
from conftest import _fresh_visitor
from reading import SECTION
from tools import frameworks

VIEWS = {"light": ("light", 1280, 1000), "dark": ("dark", 1280, 1000),
         "light-390px": ("light", 390, 844), "dark-390px": ("dark", 390, 844)}
# The framework whose tab is shown in each view: axe checks the colours of shown text only,
# so each framework's code, outputs and figures are audited in one view, the page around
# them in every view. Hidden panels are left out: each is audited in the view that shows it.
SHOWN = dict(zip(VIEWS, frameworks.TABS))
assert sorted(SHOWN.values()) == sorted(frameworks.TABS), "more frameworks than views: give a view two"
HIDDEN_PANELS = ".mdl-tabs__panel:not(.is-active)"
# The reader's own click on the first group's tab of a framework (book.js switches every group).
SHOW_TAB = """const tab = [...document.querySelectorAll('.mdl-tabs__tab')].find(
    a => a.getAttribute('href').startsWith('#' + arguments[0] + '-'));
if (tab) tab.click();"""
# The colours a page settles in are what is audited: a switch of scheme would otherwise
# animate for a second (the material theme's colour transitions) before axe may measure.
NO_TRANSITIONS = """const style = document.createElement('style');
style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
document.head.appendChild(style);"""
# Resolves when the page has settled in the colour scheme ``arguments[0]`` at the window's
# width: book.js followed the scheme, the material layout the width (its breakpoint is
# 1024 px), and no transition still runs (axe measures colours as they are drawn), checked once a
# frame; false after 20 s.
SETTLE = """
const [name, done] = [arguments[0], arguments[arguments.length - 1]];
const start = performance.now();
(function check() {
  const small = document.querySelector('.mdl-layout.is-small-screen') !== null;  // the layout at this width
  const settled = document.documentElement.dataset.theme === name && small === (innerWidth <= 1024) &&
                  document.getAnimations().every(a => a.playState !== 'running');
  if (settled || performance.now() - start > 20000) done(settled);
  else requestAnimationFrame(check);
})();"""

@pytest.fixture(scope="module")
def axe():
    return axe_source()


def scheme(driver, name):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": name}]})


@pytest.fixture(scope="module")
def audited(_shared, site, axe):
    """{view: (pages audited, failures)}, and under "figures" {page: figures without a text
    alternative}. Each page is loaded once, at desktop width, and
    audited in every view: the window resized (the material layout follows, as when a
    reader turns a tablet) and the colour scheme switched (book.js follows the system).
    Loading (and typesetting) every page once per view cost the suite half of its time."""
    driver = _fresh_visitor(_shared, site, 1280, 1000)
    found, tick = {view: (pages(), []) for view in VIEWS}, time.time()
    found["figures"] = {}
    for page in pages():
        driver.set_window_size(1280, 1000)
        scheme(driver, "light")
        open_ready(driver, site + page)
        driver.execute_script(NO_TRANSITIONS)
        found["figures"][page] = missing_alternatives(driver)
        for view, (name, width, height) in VIEWS.items():
            driver.set_window_size(width, height)
            scheme(driver, name)
            driver.execute_script(SHOW_TAB, SHOWN[view])
            _settle(driver, page, view, name)
            _audit(driver, axe, page, f"{view}, {SHOWN[view]} shown", found[view][1])
    print(f"axe-core: {len(pages())} pages in {len(VIEWS)} views in {time.time() - tick:.1f} s")
    return found


def _settle(driver, page, view, name):
    if not driver.execute_async_script(SETTLE, name):
        theme = driver.execute_script("return document.documentElement.dataset.theme")
        raise AssertionError(f"{page} [{view}]: the page did not settle in the {name} scheme "
                             f"within 20 s (its theme: {theme})")


def _audit(driver, axe, page, view, failures):
    problems, issues = violations(driver, axe, set_aside=HIDDEN_PANELS), tab_problems(driver)
    if problems or issues:
        failures.append(f"{page} [{view}] {counts(problems)}\n{report(problems)}"
                        + "".join(f"\n  tabs pattern: {p}" for p in issues))


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_passes_axe_core(audited, view):
    audited_pages, failures = audited[view]
    assert "index.html" in audited_pages and SECTION in audited_pages
    assert not failures, "accessibility violations:\n" + "\n".join(failures)


def test_every_figure_has_a_text_alternative(audited, browser, site):
    assert SECTION in audited["figures"]
    assert {page: bad for page, bad in audited["figures"].items() if bad} == {}
    # a figure without one is caught: the check is not vacuous
    open_ready(browser, site + SECTION)
    browser.execute_script("""const i = document.createElement('img'); i.src = '../_images/plot_1_0.svg';
        document.querySelector('[role=main] p').appendChild(i);""")
    assert len(missing_alternatives(browser)) == 1


# Defects planted in the section page: each must be reported by the rule family it breaks.
PLANTED = {
    "color-contrast": """const a = document.createElement('a'); a.href = '#'; a.id = 'planted';
        a.textContent = '흐릿한 링크'; a.style.color = '#c8c8c8'; a.style.background = '#ffffff';
        document.querySelector('[role=main] p').appendChild(a);""",
    "aria-roles": "document.querySelector('[role=main] p').setAttribute('role', 'paragraph-ish');",
    "aria-allowed-attr": "document.querySelector('[role=main] p').setAttribute('aria-selected', 'true');",
}


@pytest.mark.parametrize("rule", PLANTED)
def test_a_planted_defect_is_reported(browser, site, axe, rule):
    open_ready(browser, site + SECTION)
    assert rule not in [v["id"] for v in violations(browser, axe, rules=[rule])]  # only the rule it breaks
    browser.execute_script(PLANTED[rule])
    found = {v["id"]: v for v in violations(browser, axe, rules=[rule])}
    assert rule in found, f"axe-core missed a planted {rule} defect: {sorted(found)}"


def test_a_tab_without_aria_selected_is_reported(browser, site):
    open_ready(browser, site + SECTION)
    assert tab_problems(browser) == []
    browser.execute_script("document.querySelector('[role=tab]').removeAttribute('aria-selected')")
    assert tab_problems(browser) == ["group 0 mxnet: no aria-selected"]


def test_a_defect_in_a_hidden_panel_is_reported_when_its_tab_is_shown(browser, site, axe):
    open_ready(browser, site + SECTION)
    browser.execute_script("""const a = document.createElement('a'); a.href = '#'; a.textContent = '흐릿한 링크';
        a.style.color = '#c8c8c8'; a.style.background = '#ffffff';
        document.querySelector('.mdl-tabs__panel[id^="jax-"]').appendChild(a);""")
    found = {}
    for tab in ("mxnet", "jax"):
        browser.execute_script(SHOW_TAB, tab)
        found[tab] = [v["id"] for v in violations(browser, axe, set_aside=HIDDEN_PANELS, rules=["color-contrast"])]
    assert found == {"mxnet": [], "jax": ["color-contrast"]}


def test_set_aside_panels_come_back_whole_and_a_shown_one_is_refused(browser, site, axe):
    open_ready(browser, site + SECTION)
    page = "return document.querySelector('[role=main]').outerHTML"
    before = browser.execute_script(page)
    assert violations(browser, axe, set_aside=HIDDEN_PANELS, rules=["color-contrast"]) == []
    assert browser.execute_script(page) == before
    with pytest.raises(AssertionError, match="set aside while displayed: pytorch-"):
        violations(browser, axe, set_aside=".mdl-tabs__panel", rules=["color-contrast"])
    assert browser.execute_script(page) == before
