"""Accessibility of every page of the built book: no axe-core violation of the WCAG 2.0/2.1
A and AA rules, in the light and the dark colour scheme, at desktop width and on a 390 px
phone, and every framework tab group in the WAI-ARIA tabs pattern. Pages are found in
_build/html, so a new chapter or page is audited without a change here. A failure names
the page, the view, the rule and the CSS selector of each element.

Each check is also seen failing once, on a defect planted in a real page."""
import time

import pytest

from audit import axe_source, counts, open_ready, pages, report, tab_problems, violations
from reading import SECTION

VIEWS = {"light": ("light", 1280, 1000), "dark": ("dark", 1280, 1000),
         "light-390px": ("light", 390, 844), "dark-390px": ("dark", 390, 844)}


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def show(driver, scheme, width, height):
    driver.set_window_size(width, height)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_passes_axe_core(browser, site, axe, view):
    show(browser, *VIEWS[view])
    failures, tick, audited = [], time.time(), pages()
    assert "index.html" in audited and SECTION in audited
    for page in audited:
        open_ready(browser, site + page)
        assert browser.execute_script("return document.documentElement.dataset.theme") == VIEWS[view][0]
        found = violations(browser, axe)
        problems = tab_problems(browser)
        if found or problems:
            failures.append(f"{page} [{view}] {counts(found)}\n{report(found)}"
                            + "".join(f"\n  tabs pattern: {p}" for p in problems))
    print(f"axe-core: {len(audited)} pages [{view}] in {time.time() - tick:.1f} s")
    assert not failures, "accessibility violations:\n" + "\n".join(failures)


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
    assert rule not in [v["id"] for v in violations(browser, axe)]
    browser.execute_script(PLANTED[rule])
    found = {v["id"]: v for v in violations(browser, axe)}
    assert rule in found, f"axe-core missed a planted {rule} defect: {sorted(found)}"


def test_a_tab_without_aria_selected_is_reported(browser, site):
    open_ready(browser, site + SECTION)
    assert tab_problems(browser) == []
    browser.execute_script("document.querySelector('[role=tab]').removeAttribute('aria-selected')")
    assert tab_problems(browser) == ["group 0 mxnet: no aria-selected"]
