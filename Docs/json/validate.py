#!/usr/bin/env python3
"""Validate EvidenceKit JSON output against the schemas in this folder.

    python3 Docs/json/validate.py SCHEMA FILE...

SCHEMA is a file name in this folder (e.g. verify-report.schema.json). Each FILE is one JSON
document, or JSON lines when its name ends in .jsonl (every line is validated). Needs the PyPI
package jsonschema (4.18 or later; `make venv` installs it into .build/venv). Every schema in
this folder is first checked against the draft 2020-12 meta-schema, and cross-file "$ref"s
resolve within this folder only (nothing is fetched).
Exit 0 when every document is valid, 1 when any is not, 2 on usage errors.
"""
import json
import pathlib
import sys

try:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
except ImportError as error:
    print(f"validate.py: {error}; install jsonschema (make venv)", file=sys.stderr)
    sys.exit(2)

HERE = pathlib.Path(__file__).resolve().parent


def registry():
    resources = []
    for path in sorted(HERE.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path = HERE / argv[1]
    if not schema_path.is_file():
        print(f"validate.py: no schema {argv[1]} in {HERE}", file=sys.stderr)
        return 2
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, registry=registry())
    failures = 0
    for name in argv[2:]:
        text = pathlib.Path(name).read_text(encoding="utf-8")
        documents = [line for line in text.splitlines() if line.strip()] if name.endswith(".jsonl") else [text]
        if not documents:
            print(f"{name}: no JSON document", file=sys.stderr)
            failures += 1
        for number, document in enumerate(documents, 1):
            errors = sorted(validator.iter_errors(json.loads(document)), key=lambda e: list(e.absolute_path))
            for error in errors:
                where = "/".join(str(p) for p in error.absolute_path) or "(root)"
                print(f"{name}:{number}: {where}: {error.message}", file=sys.stderr)
            failures += bool(errors)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
