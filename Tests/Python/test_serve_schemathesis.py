"""Property-based tests of `evidence serve` against its OpenAPI document (Docs/openapi/serve.json).

Self-contained: starts `.build/debug/evidence serve --no-open --no-ocr --port 0` (or the binary named by
EVIDENCE_BIN) over a temporary cases folder, reads the printed URL for the port and the session
token, loads the document the server itself serves at /api/v1/openapi.json, and lets schemathesis
generate requests for every operation with the token. Bounded: a few examples per operation, no
deadline. Checks: no 5xx (not_a_server_error) and every status is one the document lists for
the operation (status_code_conformance).

The response schemas of the document point at Docs/json/*.schema.json by relative reference;
those files carry `$id`s on a host that does not exist, so the references are replaced by `{}`
here (their documents are validated against those schemas by the Swift and interop tests).
"""

import json
import os
import re
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("EVIDENCE_BIN", REPO / ".build" / "debug" / "evidence"))


class Server:
    def __init__(self, process, port, token, root):
        self.process, self.port, self.token, self.root = process, port, token, root
        self.base = f"http://127.0.0.1:{port}"

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read())


@pytest.fixture(scope="module")
def server():
    assert BINARY.is_file(), f"{BINARY} is missing: run `swift build` first (or set EVIDENCE_BIN)"
    with tempfile.TemporaryDirectory(prefix="serve-schemathesis-") as root:
        environment = dict(os.environ, LANG="C.UTF-8", TMPDIR=root)
        cases = Path(root) / "cases"
        process = subprocess.Popen([str(BINARY), "serve", "--no-open", "--no-ocr", "--port", "0",
                                    "--max-file-size", "1048576", str(cases)],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                   env=environment, text=True)
        found = None
        for line in process.stdout:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)", line)
            if found:
                break
        assert found, f"evidence serve printed no URL (exit {process.poll()})"
        running = Server(process, int(found.group(1)), found.group(2), cases)
        # A case to find, so that the case routes are exercised beyond 404.
        running.request("POST", "/api/v1/cases", {"category": "quality", "title": "demo"})
        try:
            yield running
        finally:
            process.terminate()
            assert process.wait() == 0


def without_external_refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str) and not node["$ref"].startswith("#"):
            return {}
        return {key: without_external_refs(value) for key, value in node.items()}
    if isinstance(node, list):
        return [without_external_refs(value) for value in node]
    return node


@pytest.fixture(scope="module")
def api_schema(server):
    request = urllib.request.Request(server.base + "/api/v1/openapi.json", headers={"Authorization": f"Bearer {server.token}"})
    with urllib.request.urlopen(request) as response:
        document = json.loads(response.read())
    document["servers"] = [{"url": server.base}]
    loaded = schemathesis.openapi.from_dict(without_external_refs(document))
    loaded.config.update(base_url=server.base)
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE], max_examples=6)
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.serializer("application/zip", "application/gzip")
def _archive_bytes(context, value):
    # Bundles are raw bodies: whatever bytes were generated, sent as they are.
    return {"data": value if isinstance(value, bytes) else str(value).encode()}


@schema.parametrize()
@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_operations_conform(case, server):
    # The page routes' ?token= would sign in with a generated token: 401 is documented for it.
    case.call_and_validate(base_url=server.base, headers={"Authorization": f"Bearer {server.token}"},
                           checks=[not_a_server_error, status_code_conformance])


def test_document_lists_every_operation(api_schema):
    operations = {(operation.ok().method.upper(), operation.ok().path) for operation in api_schema.get_all_operations()}
    assert ("POST", "/api/v1/cases/{id}/files") in operations
    assert ("POST", "/api/v1/verify") in operations
    assert len(operations) >= 18
