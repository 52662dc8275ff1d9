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


def every_node(node, path="#"):
    """Every dict in a schema, anyOf/allOf branches included."""
    if isinstance(node, dict):
        yield path, node
        for key, child in node.items():
            yield from every_node(child, f"{path}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from every_node(child, f"{path}/{i}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_value_has_a_limit(path):
    """No text, list or open mapping is unbounded: limits far above real content stop a pull
    request from making a page, a search index or the build huge."""
    schema = json.loads(path.read_text("utf-8"))
    for where, node in every_node(schema):
        kind = node.get("type")
        if kind == "string" and "enum" not in node and node.get("format") != "date":
            assert "maxLength" in node, f"{path.name} {where}: a text without maxLength"
        if kind == "array":
            assert "maxItems" in node, f"{path.name} {where}: a list without maxItems"
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            assert "maxProperties" in node, f"{path.name} {where}: a mapping without a limit"


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_pattern_is_anchored_and_explained(path):
    """Patterns match whole values, and messages give the hint, never the regular expression."""
    schema = json.loads(path.read_text("utf-8"))
    patterns = [(where, node) for where, node in every_node(schema) if "pattern" in node]
    for where, node in patterns:
        assert node["pattern"].startswith("^") and node["pattern"].endswith("$"), where
        assert node.get("x-hint"), f"{path.name} {where}: a pattern without an x-hint"


@pytest.mark.parametrize("value, valid", [
    ("teacher-learning", True), ("teacher-learning\n", False), ("\nteacher-learning", False),
    ("teacher--learning", False), ("x" * 81, False), ("teacher-learning ", False),
])
def test_ids_are_matched_whole(value, valid):
    from guide.schemas import load_schemas, make_validator
    validator = make_validator(load_schemas(ROOT / "schemas"), {}, {})("common.schema.json")
    errors = list(validator.evolve(schema={**validator.schema["$defs"]["id"]}).iter_errors(value))
    assert (errors == []) is valid, errors


def test_topic_folders_are_the_pillars_the_schema_allows():
    from guide.outputs import PILLARS
    topic = json.loads((ROOT / "schemas" / "topic.schema.json").read_text("utf-8"))
    assert tuple(topic["properties"]["pillar"]["enum"]) == PILLARS


def test_every_interface_text_is_required():
    """The templates use every text of content/ui.yaml: the schema requires each, so that a
    deleted one is a message, not a failed build. Adding a text means adding it here too."""
    import yaml
    ui = yaml.safe_load((ROOT / "content" / "ui.yaml").read_text("utf-8"))
    schema = json.loads((ROOT / "schemas" / "ui.schema.json").read_text("utf-8"))
    assert schema["required"] == list(ui)
