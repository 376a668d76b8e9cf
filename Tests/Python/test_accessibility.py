"""axe-core (axe-selenium-python) on the pages in Chinese: no violation of impact "critical" or "serious"."""
from axe_selenium_python import Axe

from browser import SAMPLE, every, new_case, upload, wait


def critical(drv):
    axe = Axe(drv)
    axe.inject()
    results = axe.run()
    assert results["passes"], "axe checked nothing"
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
            if v.get("impact") in ("critical", "serious")]


def test_the_case_list_has_no_critical_violations(driver, server):
    driver.get(server.base + "/?lang=zh")
    wait(driver, lambda d: every(d, ".card"), "category cards")
    assert critical(driver) == []


def test_a_case_with_files_has_no_critical_violations(driver, server):
    new_case(driver, server)
    upload(driver, [SAMPLE / "订单截图.png", SAMPLE / "旺旺聊天记录.txt"])
    assert critical(driver) == []


def test_the_agent_page_has_no_critical_violations(driver, server):
    driver.get(server.base + "/agent?lang=zh")
    wait(driver, lambda d: every(d, "#bundle-input"), "the drop zone")
    assert critical(driver) == []
