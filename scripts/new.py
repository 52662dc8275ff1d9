#!/usr/bin/env python3
"""Start a new entry: `python scripts/new.py <kind> "<title>" [--area ID] [--pillar PART]`.

Writes content/<folder>/<id>.yaml with every required field, each under a comment saying what
it is for. Texts are marked TODO in every language; the validator refuses the file until they
are written. The id is made from the title (or given with --id); the number is the next free one.
"""

import argparse
import datetime
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide.files import KINDS
from guide.yamlfile import read_yaml

TODO = "TODO"


def main(argv=None) -> int:
    kinds = {k.name: k for k in KINDS}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=sorted(kinds), help="what to create")
    parser.add_argument("title", help="a working title; it makes the id")
    parser.add_argument("--id", help="the id (default: made from the title)")
    parser.add_argument("--area", help="for an action: the id of its area")
    parser.add_argument("--pillar", help="for a topic: plc, attendance or school-owner")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    kind = kinds[args.kind]
    folder = args.content / kind.folder
    entry_id = args.id or slug(args.title)
    path = folder / f"{entry_id}.yaml"
    if path.exists():
        print(f"{path} already exists: choose another title or --id", file=sys.stderr)
        return 1
    if kind.name == "action" and not args.area:
        parser.error("an action needs --area (the id of its area)")
    if kind.name == "topic" and not args.pillar:
        parser.error("a topic needs --pillar (plc, attendance or school-owner)")
    today = datetime.date.today()
    owners = read_yaml(args.content / "owners.yaml", "").data or [{"id": TODO}]
    values = {"id": entry_id, "number": next_number(args.content, kind, args),
              "revised": today.isoformat(), "reviewed": today.isoformat(),
              "next_review": today.replace(year=today.year + 1).isoformat(),
              "owner": f"{owners[0]['id']}  # a role in content/owners.yaml"}
    values |= {k: v for k, v in (("area", args.area), ("pillar", args.pillar)) if v}
    if kind.name == "area":   # no actions yet; set `published` when they are written
        values["status"] = "in-preparation  # published when its actions are written"
    schemas = {p.name: _absolute_refs(json.loads(p.read_text("utf-8")), p.name)
               for p in (ROOT / "schemas").glob("*.json")}
    languages = [x["code"] for x in read_yaml(args.content / "languages.yaml", "").data]
    text = scaffold(kind, schemas, values, languages, args.title)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Created {path.relative_to(args.content.parent)}: fill in every TODO, then run "
          "python scripts/validate.py")
    return 0


def slug(title: str) -> str:
    """A kebab-case id from a title: "Lär känna din verksamhet" -> lar-kanna-din-verksamhet."""
    text = title.lower().replace("æ", "ae").replace("ø", "o").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", text)) or "new-entry"


def next_number(content: Path, kind, args) -> int:
    numbers = []
    for path in (content / kind.folder).glob("*.yaml"):
        data = read_yaml(path, str(path)).data
        if not isinstance(data, dict) or not isinstance(data.get("number"), int):
            continue
        if (kind.name == "action" and data.get("area") != args.area) or \
                (kind.name == "topic" and data.get("pillar") != args.pillar):
            continue
        numbers.append(data["number"])
    return max(numbers, default=0) + 1


def scaffold(kind, schemas: dict, values: dict, languages: list[str], title: str) -> str:
    schema = schemas[kind.schema]
    lines = [f"# yaml-language-server: $schema=../../schemas/{kind.schema}",
             f"# New {kind.name.replace('-', ' ')}: \"{title}\". Replace every {TODO}."]
    lines += _fields(schema, schemas, values, languages, indent="")
    return "\n".join(lines) + "\n"


def _absolute_refs(node, name: str):
    """Write "#/$defs/x" as "<file>#/$defs/x", so that a ref means the same from anywhere."""
    if isinstance(node, dict):
        return {k: (name + v if k == "$ref" and v.startswith("#") else _absolute_refs(v, name))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_absolute_refs(v, name) for v in node]
    return node


def _resolve(schema: dict, schemas: dict) -> dict:
    """The schema with its $ref merged in (its own title and description win)."""
    ref = schema.get("$ref")
    if not ref:
        return schema
    name, _, pointer = ref.partition("#")
    target = schemas[name]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    return _resolve(target, schemas) | {k: v for k, v in schema.items() if k != "$ref"}


def _fields(schema, schemas, values, languages, indent) -> list[str]:
    lines = []
    options = schema.get("anyOf", [])
    either = options[0]["required"] if options and all(set(o) == {"required"} for o in options) \
        else []
    # Fields an `if`/`then` requires for the default values (a published area's duration).
    then = schema.get("then", {}).get("required", [])
    declare = []
    for name in schema.get("required", []) + either + then:
        prop = _resolve(schema["properties"][name], schemas)
        lines.append(f"{indent}# {prop.get('description', '')}")
        lines += _value(name, prop, schemas, values, languages, indent)
        if prop.get("x-origin") == "declare":
            declare.append(name)
    if declare:   # texts with no default origin: the editor says where each comes from
        lines.append(f"{indent}# Where each text comes from: guide (the guide's own writing), or "
                     "{source: <id>, use: quote | translation | paraphrase | summary}.")
        lines += [f"{indent}origin:"] + [f"{indent}  {name}: {TODO}" for name in declare]
    return lines


def _value(name, prop, schemas, values, languages, indent) -> list[str]:
    key = f"{indent}{name}:"
    if name in values:
        return [f"{key} {values[name]}"]
    if prop.get("x-translated"):
        return [key] + [f"{indent}  {code}: \"{TODO}\"" for code in languages]
    if "enum" in prop:
        return [f"{key} {prop['enum'][0]}  # one of: {', '.join(prop['enum'])}"]
    kind = prop.get("type")
    if kind == "integer":
        return [f"{key} {prop.get('minimum', 1)}"]
    if kind == "object":
        return [key] + _fields(prop, schemas, {}, languages, indent + "  ")
    if kind == "array":
        item = _resolve(prop.get("items", {}), schemas)
        if "x-ref" in item:
            return [f"{key} []  # ids of {item['x-ref']} entries"]
        count = max(prop.get("minItems", 1), 1)
        if item.get("x-translated"):
            first = [f"{indent}  - {languages[0]}: \"{TODO}\""]
            rest = [f"{indent}    {code}: \"{TODO}\"" for code in languages[1:]]
            return [key] + (first + rest) * count
        if item.get("type") == "object":
            body = _fields(item, schemas, {"id": TODO.lower()}, languages, indent + "    ")
            body = [line for line in body if not line.lstrip().startswith("#")]
            body[0] = f"{indent}  - " + body[0].lstrip()
            return [key] + body * count
    return [f"{key} \"{TODO}\""]


if __name__ == "__main__":
    sys.exit(main())
