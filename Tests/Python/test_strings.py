"""The pages' strings: every key in Chinese and English, every key the script names exists, and the
HTML carries no visible text of its own (it is all filled from strings.json)."""
import json
import pathlib
import re
from html.parser import HTMLParser

PAGES = pathlib.Path(__file__).resolve().parents[2] / "Sources/EvidenceServer/Pages"


def strings():
    return json.loads((PAGES / "strings.json").read_text(encoding="utf-8"))


def test_every_string_exists_in_both_languages_and_is_not_empty():
    table = strings()
    assert set(table) == {"zh", "en"}
    assert set(table["zh"]) == set(table["en"])
    assert all(v.strip() for lang in table.values() for v in lang.values())


def test_every_key_the_script_names_is_in_the_strings():
    script = (PAGES / "app.js").read_text(encoding="utf-8")
    named = set(re.findall(r"\bt\('([a-zA-Z][\w.-]*[\w])'", script))
    assert len(named) > 80
    assert sorted(named - set(strings()["zh"])) == []


def test_every_export_channel_the_page_offers_has_a_label_and_a_hint():
    script = (PAGES / "app.js").read_text(encoding="utf-8")
    channels = re.findall(r"'([\w-]+)'", re.search(r"const CHANNELS = \[([^\]]*)\]", script).group(1))
    assert channels == ["platform", "12315", "association", "court"]
    keys = {f"export.{kind}.{channel}" for channel in channels for kind in ("channel", "hint")}
    assert sorted(keys - set(strings()["zh"])) == []


class TextFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.keys = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.keys.update(v for k, v in attrs.items() if k in ("data-i18n", "data-i18n-label"))
        if tag not in ("meta", "link", "input", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and self.stack and self.stack[-1] not in ("script", "style", "title"):
            self.text.append(data.strip())


def test_the_html_has_no_text_of_its_own_and_its_keys_exist():
    for page in ("app.html", "agent.html"):
        finder = TextFinder()
        finder.feed((PAGES / page).read_text(encoding="utf-8"))
        assert finder.text == [], page
        assert finder.keys and sorted(finder.keys - set(strings()["zh"])) == [], page


def test_no_inline_script_or_style():
    for page in ("app.html", "agent.html"):
        html = (PAGES / page).read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page
        assert "<style" not in html and " style=" not in html and not re.search(r"\son\w+=", html), page
    script = (PAGES / "app.js").read_text(encoding="utf-8")
    assert "eval(" not in script and "innerHTML" not in script and "new Function" not in script
