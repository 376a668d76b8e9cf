"""Helpers shared by the browser tests: the headless chromium, waits, screenshots, console, API."""
import json
import os
import pathlib
import re
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".build/test-artifacts/screenshots"
SAMPLE = ROOT / "Samples/quality-earbuds"
DESKTOP = (1280, 900)
PHONE = (375, 812)
# Generous: OCR of a screenshot on a loaded 2-core machine takes seconds. A wait only bounds a
# hang; no test measures time.
PATIENCE = 240


def start_chromium(downloads, lang="zh-CN"):
    assert os.path.exists(CHROMIUM), f"{CHROMIUM} missing: `make test` installs Debian's chromium"
    assert os.path.exists(CHROMEDRIVER), f"{CHROMEDRIVER} missing: `make test` installs chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={DESKTOP[0]},{DESKTOP[1]}", f"--lang={lang}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "intl.accept_languages": lang,
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return drv


def wait(drv, condition, message="", timeout=PATIENCE):
    """Waits for CONDITION, then for the page to settle (no request in flight)."""
    ignored = (NoSuchElementException, StaleElementReferenceException)
    patient = WebDriverWait(drv, timeout, poll_frequency=0.2, ignored_exceptions=ignored)
    value = patient.until(condition, message)
    patient.until(lambda d: d.execute_script("return document.body.dataset.pending") in (None, "0"),
                  "requests still in flight")
    return value


def one(drv, css):
    return drv.find_element(By.CSS_SELECTOR, css)


def every(drv, css):
    return drv.find_elements(By.CSS_SELECTOR, css)


def shoot(drv, name, at=None):
    """Saves the page at phone and desktop width: .build/test-artifacts/screenshots/NAME-WIDTH.png,
    scrolled to the element AT (a CSS selector) or to the top."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in (PHONE, DESKTOP):
        drv.set_window_size(width, height)
        time.sleep(0.3)
        drv.execute_script(
            "const at = arguments[0] && document.querySelector(arguments[0]);"
            "window.scrollTo({top: at ? at.getBoundingClientRect().top + window.scrollY - 8 : 0, behavior: 'instant'});", at)
        time.sleep(0.3)
        drv.save_screenshot(str(SCREENSHOTS / f"{name}-{width}.png"))
    drv.set_window_size(*DESKTOP)


def severe_console_errors(drv, expected_statuses=()):
    """SEVERE console entries, less the HTTP answers the test provoked on purpose (Chromium logs
    every 4xx as a failed resource: a 409 refusal or a 422 problem list is one)."""
    def expected(entry):
        status = re.search(r"status of (\d+)", entry.get("message", ""))
        return entry.get("source") == "network" and status and int(status.group(1)) in expected_statuses
    return [e for e in drv.get_log("browser") if e.get("level") == "SEVERE" and not expected(e)]


def api(server, method, path, body=None, headers=None):
    """A request to the server's API as a script would make it (bearer token)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(server.base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {server.token}")
    for key, value in (headers or {}).items():
        req.add_header(key, value)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read())


def sample_files():
    """The quality-earbuds sample's evidence (its case file aside), photos/ included."""
    return sorted(p for p in SAMPLE.rglob("*") if p.is_file() and p.name != "case.yaml")


def new_case(drv, server, category="quality"):
    """From the case list, opens a new case of CATEGORY; returns its id."""
    drv.get(server.base + "/")
    wait(drv, lambda d: every(d, f'.card[data-category="{category}"]'), "category cards")
    one(drv, f'.card[data-category="{category}"]').click()
    wait(drv, lambda d: every(d, "#file-input"), "the case page")
    return drv.execute_script("return decodeURIComponent(location.hash.replace('#/case/', ''))")


def upload(drv, paths):
    """Sends files through the file input and waits until each is shown and checked."""
    before = len(every(drv, "li.file"))
    one(drv, "#file-input").send_keys("\n".join(str(p) for p in paths))
    wait(drv, lambda d: len(every(d, "li.file")) >= before + len(paths) and not every(d, "#uploads li"),
         "uploaded files listed")
    wait(drv, lambda d: every(d, "#overall"), "the checklist")


def card(drv, name):
    return one(drv, f'li.file[data-file="{name}"]')


def assert_no_placeholders(drv):
    """No "null", "undefined" or unfilled {name} left in what the page shows."""
    text = drv.find_element(By.TAG_NAME, "body").text
    for leftover in ("null", "undefined", "NaN", "[object Object]"):
        assert leftover not in text, leftover
    assert not re.search(r"\{[a-z]+\}", text), re.search(r"\{[a-z]+\}", text).group(0)
