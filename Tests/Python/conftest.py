"""Fixtures for the browser tests of `evidence serve` (Tests/Python, run by `make test`).

The evidence binary (env EVIDENCE_BIN, default .build/debug/evidence) serves a temporary cases
folder per test module; a headless Debian chromium driven by /usr/bin/chromedriver opens its pages.
A missing chromium, chromedriver or binary fails the tests: `make test` installs them.
"""
import os
import pathlib
import queue
import re
import subprocess
import threading

import pytest

import browser

ROOT = pathlib.Path(__file__).resolve().parents[2]
URL_LINE = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_\-]+)")


class Server:
    """One running `evidence serve`: its base URL, session token and cases folder."""

    def __init__(self, process, port, token, folder, output):
        self.process = process
        self.port = port
        self.token = token
        self.folder = folder
        self.output = output
        self.base = f"http://127.0.0.1:{port}"
        self.login_url = f"{self.base}/?token={token}"


@pytest.fixture(scope="session")
def evidence_bin():
    path = pathlib.Path(os.environ.get("EVIDENCE_BIN", ROOT / ".build/debug/evidence"))
    assert path.is_file() and os.access(path, os.X_OK), (
        f"no evidence binary at {path}: build it with `swift build` (or set EVIDENCE_BIN)")
    return path


@pytest.fixture(scope="module")
def server(evidence_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    process = subprocess.Popen(
        [str(evidence_bin), "serve", "--no-open", "--port", "0", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    lines = queue.Queue()
    output = []

    def pump():
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    found = None
    while found is None:
        try:
            line = lines.get(timeout=180)
        except queue.Empty:
            break
        if line is None:
            break
        found = URL_LINE.search(line)
    if found is None:
        process.kill()
        pytest.fail("evidence serve printed no URL:\n" + "".join(output))
    srv = Server(process, int(found.group(1)), found.group(2), folder, output)
    yield srv
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def downloads(tmp_path):
    path = tmp_path / "downloads"
    path.mkdir()
    return path


@pytest.fixture
def driver(downloads, server):
    drv = browser.start_chromium(downloads)
    drv.get(server.login_url)
    yield drv
    drv.quit()
