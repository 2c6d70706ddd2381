"""The app in a real browser: serve it with ``streamlit run``, open it in headless Chromium, look for the marks.

Needs Debian's chromium and chromium-driver (``apt-get install -y chromium chromium-driver``) and the
``selenium`` package; skips with that reason otherwise. Saves ``eval/results/app/screenshot.png``.
The server keeps its review decisions and term list in tmp files (``$XLATE_REVIEWS``, ``$XLATE_TERMS``), never
in the user's own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = ROOT / "eval" / "results" / "app" / "screenshot.png"
START_TIMEOUT_S = 40

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
                       reason=f"{CHROMIUM} or {CHROMEDRIVER} missing: apt-get install -y chromium chromium-driver"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed: pip install 'selenium>=4.20'")
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the health endpoint until it answers ``ok`` (bounded), failing early if the server died."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"streamlit did not answer {url} within {START_TIMEOUT_S}s:\n{log.read_text(errors='replace')[-2000:]}")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    folder = tmp_path_factory.mktemp("streamlit")
    log = folder / "server.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONWARNINGS": "ignore",
                                     "XLATE_REVIEWS": str(folder / "reviews.sqlite"),
                                     "XLATE_TERMS": str(folder / "terms.tsv")})
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1440,2200", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_default_page_marks_both_sides(app_url: str, browser: webdriver.Chrome) -> None:
    """With no input the sample pair's report shows, with 61 marked on the left and 16 on the right."""
    browser.get(app_url)
    WebDriverWait(browser, 40, poll_frequency=0.25).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "table.beads mark[data-finding]"))
    src = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "table.beads tr.bead > td:nth-child(2) mark")]
    tgt = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "table.beads tr.bead > td:nth-child(3) mark")]
    assert "61" in src and "16" in tgt, (src, tgt)
    assert "údajných" in src
    assert not browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
    title = browser.find_element(By.CSS_SELECTOR, "mark[data-finding]").get_attribute("title")
    assert title and ":" in title  # the explanation shows on hover
    metrics = [m.text for m in browser.find_elements(By.CSS_SELECTOR, '[data-testid="stMetric"]')]
    assert any("Consistency score" in m for m in metrics), metrics
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))


def _review_counts(d: webdriver.Chrome) -> dict[str, int]:
    """The counts on the review filter's pills ("open 6", "confirmed 0", "dismissed 1")."""
    labels = [b.text.split() for b in d.find_elements(By.CSS_SELECTOR, ".st-key-reviews button")]
    return {w[0]: int(w[1]) for w in labels if len(w) == 2 and w[1].isdigit()}


def _marked(d: webdriver.Chrome) -> set[str]:
    return {m.get_attribute("data-finding") for m in d.find_elements(By.CSS_SELECTOR, "table.beads mark[data-finding]")}


def _click(d: webdriver.Chrome, css: str, text: str = "") -> bool:
    """Click the first displayed element matching ``css`` (and containing ``text``); False if none yet."""
    for e in d.find_elements(By.CSS_SELECTOR, css):
        if e.is_displayed() and e.is_enabled() and text in e.text:
            e.click()
            return True
    return False


def test_dismissal_survives_a_reload(app_url: str, browser: webdriver.Chrome) -> None:
    """Dismiss a finding in the review tab, reload the page: it is still dismissed, counted and unmarked."""
    wait = WebDriverWait(browser, 40, poll_frequency=0.25, ignored_exceptions=(StaleElementReferenceException,))
    browser.get(app_url)
    wait.until(lambda d: _review_counts(d) == {"open": 7, "confirmed": 0, "dismissed": 0})
    assert "F003" in _marked(browser)
    wait.until(lambda d: _click(d, '[role="tab"]', "Review findings"))
    wait.until(lambda d: _click(d, '[class*="st-key-dismiss-F003-"] button'))
    wait.until(lambda d: _review_counts(d) == {"open": 6, "confirmed": 0, "dismissed": 1})
    wait.until(lambda d: "F003" not in _marked(d)
               and not d.find_elements(By.CSS_SELECTOR, '[class*="st-key-dismiss-F003-"]'))

    browser.refresh()
    wait.until(lambda d: _review_counts(d) == {"open": 6, "confirmed": 0, "dismissed": 1})
    wait.until(lambda d: _marked(d) >= {"F001", "F005"})  # the table is drawn, without F003
    assert "F003" not in _marked(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')

    # One click shows the dismissed finding again; Undo makes it open (and leaves the store as it was).
    wait.until(lambda d: _click(d, ".st-key-reviews button", "dismissed"))
    wait.until(lambda d: "F003" in _marked(d))
    wait.until(lambda d: _click(d, '[role="tab"]', "Review findings"))
    wait.until(lambda d: _click(d, '[class*="st-key-clear-F003-"] button'))
    wait.until(lambda d: _review_counts(d) == {"open": 7, "confirmed": 0, "dismissed": 0})
