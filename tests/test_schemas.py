"""The JSON Schemas themselves: valid 2020-12, documented, strict; content files point to them."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
CONTENT = sorted((ROOT / "content").rglob("*.yaml"))


def subschemas(node, path="#"):
    """Every schema object inside a schema, with a JSON pointer-ish path."""
    if isinstance(node, dict):
        yield path, node
        for key in ("properties", "$defs"):
            for name, child in node.get(key, {}).items():
                yield from subschemas(child, f"{path}/{key}/{name}")
        for key in ("items", "additionalProperties", "propertyNames"):
            if isinstance(node.get(key), dict):
                yield from subschemas(node[key], f"{path}/{key}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_title_and_description(path):
    schema = json.loads(path.read_text("utf-8"))
    for where, node in subschemas(schema):
        if set(node) - {"$ref"} or where == "#":
            assert node.get("title") and node.get("description"), f"{path.name} {where}"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_objects_reject_unknown_properties(path):
    schema = json.loads(path.read_text("utf-8"))
    for where, node in subschemas(schema):
        if "properties" in node:
            assert node.get("additionalProperties") is False, f"{path.name} {where}"


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: str(p.relative_to(ROOT / "content")))
def test_content_file_starts_with_its_schema_modeline(path):
    first = path.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target.exists() and target.parent == ROOT / "schemas", first
