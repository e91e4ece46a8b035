"""One PDF of the whole book per framework, ``d2l-ko-<tab>.pdf``, printed by headless
chromium from the HTML that Sphinx has just built.

Why chromium and not d2lbook's LaTeX path: the PDF is then the book the tests read,
with the same math (MathJax), the same tab contents and the same Korean fonts, and it
needs no TeX installation (d2lbook's path wants xelatex, a Korean TeX setup and its own
LaTeX template, hundreds of MB on every machine that builds the book). Chromium keeps a
code block's leading spaces as text, so code copied from the PDF keeps its indentation,
and embeds the (subset) fonts it drew with.

How: the book is served on localhost; for each framework one page is opened, and a
script (ASSEMBLE) fetches every page in reading order (the ``rel="next"`` links), keeps
only that framework's panels, turns links between pages into links inside the PDF, and
waits for MathJax and the fonts. The print stylesheet is in theme/static/book.css.

PDFs are cached in ``_build/pdf``, each with a stamp of the HTML it printed (downloads
excluded, tools/inputs.py): a book whose HTML did not change reuses them. They are
printed after the HTML is published (tools/publishing.py), so an author reads the page
without waiting for them; a published book links a PDF only once it is current.
"""
import base64
import concurrent.futures
import functools
import http.server
import os
import shutil
import threading

from tools import frameworks, inputs, stamps

CACHE = os.path.join("_build", "pdf")
DOWNLOADS = os.path.join("_static", "downloads")
HOW_TO_INSTALL = ("the PDFs (one per framework) are printed with headless chromium and chromium-driver, "
                  "which are not installed; as root: apt-get update && apt-get install -y chromium "
                  "chromium-driver fonts-noto-cjk. This build has no PDFs.")


def binaries():
    """(chromium, chromedriver) paths, or None when either is missing. D2L_CHROMIUM and
    D2L_CHROMEDRIVER name other binaries (or missing ones, to build without PDFs)."""
    browser = os.environ.get("D2L_CHROMIUM") or next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = os.environ.get("D2L_CHROMEDRIVER") or shutil.which("chromedriver")
    browser, driver = (p if p and os.access(p, os.X_OK) else None for p in (browser, driver))
    return (browser, driver) if browser and driver else None


def available():
    return binaries() is not None


def file_name(book, tab):
    return f"{book.config.project['name']}-{tab}.pdf"


def _cached(book, tab):
    return os.path.join(CACHE, file_name(book, tab))


def missing(book, html_dir):
    """Put the cached PDFs that are current for ``html_dir`` into its downloads; return
    the tabs whose PDF must be printed first."""
    key = stamps.digest(*inputs.pdfs(html_dir, DOWNLOADS))
    todo = []
    for tab in book.tabs:
        target = os.path.join(html_dir, DOWNLOADS, file_name(book, tab))
        if stamps.Stamp(_cached(book, tab) + ".key").matches(key) and os.path.exists(_cached(book, tab)):
            if stamps.read(target) != stamps.read(_cached(book, tab)):
                stamps.write_atomic(target, stamps.read(_cached(book, tab)))
        else:
            todo.append(tab)
    return todo


