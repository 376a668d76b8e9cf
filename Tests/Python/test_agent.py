"""The agent page of `evidence serve` in a real browser: a good bundle is valid, a bundle with one
payload byte changed is tampered, a zip with an entry `../evil` is refused."""
import subprocess
import zipfile

import pytest
from selenium.webdriver.common.by import By

from browser import SAMPLE, assert_no_placeholders, every, one, severe_console_errors, shoot, wait


@pytest.fixture(scope="module")
def bundles(evidence_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundles")
    good = folder / "good.zip"
    packed = subprocess.run([str(evidence_bin), "pack", str(SAMPLE), "-o", str(good), "--force"],
                            capture_output=True, text=True)
    assert packed.returncode == 0, packed.stdout + packed.stderr
    tampered = folder / "tampered.zip"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as out:
        changed = None
        for info in source.infolist():
            data = source.read(info)
            if changed is None and "/data/" in info.filename and info.filename.endswith(".txt"):
                data = bytes([data[0] ^ 0x01]) + data[1:]
                changed = info.filename
            out.writestr(info, data)
        assert changed, "no text payload to change"
    hostile = folder / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as out:
        out.writestr("../evil", b"outside the folder")
    return {"good": good, "tampered": tampered, "hostile": hostile}


def result(drv, name):
    return next(e for e in every(drv, "li.result") if e.find_element(By.TAG_NAME, "h2").text == name)


def test_good_tampered_and_hostile_bundles_get_their_verdicts(driver, server, bundles):
    driver.get(server.base + "/agent")
    wait(driver, lambda d: every(d, "#bundle-input"), "the drop zone")
    one(driver, "#bundle-input").send_keys("\n".join(str(bundles[k]) for k in ("good", "tampered", "hostile")))
    wait(driver, lambda d: len(every(d, "li.result[data-verdict]")) == 3, "three verdicts")
    verdicts = {e.find_element(By.TAG_NAME, "h2").text: e.get_attribute("data-verdict") for e in every(driver, "li.result")}
    assert verdicts == {"good.zip": "valid", "tampered.zip": "tampered", "hostile.zip": "refused"}

    good = result(driver, "good.zip")
    assert "有效" in good.find_element(By.CSS_SELECTOR, ".big-verdict").text
    assert "3712345678901234567" in good.text
    items = good.find_elements(By.CSS_SELECTOR, "ul.files li.file")
    assert len(items) == 5
    previews = good.find_elements(By.CSS_SELECTOR, "img.thumb")
    assert len(previews) == 3
    wait(driver, lambda d: all(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img)
                               for img in result(d, "good.zip").find_elements(By.CSS_SELECTOR, "img.thumb")),
         "previews loaded")

    tampered = result(driver, "tampered.zip")
    codes = [e.get_attribute("data-code") for e in tampered.find_elements(By.CSS_SELECTOR, ".problem-item")]
    assert "bag.checksum-mismatch" in codes
    assert "校验和不符" in tampered.text

    hostile = result(driver, "hostile.zip")
    codes = [e.get_attribute("data-code") for e in hostile.find_elements(By.CSS_SELECTOR, ".problem-item")]
    assert "safety.path-traversal" in codes
    assert "../evil" in hostile.text
    shoot(driver, "agent-verdicts")
    assert_no_placeholders(driver)
    assert severe_console_errors(driver) == []
