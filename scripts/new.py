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

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import review, text
from guide.files import KINDS
from guide.plain import visible
from guide.schemas import python_regex
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
    if kind.name == "action" and not args.area:
        parser.error("an action needs --area (the id of its area)")
    if kind.name == "topic" and not args.pillar:
        parser.error("a topic needs --pillar (plc, attendance or school-owner)")
    schemas = {p.name: _absolute_refs(json.loads(p.read_text("utf-8")), p.name)
               for p in (ROOT / "schemas").glob("*.json")}
    id_schema = schemas["common.schema.json"]["$defs"]["id"]
    if refused := _refusal(args, schemas, id_schema):
        parser.error(refused)
    if error := review.setting_error():
        print(error, file=sys.stderr)
        return 1
    languages = _languages(args.content)
    if not languages:
        print("content/languages.yaml cannot be read: run python scripts/validate.py",
              file=sys.stderr)
        return 1
    folder = args.content / kind.folder
    entry_id = args.id or slug(args.title, id_schema["maxLength"])
    path = folder / f"{entry_id}.yaml"
    today = review.today()
    values = {"id": _plain(entry_id), "number": next_number(args.content, kind, args),
              "revised": today.isoformat(), "reviewed": today.isoformat(),
              "next_review": _a_year_after(today).isoformat(),
              "owner": f"{_plain(_first_owner(args.content, id_schema))}  # a role in "
                       "content/owners.yaml"}
    values |= {k: _plain(v) for k, v in (("area", args.area), ("pillar", args.pillar)) if v}
    if kind.name == "area":   # no actions yet; set `published` when they are written
        values["status"] = "in-preparation  # published when its actions are written"
    written = scaffold(kind, schemas, values, languages, args.title)
    return _write(path, written, args.content)


def _refusal(args, schemas: dict, id_schema: dict) -> str | None:
    """Why the arguments cannot make an entry, or None. Every value is written into the new
    file, so each must be what its field allows, on one line."""
    limit = schemas["common.schema.json"]["$defs"]["title"]["additionalProperties"]["maxLength"]
    if not text.one_line(args.title) or not visible(args.title):
        return "the title must be one line of visible text"
    if len(args.title) > limit:
        return f"the title is {len(args.title)} characters long: at most {limit} are allowed"
    for option, value in (("--id", args.id), ("--area", args.area)):
        if value is not None and not _is_id(value, id_schema):
            return (f"{option} `{text.log(text.shorten(value))}` is not an id: "
                    f"{id_schema['x-hint']}, at most {id_schema['maxLength']} characters")
    pillars = schemas["topic.schema.json"]["properties"]["pillar"]["enum"]
    if args.pillar is not None and args.pillar not in pillars:
        return (f"--pillar `{text.log(text.shorten(args.pillar))}` is not a part of the guide: "
                f"use {', '.join(pillars)}")
    return None


def _is_id(value: str, id_schema: dict) -> bool:
    """The id pattern of the schemas (kebab-case), with JSON Schema's meaning of `$`."""
    return len(value) <= id_schema["maxLength"] and \
        bool(python_regex(id_schema["pattern"]).search(value))


def _write(path: Path, written: str, content: Path) -> int:
    """Create the file; never over an existing one (or a link), never outside its folder."""
    if path.parent.is_symlink():
        print(f"{text.log(path.parent)} is a link: content folders must be folders in the "
              "repository", file=sys.stderr)
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(written)
    except FileExistsError:
        print(f"{text.log(path)} already exists: choose another title or --id", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{text.log(path)} cannot be written ({err.strerror or err})", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(content.parent)}: fill in every TODO, then run "
          "python scripts/validate.py")
    return 0


def _languages(content: Path) -> list[str]:
    """The codes in content/languages.yaml (none if it cannot be read)."""
    data = read_yaml(content / "languages.yaml", "languages.yaml").data
    return [x["code"] for x in data if isinstance(x, dict) and isinstance(x.get("code"), str)
            and re.fullmatch(r"[a-z]{2,3}", x["code"])] if isinstance(data, list) else []


def _first_owner(content: Path, id_schema: dict) -> str:
    """The first role in content/owners.yaml, if it is an id (else TODO)."""
    data = read_yaml(content / "owners.yaml", "owners.yaml").data
    first = data[0].get("id") if isinstance(data, list) and data and \
        isinstance(data[0], dict) else None
    return first if isinstance(first, str) and _is_id(first, id_schema) else TODO


def _a_year_after(day: datetime.date) -> datetime.date:
    """The same day a year later (28 February after 29 February; the last day there is)."""
    if day.year == datetime.MAXYEAR:
        return datetime.date.max
    return day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def slug(title: str, limit: int = 80) -> str:
    """A kebab-case id from a title: "Lär känna din verksamhet" -> lar-kanna-din-verksamhet.
    At most `limit` characters, cut between words."""
    words = title.lower().replace("æ", "ae").replace("ø", "o").replace("ß", "ss")
    words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    made = "-".join(re.findall(r"[a-z0-9]+", words))
    if len(made) > limit:   # at the last hyphen that keeps it short enough, else mid-word
        made = made[: limit + 1].rsplit("-", 1)[0] if "-" in made[: limit + 1] else made[:limit]
    return made or "new-entry"


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


def _plain(value: str) -> str:
    """An id (checked: lowercase letters, digits and hyphens) for the file, in quotes where
    YAML would read it as something else: `no` as false, `2024` as a number."""
    return value if yaml.safe_load(value) == value else f'"{value}"'


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