def build(book, html_dir, tabs, say):
    """Print the PDFs of ``tabs`` from ``html_dir``, cache them, and put them into its downloads."""
    key = stamps.digest(*inputs.pdfs(html_dir, DOWNLOADS))
    say(f"[pdf] printing {', '.join(tabs)} with headless chromium")

    def print_some(group):
        for tab, data in print_book(html_dir, group, book.config.project["title"]):
            stamps.write_atomic(_cached(book, tab), data)
            stamps.Stamp(_cached(book, tab) + ".key").write(key)
            stamps.write_atomic(os.path.join(html_dir, DOWNLOADS, file_name(book, tab)), data)

    # one browser per core: each lays out and typesets the whole book once per tab
    groups = [tabs[i::os.cpu_count() or 1] for i in range(min(len(tabs), os.cpu_count() or 1))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(groups)) as pool:
        list(pool.map(print_some, groups))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def print_book(html_dir, tabs, title):
    """Yield (tab, PDF bytes) for each tab."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    browser, chromedriver = binaries()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=html_dir))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = Options()
    options.binary_location = browser
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--disable-sync"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        driver.set_script_timeout(300)
        for tab in tabs:
            driver.get(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            problem = driver.execute_async_script(ASSEMBLE, tab)
            if problem:
                raise RuntimeError(f"cannot assemble the {tab} PDF: {problem}")
            # the PDF's title: the book once and its framework (not the index page's "<title> — <title> 문서")
            driver.execute_script("document.title = arguments[0]", f"{title} — {frameworks.DISPLAY[tab]}")
            footer = ('<div style="width:100%;font-size:8px;color:#666;text-align:center;'
                      'font-family:sans-serif"><span class="pageNumber"></span></div>')
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {
                "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": True,
                "headerTemplate": "<span></span>", "footerTemplate": footer,
                "generateDocumentOutline": True, "generateTaggedPDF": True})
            yield tab, base64.b64decode(pdf["data"])
    finally:
        driver.quit()
        server.shutdown()


# Runs in the book's index page; arguments: the tab, and the callback. Calls back with
# null when the page holds the whole book for that tab, or with what went wrong.
ASSEMBLE = r"""
const [tab, done] = arguments;
(async () => {
  const main = document.querySelector('[role="main"]');
  const pages = [];
  let url = new URL('index.html', location.href).href;
  while (url && !pages.some(p => p.url === url)) {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    pages.push({url, doc});
    const next = doc.querySelector('link[rel="next"]');
    url = next ? new URL(next.getAttribute('href'), url).href : null;
  }
  const pageId = u => 'page-' + new URL(u).pathname.replace(/[^a-zA-Z0-9]+/g, '-');
  const parts = pages.map(({url, doc}) => {
    const body = doc.querySelector('[role="main"]');
    body.querySelectorAll('.headerlink, .mdl-tabs__tab-bar, .d2l-links, script').forEach(e => e.remove());
    // only this framework: its panels shown, the others' gone, groups without it gone
    body.querySelectorAll('.mdl-tabs__panel').forEach(p => {
      if (p.id.split('-')[0] === tab) p.classList.add('is-active'); else p.remove();
    });
    body.querySelectorAll('.mdl-tabs').forEach(g => { if (!g.querySelector('.mdl-tabs__panel')) g.remove(); });
    body.querySelectorAll('[src]').forEach(e => e.setAttribute('src', new URL(e.getAttribute('src'), url).href));
    body.querySelectorAll('a[href]').forEach(a => {
      const target = new URL(a.getAttribute('href'), url);
      if (target.origin !== location.origin) return;  // a link out of the book stays as it is
      a.setAttribute('href', '#' + (target.hash ? decodeURIComponent(target.hash.slice(1)) : pageId(target.href)));
    });
    const part = document.createElement('section');
    part.className = 'd2l-print-page';
    part.id = pageId(url);
    part.append(...body.childNodes);
    return part;
  });
  main.replaceChildren(...parts);
  const cover = document.createElement('p');
  cover.className = 'd2l-print-edition';
  cover.textContent = (JSON.parse(document.querySelector('meta[name="d2l-links"]')?.content || '{}').tabs || {})[tab] || tab;
  const h1 = main.querySelector('h1');
  if (h1) h1.after(cover);
  document.documentElement.setAttribute('data-theme', 'light');
  document.documentElement.setAttribute('data-framework', tab);
  document.documentElement.classList.add('d2l-print');
  const math = main.querySelector('.math');
  if (math && !window.MathJax) {  // Sphinx loads MathJax only on pages with math; this one may have none
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('_static/mathjax/tex-chtml.js', location.href).href;
      script.onload = resolve;
      script.onerror = () => reject(new Error('cannot load ' + script.src));
      document.head.append(script);
    });
  }
  if (math) {
    await MathJax.startup.promise;
    await MathJax.typesetPromise([main]);
  }
  await document.fonts.ready;
  return main.querySelector('mjx-merror, mjx-container [data-mjx-error]') ? 'MathJax could not render some math' : null;
})().then(done, e => done(String(e && e.stack || e)));
"""
