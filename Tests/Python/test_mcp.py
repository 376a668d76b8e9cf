"""`evidence mcp` driven by the official MCP Python SDK (PyPI `mcp`) as a real client over stdio.

The server is the built binary (env EVIDENCE_BIN, default .build/debug/evidence) started as
`evidence mcp --allow WORKSPACE`; every tool is called on real inputs (copies of Samples/, a
bundle packed here with the same binary, a tampered copy of it), and each returned document is
validated against Docs/json/*.schema.json and compared with the CLI's own `--json` output.
Run by `make test` after `swift test`: `.build/venv/bin/python -m pytest -q Tests/Python`.
"""
import json
import os
import pathlib
import shutil
import subprocess
import zipfile

import anyio
import pytest
from jsonschema import Draft202012Validator
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.shared.exceptions import MCPError
from referencing import Registry, Resource

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.path.abspath(os.environ.get("EVIDENCE_BIN", str(ROOT / ".build/debug/evidence")))
SCHEMAS = ROOT / "Docs/json"
TOOLS = ["inspect_files", "check_case", "verify_bundle", "list_categories", "explain_requirement"]


def registry():
    resources = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


REGISTRY = registry()


def validate(document, schema_name):
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema, registry=REGISTRY).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, f"{schema_name}: " + "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5])


def cli_json(workspace, *args, expected=(0,)):
    """The CLI's own --json document for the same job."""
    run = subprocess.run([BIN, *args, "--json", "--lang", "en"], capture_output=True, text=True,
                         env=workspace["env"], stdin=subprocess.DEVNULL)
    assert run.returncode in expected, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """allowed/ (two samples, a packed bundle, a tampered copy, links out), outside/ beside it."""
    assert os.access(BIN, os.X_OK), f"no built evidence binary at {BIN} (run swift build first)"
    base = pathlib.Path(os.path.realpath(tmp_path_factory.mktemp("mcp")))
    allowed, outside = base / "allowed", base / "outside"
    allowed.mkdir()
    outside.mkdir()
    for sample in ["quality-earbuds", "phone-quality"]:
        shutil.copytree(ROOT / "Samples" / sample, allowed / sample)
    secret = outside / "secret.txt"
    secret.write_text("id_rsa: PRIVATE KEY\n", encoding="utf-8")
    shutil.copytree(ROOT / "Samples/quality-earbuds", outside / "quality-earbuds")
    (allowed / "link-to-secret.txt").symlink_to(secret)
    (allowed / "link-to-outside").symlink_to(outside)
    # A case inside the allowed folder whose evidence is a link to the outside file.
    linked = allowed / "linked-case"
    linked.mkdir()
    (linked / "chat.txt").symlink_to(secret)
    (linked / "case.yaml").write_text("category: quality\nevidence:\n  - file: chat.txt\n    role: chat-record\n", encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(base / "cache"), SOURCE_DATE_EPOCH="1767225600")
    bundle = allowed / "quality-earbuds.zip"
    pack = subprocess.run([BIN, "pack", str(allowed / "quality-earbuds"), "-o", str(bundle)], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL)
    assert pack.returncode == 0, pack.stderr
    # A tampered copy: one payload file's bytes changed, every manifest left as packed.
    tampered = allowed / "tampered.zip"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as target:
        changed = None
        for info in source.infolist():
            data = source.read(info)
            if changed is None and "/data/" in info.filename and info.filename.endswith(".txt"):
                data, changed = data + b"\nadded later\n", info.filename
            target.writestr(info, data)
        assert changed, "no payload text file to tamper with"
    return {"base": base, "allowed": allowed, "outside": outside, "secret": secret, "bundle": bundle,
            "tampered": tampered, "env": env}


def serve(workspace, job, lang="en", allow=None):
    """Starts `evidence mcp`, initializes a session, runs `job(session, init)` and returns its value."""
    allow = allow or [workspace["allowed"]]
    args = ["mcp", "--lang", lang] + [item for folder in allow for item in ("--allow", str(folder))]

    async def main():
        params = StdioServerParameters(command=BIN, args=args, env=workspace["env"], cwd=str(workspace["base"]))
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                return await job(session, init)

    return anyio.run(main)


