"""Helpers of the browser tests: where the built book is, the browser's binaries,
what the pages requested, and waiting for the page to reach a state."""
import http.server
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HTML = os.path.join(ROOT, "_build", "html")
SECTION = "chapter_builders-guide/init-param.html"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the book silently, keeping (path, status) of every answer in ``answered``:
    the browser fetches the favicon outside the page, so Chrome's page log never shows it."""
    answered = []

    def log_request(self, code="-", size="-"):
        QuietHandler.answered.append((self.path, int(code)))

    def log_message(self, *args):
        pass


def requests_made(driver):
    """Every URL the pages loaded so far asked for (from Chrome's network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def wait_for(driver, script, timeout=20):
    """Wait until the JavaScript expression is truthy; return its value."""
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(f"return {script}"))


def responses(driver):
    """(URL, HTTP status) of every response the pages received so far (Chrome's network log)."""
    out = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.responseReceived":
            response = message["params"]["response"]
            out.append((response["url"], response["status"]))
    return out
