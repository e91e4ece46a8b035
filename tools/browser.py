"""Debian's chromium, chromium-driver and poppler-utils: they print the PDFs (tools/pdf.py),
run the browser tests, and read the PDFs back in the tests. Standard library only."""
import os
import shutil
import subprocess

# chromium prints the PDFs and runs the browser tests; pdftotext reads the PDFs back in tests
BROWSER = {"chromium": "/usr/bin/chromium", "chromedriver": "/usr/bin/chromedriver",
           "poppler-utils": "/usr/bin/pdftotext"}
BROWSER_HINT = "apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk poppler-utils"


def ready():
    return all(os.access(p, os.X_OK) for p in BROWSER.values())


def ensure(log_dir, say=print):
    """Debian's chromium, chromium-driver and poppler-utils, for the PDFs and the browser
    tests: installed when this runs as root with apt-get; otherwise the build makes no PDF
    and the tests say how to install them and skip."""
    if ready():
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        say(f"[setup] browser: chromium not found; no PDFs, and the browser tests will be skipped. "
            f"As root: {BROWSER_HINT}")
        return False
    log_path = os.path.join(log_dir, "apt.log")
    os.makedirs(log_dir, exist_ok=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with open(log_path, "w") as log:
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends",
                                             "chromium", "chromium-driver", "fonts-noto-cjk", "poppler-utils"]):
            if subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env).returncode != 0:
                say(f"[setup] browser: '{' '.join(cmd)}' failed (see {log_path}); the browser tests will be skipped")
                return False
    return ready()
