"""Browser test of `evidence desk`: an agent signs in, reads the queue and a case, and records a
decision, in headless Chromium (Debian's chromium + chromium-driver, Selenium from the pinned
venv). Self-contained: it packs a sample bundle with the built `evidence`, starts the desk
itself on a free loopback port and stops it at the end. Run by `make test` after `swift test`.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = ROOT / ".build" / "debug" / "evidence"
WAIT = 60  # seconds a page may take on a loaded CI machine


def run(*args, **kwargs):
    env = {"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": "UTC", "HOME": kwargs.pop("home")}
    return subprocess.run([str(EVIDENCE), *args], env=env, capture_output=True, text=True, check=True, **kwargs)


@pytest.fixture()
def desk():
    assert EVIDENCE.exists(), f"{EVIDENCE} is missing: run `swift build` first"
    work = Path(tempfile.mkdtemp(prefix="evidence-desk-browser-"))
    folder, inbox = work / "desk", work / "inbox"
    inbox.mkdir()
    home = str(work)
    bundle = work / "earbuds.zip"
    run("pack", str(ROOT / "Samples" / "quality-earbuds"), "-o", str(bundle), home=home)
    token = run("desk", "user", "add", "agent-li", str(folder), home=home).stdout.strip().splitlines()[-1]
    process = subprocess.Popen([str(EVIDENCE), "desk", str(folder), "--inbox", str(inbox), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8", "TZ": "UTC", "HOME": home})
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, f"the desk printed no URL: {line!r} {process.stderr.read() if process.poll() is not None else ''}"
        url = match.group(0)
        shutil.copy(bundle, inbox / "earbuds.zip")
        deadline = time.monotonic() + WAIT
        while True:
            request = urllib.request.Request(url + "api/v1/bundles", headers={"Authorization": "Bearer " + token})
            queue = json.load(urllib.request.urlopen(request))
            if queue["total"] == 1:
                break
            assert time.monotonic() < deadline, "the inbox bundle was never filed"
            time.sleep(0.2)
        yield {"url": url, "token": token, "record": queue["bundles"][0]}
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture()
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_agent_signs_in_reads_a_case_and_decides(desk, browser):
    wait = WebDriverWait(browser, WAIT)
    # Without a session every page sends the browser to the sign-in form (in Chinese by default).
    browser.get(desk["url"])
    wait.until(EC.url_contains("/signin"))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "h2"), "登录"))
    # A wrong token comes back to the form with a notice.
    browser.find_element(By.ID, "token").send_keys("edk_wrong")
    browser.find_element(By.ID, "signin-submit").click()
    wait.until(EC.visibility_of_element_located((By.ID, "failed")))
    browser.find_element(By.ID, "token").send_keys(desk["token"])
    browser.find_element(By.ID, "signin-submit").click()
    # The queue: the bundle from the inbox, its shop and verdict; the token is not left in the address.
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#queue tbody tr")))
    assert "token=" not in browser.current_url
    cookie = browser.get_cookie("evidence_desk")
    assert cookie and cookie["httpOnly"] and cookie.get("sameSite") == "Strict"
    row = browser.find_element(By.CSS_SELECTOR, "#queue tbody tr")
    assert "某某数码旗舰店" in row.text
    assert "有效·齐全" in row.text
    wait.until(EC.text_to_be_present_in_element((By.ID, "me"), "agent-li"))
    # The filter by text finds it; another text finds nothing.
    search = browser.find_element(By.ID, "filter-q")
    search.send_keys("no-such-shop")
    browser.find_element(By.ID, "filter-submit").click()
    wait.until(EC.invisibility_of_element_located((By.CSS_SELECTOR, "#queue tbody tr")))
    search.clear()
    search.send_keys("3712345678901234567")
    browser.find_element(By.ID, "filter-submit").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#queue tbody tr")))
    # English, then the case page.
    browser.find_element(By.ID, "lang").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "h1"), "Evidence desk"))
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#queue tbody tr"), "Valid, complete"))
    browser.find_element(By.CSS_SELECTOR, "a.case-link").click()
    wait.until(EC.url_contains("/cases/" + desk["record"]["id"]))
    wait.until(EC.text_to_be_present_in_element((By.ID, "fact-bag_digest"), desk["record"]["bag_digest"]))
    # The previews come from inside the stored bundle: the photos decode.
    wait.until(lambda d: d.execute_script(
        "const imgs = [...document.querySelectorAll('#case-entries img')];"
        "return imgs.length >= 2 && imgs.every(i => i.complete && i.naturalWidth > 0);"))
    # The chat export is the sample's own bytes (GBK), shown as they are stored.
    wait.until(lambda d: "2026-11-06 20:30" in d.find_element(By.CSS_SELECTOR, "pre.text-preview").text)
    # The decision, recorded with who and when; a second one is added, not overwritten.
    Select(browser.find_element(By.ID, "decision")).select_by_value("needs-more-evidence")
    browser.find_element(By.ID, "note").send_keys("请补充开箱视频")
    browser.find_element(By.ID, "decide-submit").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#history tbody"), "Needs more evidence"))
    Select(browser.find_element(By.ID, "decision")).select_by_value("accepted")
    browser.find_element(By.ID, "decide-submit").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#history tbody tr")) == 2)
    wait.until(EC.text_to_be_present_in_element((By.ID, "fact-decision"), "Accepted"))
    request = urllib.request.Request(desk["url"] + "api/v1/bundles/" + desk["record"]["id"] + "/decisions",
                                     headers={"Authorization": "Bearer " + desk["token"]})
    history = json.load(urllib.request.urlopen(request))["decisions"]
    assert [d["decision"] for d in history] == ["needs-more-evidence", "accepted"]
    assert [d["user"] for d in history] == ["agent-li", "agent-li"]
    assert history[0]["note"] == "请补充开箱视频"