def call(workspace, name, arguments, lang="en"):
    async def job(session, _):
        return await session.call_tool(name, arguments)
    return serve(workspace, job, lang=lang)


def document(result):
    """The structured document, after checking the text content carries the same JSON."""
    assert result.is_error is not True, result.content[0].text
    assert len(result.content) == 2
    assert json.loads(result.content[1].text) == result.structured_content
    assert result.content[0].text.strip()
    return result.structured_content


def error_text(result):
    assert result.is_error is True
    assert result.structured_content is None
    return result.content[0].text


def test_initialize_and_list_five_tools_with_schemas(workspace):
    async def job(session, init):
        return init, await session.list_tools()
    init, listed = serve(workspace, job)
    assert init.server_info.name == "evidence"
    assert init.capabilities.tools is not None and init.capabilities.resources is not None
    assert str(workspace["allowed"]) in init.instructions
    assert [tool.name for tool in listed.tools] == TOOLS
    required = {"inspect_files": ["paths"], "check_case": ["case"], "verify_bundle": ["bundle"],
                "list_categories": [], "explain_requirement": ["category", "requirement"]}
    for tool in listed.tools:
        schema = tool.input_schema
        Draft202012Validator.check_schema(schema)
        assert schema["type"] == "object" and schema["additionalProperties"] is False
        assert schema["required"] == required[tool.name]
        assert set(schema["required"]) <= set(schema["properties"])
        assert tool.description and tool.annotations.read_only_hint is True


def test_inspect_files_returns_the_inspect_document(workspace):
    folder = str(workspace["allowed"] / "quality-earbuds")
    result = call(workspace, "inspect_files", {"paths": [folder]})
    got = document(result)
    validate(got, "inspect.schema.json")
    assert got["exit_code"] == 0 and got["summary"]["files"] >= 5
    assert got == cli_json(workspace, "inspect", folder)
    assert result.content[0].text.startswith(f"Inspected {got['summary']['files']} file(s)")
    # Without reading the content: no reading recorded, the same files.
    quick = document(call(workspace, "inspect_files", {"paths": [folder], "read_content": False}))
    validate(quick, "inspect.schema.json")
    assert [f["path"] for f in quick["files"]] == [f["path"] for f in got["files"]]
    assert all("reading" not in f for f in quick["files"])


def test_check_case_with_a_case_file_and_in_the_quick_form(workspace):
    case = str(workspace["allowed"] / "quality-earbuds")
    got = document(call(workspace, "check_case", {"case": case}))
    validate(got, "check.schema.json")
    assert got["status"] == "complete" and got["exit_code"] == 0
    assert got == cli_json(workspace, "check", case)
    phone = str(workspace["allowed"] / "phone-quality")
    result = call(workspace, "check_case", {"case": phone, "category": "quality"}, lang="zh")
    quick = document(result)
    validate(quick, "check.schema.json")
    assert quick["category"] == "quality"
    assert quick == cli_json(workspace, "check", "--category", "quality", phone, expected=(0, 3))
    assert "“" in result.content[0].text and any("\u4e00" <= c <= "\u9fff" for c in result.content[0].text)


def test_verify_bundle_packed_tampered_and_sealless(workspace):
    bundle, tampered = str(workspace["bundle"]), str(workspace["tampered"])
    got = document(call(workspace, "verify_bundle", {"bundle": bundle}))
    validate(got, "verify.schema.json")
    assert got["status"] == "valid-complete" and got["exit_code"] == 0
    assert got == cli_json(workspace, "verify", bundle)
    bad = document(call(workspace, "verify_bundle", {"bundle": tampered}))
    validate(bad, "verify.schema.json")
    assert bad["status"] == "invalid" and bad["exit_code"] == 1
    assert bad == cli_json(workspace, "verify", tampered, expected=(1,))
    sealless = document(call(workspace, "verify_bundle", {"bundle": bundle, "require_seal": True}))
    validate(sealless, "verify.schema.json")
    assert sealless["status"] == "invalid"
    read = document(call(workspace, "verify_bundle", {"bundle": bundle, "read": True}))
    validate(read, "verify.schema.json")
    assert read["status"] == "valid-complete"


