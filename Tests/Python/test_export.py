"""The export buttons of the shopper app in a real browser: after packing (also after a reload, which
only the case API's latest_bundle tells about), 12315 gives 证据材料.pdf
(downloaded through its link, a PDF), platform gives the numbered images and 说明.txt; an incomplete
case is refused with the missing evidence named, and exported when the shopper confirms."""
import re
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import (PATIENCE, SAMPLE, assert_no_placeholders, every, new_case, one, sample_files,
                     severe_console_errors, shoot, upload, wait)
from test_accessibility import critical


def fetch_with_page_cookie(driver, href):
    """GETs HREF as the page would: with the session cookie the page signed in with."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(href, headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


def links(block):
    return {a.text: a.get_attribute("href") for a in block.find_elements(By.CSS_SELECTOR, "a.export-link")}


def test_a_packed_case_is_exported_for_12315_and_for_the_platform(driver, server, downloads):
    case_id = new_case(driver, server)
    upload(driver, sample_files())
    wait(driver, lambda d: "ok" in one(d, "#overall").get_attribute("class"), "complete checklist")
    assert "还没有打包时" in one(driver, "#export-hint").text
    # Before any export: one button per channel, each with its hint read out with it.
    for channel in ("platform", "12315", "association", "court"):
        button = one(driver, f"#export-{channel}")
        hint = one(driver, "#" + button.get_attribute("aria-describedby"))
        assert button.text and hint.text, channel
    one(driver, "#pack-button").click()
    wait(driver, lambda d: every(d, "#pack-result"), "packed")
    assert "刚才打包的证据包" in one(driver, "#export-hint").text
    # A later visit (a reload: the page forgets this pack) still says exports come from the bundle,
    # naming it, because the case API tells its latest_bundle.
    driver.refresh()
    wait(driver, lambda d: every(d, "#export-hint") and "已打包的证据包" in one(d, "#export-hint").text,
         "the packed-bundle hint after a reload")
    assert f"{case_id}.zip" in one(driver, "#export-hint").text
    assert every(driver, "#pack-result") == []

    # The keyboard reaches and presses the button.
    one(driver, "#export-12315").send_keys(Keys.ENTER)
    wait(driver, lambda d: every(d, '#export-result[data-channel="12315"]'), "the 12315 export")
    result = one(driver, "#export-result")
    assert "12315 投诉材料" in result.text and "取自已打包的证据包" in result.text
    found = links(result)
    assert set(found) == {"证据材料.pdf", "说明.txt"}, found
    headers, body = fetch_with_page_cookie(driver, found["证据材料.pdf"])
    assert body.startswith(b"%PDF-")
    assert headers["Content-Type"] == "application/pdf"
    assert "attachment" in headers["Content-Disposition"]
    # Clicking the link saves the PDF.
    result.find_element(By.LINK_TEXT, "证据材料.pdf").click()
    wait(driver, lambda d: (downloads / "证据材料.pdf").exists(), "the downloaded PDF")
    saved = downloads / "证据材料.pdf"
    deadline = time.monotonic() + PATIENCE
    while not saved.read_bytes().startswith(b"%PDF-") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert saved.read_bytes().startswith(b"%PDF-")
    shoot(driver, "shopper-export", at="#export")
    assert_no_placeholders(driver)
    assert critical(driver) == []

    one(driver, "#export-platform").click()
    wait(driver, lambda d: every(d, '#export-result[data-channel="platform"]'), "the platform export")
    found = links(one(driver, "#export-result"))
    images = sorted(name for name in found if re.fullmatch(r"\d{2}-.+\.(jpg|png)", name))
    assert len(images) == 3, found
    assert "说明.txt" in found
    headers, body = fetch_with_page_cookie(driver, found[images[0]])
    assert headers["Content-Type"] in ("image/jpeg", "image/png")
    assert body[:2] == b"\xff\xd8" or body[:4] == b"\x89PNG"
    # The 12315 export is still offered, under the earlier exports.
    earlier = one(driver, "details.earlier")
    assert earlier.find_elements(By.CSS_SELECTOR, '[data-channel="12315"]')
    assert severe_console_errors(driver) == []


def test_an_incomplete_case_is_refused_then_exported_on_confirmation(driver, server):
    new_case(driver, server)
    upload(driver, [SAMPLE / "旺旺聊天记录.txt"])
    one(driver, "#export-court").click()
    wait(driver, lambda d: every(d, "#export-refusal"), "the refusal")
    refusal = one(driver, "#export-refusal")
    named = {e.get_attribute("data-requirement") for e in refusal.find_elements(By.CSS_SELECTOR, "li")}
    assert {"proof-of-purchase", "defect-shown"} <= named
    assert every(driver, "#export-result") == []
    one(driver, "#export-anyway").click()
    wait(driver, lambda d: every(d, '#export-result[data-channel="court"]'), "exported anyway")
    result = one(driver, "#export-result")
    assert "证据材料.pdf" in links(result)
    assert "取自案件中的文件" in result.text
    assert_no_placeholders(driver)
    assert severe_console_errors(driver, expected_statuses=(409,)) == []
