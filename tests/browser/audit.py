"""The accessibility audit of the browser tests: axe-core (installed by ./build.sh from
requirements/npm into .envs/npm) run on a page in the shared chromium, restricted to the
WCAG 2.0 and 2.1 level A and AA rules, and the book's own check of the WAI-ARIA tabs
pattern, which axe does not make (it does not require aria-selected on a tab)."""
import json
import os

import pytest

from reading import HTML, ROOT, wait_for

AXE = os.path.join(os.environ.get("D2L_ENVS_DIR") or os.path.join(ROOT, ".envs"), "npm", "node_modules",
                   "axe-core", "axe.min.js")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The one place for exceptions: {rule id: why it does not apply to this book}. Empty: every
# rule of the tags above holds on every page.
EXCEPTIONS = {}

# ready to audit: the page loaded, book.js started (the theme button is there), the web
# fonts arrived and MathJax, when the page has math, typeset it
READY = """
const done = arguments[arguments.length - 1];
const typeset = window.MathJax && MathJax.startup && MathJax.startup.promise;
Promise.all([typeset, document.fonts && document.fonts.ready]).then(() => done(true), () => done(true));"""

# axe-core on the page, restricted to arguments[0] (axe's runOnly: the tags, or rule ids). The
# content of the elements arguments[1] matches (hidden tab panels) is taken out of the page
# while axe runs and put back, node for node, after: axe would skip it as hidden anyway, but
# it walks, measures and (with an exclude) matches every element of the page once per rule,
# and three of every four code cells' elements are in hidden panels. Only a panel that is not
# displayed may be emptied so: one that is would fail the run.
RUN = """
const [only, aside, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const shown = aside ? [...document.querySelectorAll(aside)].filter(e => getComputedStyle(e).display !== 'none') : [];
if (shown.length) { done({error: `set aside while displayed: ${shown.map(e => e.id).join(', ')}`}); return; }
const kept = aside ? [...document.querySelectorAll(aside)].map(e => {
  const range = document.createRange(); range.selectNodeContents(e); return [e, range.extractContents()]; }) : [];
const restore = () => kept.forEach(([e, content]) => e.appendChild(content));
axe.run(document, {runOnly: only, resultTypes: ['violations']})
  .then(r => { restore(); done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))}))); })
  .catch(e => { restore(); done({error: String(e)}); });"""

# The WAI-ARIA tabs pattern, as the book promises it: every framework tab group is a
# tablist of tabs, each tab names the panel it controls, exactly one tab of a list is
# selected and is the one reached with Tab, and every panel is labelled by its tab.
TABS_PATTERN = """
const problems = [];
const groups = [...document.querySelectorAll('.mdl-tabs')];
groups.forEach((g, i) => {
  const list = g.querySelector(':scope > [role=tablist]');
  if (!list) { problems.push(`group ${i}: no role=tablist`); return; }
  const tabs = [...list.children];
  const selected = tabs.filter(t => t.getAttribute('aria-selected') === 'true');
  tabs.forEach(t => {
    const name = t.textContent.trim();
    if (t.getAttribute('role') !== 'tab') problems.push(`group ${i} ${name}: role is not tab`);
    if (!['true', 'false'].includes(t.getAttribute('aria-selected'))) problems.push(`group ${i} ${name}: no aria-selected`);
    const panel = document.getElementById(t.getAttribute('aria-controls') || '');
    if (!panel || panel.getAttribute('role') !== 'tabpanel') problems.push(`group ${i} ${name}: aria-controls names no tabpanel`);
    else if (panel.getAttribute('aria-labelledby') !== t.id) problems.push(`group ${i} ${name}: its panel is not labelled by it`);
    const reached = t.getAttribute('aria-selected') === 'true' ? '0' : '-1';
    if (t.getAttribute('tabindex') !== reached) problems.push(`group ${i} ${name}: tabindex is not ${reached}`);
  });
  if (selected.length !== 1) problems.push(`group ${i}: ${selected.length} tabs selected, not 1`);
});
return problems;"""


def axe_source():
    if not os.path.isfile(AXE):
        pytest.skip(f"axe-core is not installed ({AXE}): ./build.sh setup installs it with npm from "
                    "requirements/npm; it needs Node.js 18+ and npm (as root: apt-get install -y nodejs npm)")
    with open(AXE, encoding="utf-8") as f:
        return f.read()


def pages():
    """Every HTML page of the built book (not the theme's files under _static), by path
    relative to _build/html; the search page also with a query, to audit its results."""
    found = []
    for base, dirs, names in os.walk(HTML, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("_"))
        found += [os.path.relpath(os.path.join(base, n), HTML) for n in sorted(names) if n.endswith(".html")]
    return found + (["search.html?q=%EA%B0%80%EC%A4%91%EC%B9%98"] if "search.html" in found else [])


def open_ready(driver, url):
    driver.get(url)
    wait_for(driver, "document.readyState === 'complete' && document.querySelector('button.d2l-theme-toggle')")
    driver.set_script_timeout(60)
    driver.execute_async_script(READY)
    if "search.html?q=" in url:
        wait_for(driver, "document.querySelector('#search-results .search-summary')", 60)


def violations(driver, source, set_aside=None, rules=None):
    """axe-core's violations of the TAGS' rules (or of the rule ids ``rules``) on the open page, less
    the EXCEPTIONS: [{id, impact, help, nodes}]. The content of the elements the CSS selector
    ``set_aside`` matches, which must not be displayed, is left out (see RUN)."""
    if not driver.execute_script("return !!window.axe"):  # once per loaded page
        driver.execute_script(source)
    only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": TAGS}
    found = driver.execute_async_script(RUN, only, set_aside)
    if isinstance(found, dict):
        raise AssertionError(f"axe-core failed to run: {found['error']}")
    return [v for v in found if v["id"] not in EXCEPTIONS]


def tab_problems(driver):
    return driver.execute_script(TABS_PATTERN)


def report(found):
    """One line per violating element: rule, impact, CSS selector and what is wrong."""
    lines = []
    for v in found:
        for n in v["nodes"]:
            lines.append(f"  {v['id']} ({v['impact']}) at {n['target']}: {n['summary'][:300]}")
    return "\n".join(lines)


def counts(found):
    return json.dumps({v["id"]: len(v["nodes"]) for v in found}, sort_keys=True)


# every image and drawing in the content, with its text alternative (None: it has none)
FIGURES = """return [...document.querySelectorAll('[role=main] img, [role=main] svg')]
    .filter(e => !e.closest('[aria-hidden=true], mjx-container'))
    .map(e => [e.outerHTML.slice(0, 120), e.tagName.toLowerCase() === 'img' ? e.getAttribute('alt')
        : (e.getAttribute('aria-label') || (e.querySelector(':scope > title') || {}).textContent || null),
        (e.getAttribute('src') || '').split('/').pop()]);"""


def missing_alternatives(driver):
    """Images and drawings whose text alternative is missing, empty, or only the file name."""
    return [(html, alt) for html, alt, src in driver.execute_script(FIGURES)
            if not (alt or "").strip() or alt.strip() == src or alt.strip().endswith((".svg", ".png", ".jpg"))]