def test_list_categories_and_explain_requirement(workspace):
    listed = document(call(workspace, "list_categories", {}))
    validate(listed, "rules.schema.json")
    assert listed == cli_json(workspace, "rules")
    ids = [category["id"] for category in listed["categories"]]
    assert "quality" in ids
    explained = document(call(workspace, "explain_requirement", {"category": "quality", "requirement": "defect-shown"}))
    validate(explained, "rules-category.schema.json")
    whole = cli_json(workspace, "rules", "quality")
    assert [item["id"] for item in explained["requirements"]] == ["defect-shown"]
    assert explained["requirements"][0] == next(item for item in whole["requirements"] if item["id"] == "defect-shown")
    for key in ["reason", "advice", "citation"]:
        assert explained["requirements"][0][key]["zh"] and explained["requirements"][0][key]["en"]


def test_bad_arguments_are_error_results_in_both_languages(workspace):
    calls = [
        ("inspect_files", {}, "paths"),
        ("inspect_files", {"paths": "Samples"}, "paths"),
        ("inspect_files", {"paths": [str(workspace["allowed"])], "read_content": "yes"}, "read_content"),
        ("check_case", {"case": 42}, "case"),
        ("check_case", {"case": str(workspace["allowed"] / "phone-quality"), "category": "no-such"}, "no-such"),
        ("verify_bundle", {"bundle": str(workspace["bundle"]), "extra": True}, "extra"),
        ("explain_requirement", {"category": "quality"}, "requirement"),
        ("explain_requirement", {"category": "quality", "requirement": "nope"}, "nope"),
        ("no_such_tool", {}, "no_such_tool"),
    ]

    async def job(session, _):
        return [await session.call_tool(name, arguments) for name, arguments, _ in calls]
    results = serve(workspace, job, lang="zh")
    for (name, arguments, subject), result in zip(calls, results):
        text = error_text(result)
        zh, en = text.split("\n", 1)
        assert subject in zh and subject in en, (name, arguments, text)
        assert any("\u4e00" <= c <= "\u9fff" for c in zh), text


def test_paths_outside_the_allowed_folders_are_refused(workspace):
    allowed, outside = workspace["allowed"], workspace["outside"]
    calls = [
        ("inspect_files", {"paths": [str(workspace["secret"])]}, str(workspace["secret"])),
        ("inspect_files", {"paths": [str(allowed / "quality-earbuds"), "/etc/passwd"]}, "/etc/passwd"),
        ("inspect_files", {"paths": [str(allowed / "link-to-secret.txt")]}, "link-to-secret.txt"),
        ("inspect_files", {"paths": [str(allowed / "link-to-outside")]}, "link-to-outside"),
        ("inspect_files", {"paths": [str(allowed / ".." / "outside" / "secret.txt")]}, "secret.txt"),
        ("check_case", {"case": str(outside / "quality-earbuds")}, "quality-earbuds"),
        ("check_case", {"case": str(allowed / "link-to-outside" / "quality-earbuds")}, "link-to-outside"),
        ("verify_bundle", {"bundle": str(outside)}, str(outside)),
    ]

    async def job(session, _):
        return [await session.call_tool(name, arguments) for name, arguments, _ in calls]
    for (name, arguments, subject), result in zip(calls, serve(workspace, job)):
        text = error_text(result)
        assert subject in text, text
        assert "--allow" in text and str(allowed) in text, text
        assert "PRIVATE KEY" not in text
    missing = error_text(call(workspace, "inspect_files", {"paths": [str(allowed / "nothing.jpg")]}))
    assert "nothing.jpg" in missing and "does not exist" in missing


