"""The shopper app of `evidence serve` in a real browser: a quality case from the sample's files to
a downloaded bundle that `evidence verify` accepts; refusals; hostile files; both languages."""
import re
import shutil
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser import (SAMPLE, api, assert_no_placeholders, card, every, new_case, one, severe_console_errors, shoot,
                     sample_files, upload, wait)


def set_field(drv, name, value):
    field = one(drv, f'[name="{name}"]')
    drv.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, value)


def test_a_complete_quality_case_is_packed_downloaded_and_verifies(driver, server, downloads, evidence_bin):
    case_id = new_case(driver, server)
    files = sample_files()
    upload(driver, files)
    names = [p.name for p in files]
    assert sorted(e.get_attribute("data-file") for e in every(driver, "li.file")) == sorted(names)
    photo = card(driver, "左耳无声.jpg")
    assert "image/jpeg" in photo.text and "2026-11-06 20:14:05" in photo.text
    assert photo.find_element(By.CSS_SELECTOR, "img.thumb").get_attribute("naturalWidth") != "0"
    # The role the content suggests, and why.
    screenshot_card = card(driver, "订单截图.png")
    assert Select(screenshot_card.find_element(By.TAG_NAME, "select")).first_selected_option.get_attribute("value") == "order-screenshot"
    assert "订单编号" in screenshot_card.find_element(By.CSS_SELECTOR, ".reason").text
    wait(driver, lambda d: "ok" in one(d, "#overall").get_attribute("class"), "complete checklist")
    shoot(driver, "shopper-files")

    # Change one role: the chat record becomes "other", so the recommended contact is missing.
    chat = card(driver, "旺旺聊天记录.txt")
    Select(chat.find_element(By.TAG_NAME, "select")).select_by_value("other")
    wait(driver, lambda d: "missing" in one(d, 'li.req[data-requirement="contact-with-seller"]').get_attribute("class"),
         "the checklist after the role change")
    saved = api(server, "GET", f"/api/v1/cases/{case_id}")
    assert {"file": "旺旺聊天记录.txt", "role": "other"}.items() <= next(
        e for e in saved["case"]["evidence"] if e["file"] == "旺旺聊天记录.txt").items()
    Select(card(driver, "旺旺聊天记录.txt").find_element(By.TAG_NAME, "select")).select_by_value("chat-record")
    wait(driver, lambda d: "ok" in one(d, 'li.req[data-requirement="contact-with-seller"]').get_attribute("class"),
         "the checklist after the role is set back")

    # The form is pre-filled from what the evidence shows, with the file named.
    order = one(driver, '[data-field="order_id"]')
    assert one(driver, '[name="order_id"]').get_attribute("value") == "3712345678901234567"
    assert "订单截图.png" in order.find_element(By.CSS_SELECTOR, ".from").text
    set_field(driver, "shop", "某某数码旗舰店")
    set_field(driver, "item", "蓝牙耳机")
    set_field(driver, "ordered_at", "2026-11-01")
    set_field(driver, "received_at", "2026-11-05")
    set_field(driver, "found_at", "2026-11-06")
    Select(one(driver, '[name="claim"]')).select_by_value("refund")
    set_field(driver, "description", "左耳无声，充电仓有裂纹。")
    one(driver, "#save").click()
    wait(driver, lambda d: every(d, ".saved"), "saved")
    stored = api(server, "GET", f"/api/v1/cases/{case_id}")["case"]
    assert stored["order_id"] == "3712345678901234567" and stored["item"] == "蓝牙耳机"
    assert stored["received_at"] == "2026-11-05" and stored["claim"] == "refund"
    wait(driver, lambda d: every(d, 'li.advice[data-code^="time.return-window"]'), "deadline advice with dates")
    assert "2026-11-12" in one(driver, 'li.advice[data-code^="time.return-window"]').text
    shoot(driver, "shopper-details", at="#checklist")

    one(driver, "#pack-button").click()
    wait(driver, lambda d: every(d, "#pack-result"), "packed")
    digest = one(driver, "#digest").text
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    wait(driver, lambda d: [p for p in downloads.iterdir() if p.suffix == ".zip"], "the downloaded bundle")
    bundle = next(p for p in downloads.iterdir() if p.suffix == ".zip")
    result = subprocess.run([str(evidence_bin), "verify", "--json", str(bundle)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'"tag_manifest_sha256" : "{digest}"' in result.stdout or digest in result.stdout
    shoot(driver, "shopper-packed", at="#pack")
    assert_no_placeholders(driver)
    assert severe_console_errors(driver) == []
    # The printable evidence index (证据目录) opens from the page.
    driver.get(one(driver, "#index-link").get_attribute("href"))
    assert "3712345678901234567" in driver.page_source


def test_an_incomplete_case_is_refused_with_the_missing_items_named(driver, server):
    new_case(driver, server)
    upload(driver, [SAMPLE / "旺旺聊天记录.txt"])
    assert "missing" in one(driver, "#overall").get_attribute("class")
    one(driver, "#pack-button").click()
    wait(driver, lambda d: every(d, "#pack-refusal"), "the refusal")
    refusal = one(driver, "#pack-refusal")
    named = {e.get_attribute("data-requirement") for e in refusal.find_elements(By.CSS_SELECTOR, "li")}
    assert {"proof-of-purchase", "defect-shown"} <= named
    assert "购买凭证" in refusal.text and "订单截图" in refusal.text
    assert every(driver, "#pack-result") == []
    shoot(driver, "shopper-refused", at="#pack")
    one(driver, "#pack-anyway").click()
    wait(driver, lambda d: every(d, "#pack-result"), "packed anyway")
    assert "不完整" in one(driver, "#pack-result").text
    assert severe_console_errors(driver, expected_statuses=(409,)) == []


def test_a_renamed_program_an_empty_file_and_a_truncated_jpeg_are_flagged(driver, server, tmp_path):
    program = tmp_path / "照片.jpg"
    shutil.copyfile("/bin/true", program)
    empty = tmp_path / "空白.jpg"
    empty.write_bytes(b"")
    whole = (SAMPLE / "photos/左耳无声.jpg").read_bytes()
    truncated = tmp_path / "半张.jpg"
    truncated.write_bytes(whole[: len(whole) // 2])
    new_case(driver, server)
    upload(driver, [program, empty, truncated])
    flagged = {"照片.jpg": "unacceptable", "空白.jpg": "corrupt", "半张.jpg": "corrupt"}
    for name, status in flagged.items():
        item = card(driver, name)
        assert f"status-{status}" in item.get_attribute("class"), (name, item.text)
        assert item.find_elements(By.CSS_SELECTOR, "img.thumb") == []
        assert item.find_elements(By.CSS_SELECTOR, ".finding"), f"{name}: no finding shown"
    assert "不能作为证据" in card(driver, "照片.jpg").text
    assert "已损坏" in card(driver, "半张.jpg").text
    shoot(driver, "shopper-flagged")
    assert_no_placeholders(driver)
    assert severe_console_errors(driver) == []


def test_the_pages_render_in_chinese_and_in_english(driver, server):
    driver.get(server.base + "/?lang=zh")
    wait(driver, lambda d: every(d, ".card"), "category cards")
    assert one(driver, "h1").text == "我的投诉案件"
    assert "商品质量问题" in one(driver, ".cards").text
    assert driver.execute_script("return document.documentElement.lang").startswith("zh")
    shoot(driver, "shopper-cases-zh")
    assert_no_placeholders(driver)
    one(driver, 'button[data-lang="en"]').click()
    wait(driver, lambda d: one(d, "h1").text == "My complaint cases", "English heading")
    assert "Quality problem" in one(driver, ".cards").text
    assert "Needs 2 required and 3 recommended items" in one(driver, '.card[data-category="quality"]').text
    assert driver.execute_script("return document.documentElement.lang") == "en"
    driver.get(server.base + "/?lang=en")
    wait(driver, lambda d: every(d, ".card"), "category cards in English")
    assert one(driver, "h1").text == "My complaint cases"
    assert one(driver, 'button[data-lang="en"]').get_attribute("aria-pressed") == "true"
    shoot(driver, "shopper-cases-en")
    assert_no_placeholders(driver)
    driver.get(server.base + "/agent?lang=en")
    wait(driver, lambda d: one(d, "h1").text == "Verify evidence bundles", "agent page in English")
    driver.get(server.base + "/agent?lang=zh")
    wait(driver, lambda d: one(d, "h1").text == "核验证据包", "agent page in Chinese")
    assert severe_console_errors(driver) == []


def test_a_bad_field_is_marked_and_a_stale_save_keeps_what_was_typed(driver, server):
    case_id = new_case(driver, server)
    set_field(driver, "order_id", "12ab")
    one(driver, "#save").click()
    wait(driver, lambda d: every(d, '[data-field="order_id"] .problem'), "the problem beside the field")
    assert one(driver, '[name="order_id"]').get_attribute("aria-invalid") == "true"
    assert one(driver, '[name="order_id"]').get_attribute("value") == "12ab"

    # Another tab (here: a script) saves first; this tab's save is refused and shows both.
    current = api(server, "GET", f"/api/v1/cases/{case_id}")
    theirs = dict(current["case"], item="别的标签页填写的商品")
    api(server, "PUT", f"/api/v1/cases/{case_id}", {"case": theirs}, {"If-Match": current["version"]})
    set_field(driver, "order_id", "3712345678901234567")
    set_field(driver, "item", "蓝牙耳机")
    one(driver, "#save").click()
    wait(driver, lambda d: every(d, "#conflict"), "the conflict notice")
    assert one(driver, '[name="item"]').get_attribute("value") == "蓝牙耳机"
    assert "别的标签页填写的商品" in one(driver, '[data-field="item"] .theirs').text
    shoot(driver, "shopper-conflict", at="#details")
    one(driver, "#save").click()
    wait(driver, lambda d: every(d, ".saved"), "saved over the other tab's version")
    stored = api(server, "GET", f"/api/v1/cases/{case_id}")["case"]
    assert stored["item"] == "蓝牙耳机" and stored["order_id"] == "3712345678901234567"
    assert severe_console_errors(driver, expected_statuses=(409, 422)) == []
