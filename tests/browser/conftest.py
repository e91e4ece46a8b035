"""The built book (_build/html) served on localhost and read by Debian's headless
chromium through chromium-driver, as a reader would read it. One browser and one server
serve the whole session; each test starts as a new visitor (see _fresh_visitor).

When chromium is not installed (./build.sh setup installs it when run as root) every
browser test is skipped with the command that installs it."""
import functools
import glob
import http.server
import os
import threading

import pytest

from reading import CHROMEDRIVER, CHROMIUM, HTML, QuietHandler


@pytest.fixture(scope="session")
def site():
    if not os.path.isfile(os.path.join(HTML, "index.html")):
        pytest.fail("no built book in _build/html: run ./build.sh first")
    # _fresh_visitor clears what the book stores, which is all in local storage and cookies
    scripts = glob.glob(os.path.join(HTML, "_static", "**", "*.js"), recursive=True)
    assert not [s for s in scripts if "sessionStorage" in open(s, encoding="utf-8", errors="replace").read()], \
        "a script of the book uses session storage, which _fresh_visitor does not clear"
    handler = functools.partial(QuietHandler, directory=os.path.realpath(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_options():
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        pytest.skip("Debian's chromium and chromium-driver are not installed; as root: "
                    "apt-get update && apt-get install -y chromium chromium-driver")
    from selenium.webdriver.chrome.options import Options
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return options


def _driver(options, width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(width, height)
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture(scope="session")
def _shared(browser_options):
    """One chromium for the whole session: starting one per test was most of the suite's time."""
    driver = _driver(browser_options, 1280, 1000)
    yield driver
    driver.quit()


def _fresh_visitor(driver, site, width, height):
    """Put the shared browser back to the state of a new visitor: nothing stored on the
    book's origin (local storage, cookies, caches; the book keeps nothing in session
    storage), no granted permissions, the default colour scheme, the window size of the
    test, and an empty network log. The last page is left first, so that it cannot store
    anything after the clearing."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": site.rstrip("/"), "storageTypes": "all"})
    driver.execute_cdp_cmd("Browser.resetPermissions", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    driver.set_window_size(width, height)
    driver.get_log("performance")  # drained: requests_made() sees only this test's pages
    return driver


@pytest.fixture
def browser(_shared, site):
    """The shared browser, as a new visitor at desktop size."""
    return _fresh_visitor(_shared, site, 1280, 1000)


@pytest.fixture(scope="module")
def searcher(_shared, site):
    """One visitor for a module's searches (test_reader.search): a search stores nothing
    that a later one would see, so they may follow each other on one search page."""
    return _fresh_visitor(_shared, site, 1280, 1000)


@pytest.fixture
def phone(_shared, site):
    """The shared browser, as a new visitor on a 390 px wide phone."""
    return _fresh_visitor(_shared, site, 390, 844)


@pytest.fixture
def fresh_profile(browser_options):
    """A browser of its own with a new, empty profile: for what only a first visit shows."""
    driver = _driver(browser_options, 1280, 1000)
    yield driver
    driver.quit()