def test_walking_an_allowed_folder_does_not_follow_links_out(workspace):
    allowed = workspace["allowed"]
    result = call(workspace, "inspect_files", {"paths": [str(allowed)], "read_content": False})
    got = document(result)
    validate(got, "inspect.schema.json")
    paths = [f["path"] for f in got["files"]]
    assert all(path.startswith(str(allowed) + "/") for path in paths), paths
    links = [f for f in got["files"] if f["path"].endswith(("link-to-secret.txt", "link-to-outside", "linked-case/chat.txt"))]
    assert len(links) == 3 and all(f["status"] != "ok" for f in links), links
    assert "PRIVATE KEY" not in result.content[1].text
    # A case file whose evidence is such a link: refused by the library's containment.
    refused = error_text(call(workspace, "check_case", {"case": str(allowed / "linked-case")}))
    assert "chat.txt" in refused


def test_stdout_carries_only_protocol_messages(workspace):
    """Raw stdio, no client library: every stdout line is a JSON-RPC message, even while OCR runs."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "inspect_files", "arguments": {"paths": [str(workspace["allowed"] / "phone-quality")]}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "check_case", "arguments": {"case": 7}}},
    ]
    server = subprocess.Popen([BIN, "mcp", "--allow", str(workspace["allowed"])], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=workspace["env"])
    replies = {}
    for message in messages:
        server.stdin.write((json.dumps(message) + "\n").encode())
        server.stdin.flush()
        if "id" in message:
            line = server.stdout.readline()
            reply = json.loads(line)
            assert reply["jsonrpc"] == "2.0", line
            replies[reply["id"]] = reply
    server.stdin.close()
    rest = server.stdout.read()
    assert server.wait() == 0
    assert rest == b"", rest[:200]
    assert replies[1]["result"]["serverInfo"]["name"] == "evidence"
    validate(replies[2]["result"]["structuredContent"], "inspect.schema.json")
    assert replies[3]["result"]["isError"] is True


def test_rules_resources_list_and_read(workspace):
    async def job(session, _):
        listed = await session.list_resources()
        templates = await session.list_resource_templates()
        contents = {str(r.uri): await session.read_resource(r.uri) for r in listed.resources}
        try:
            await session.read_resource("evidence://rules/no-such")
            unknown = None
        except MCPError as error:
            unknown = str(error)
        return listed, templates, contents, unknown
    listed, templates, contents, unknown = serve(workspace, job)
    uris = [str(r.uri) for r in listed.resources]
    categories = [c["id"] for c in cli_json(workspace, "rules")["categories"]]
    assert uris == ["evidence://rules"] + [f"evidence://rules/{c}" for c in categories]
    assert [t.uri_template for t in templates.resource_templates] == ["evidence://rules/{category}"]
    whole = json.loads(contents["evidence://rules"].contents[0].text)
    validate(whole, "rules.schema.json")
    assert whole == cli_json(workspace, "rules")
    quality = json.loads(contents["evidence://rules/quality"].contents[0].text)
    validate(quality, "rules-category.schema.json")
    assert quality == cli_json(workspace, "rules", "quality")
    assert contents["evidence://rules/quality"].contents[0].mime_type == "application/json"
    assert unknown and "no-such" in unknown


def test_usage_errors_exit_2(workspace):
    for args in [["mcp"], ["mcp", "--allow", str(workspace["base"] / "missing")], ["mcp", "--allow", str(workspace["secret"])]]:
        run = subprocess.run([BIN, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL, env=workspace["env"])
        assert run.returncode == 2, (args, run.stderr)
        assert run.stdout == ""
        assert "--allow" in run.stderr


def test_stdin_closed_ends_the_server_with_exit_0(workspace):
    run = subprocess.run([BIN, "mcp", "--allow", str(workspace["allowed"])], capture_output=True, stdin=subprocess.DEVNULL,
                         env=workspace["env"])
    assert run.returncode == 0, run.stderr
    assert run.stdout == b""
