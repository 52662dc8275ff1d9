"""Validate parsed YAML against the JSON Schemas and word each error for an editor.

Two keywords of our own: `x-translated` (a text must exist in every language of the guide) and
`x-ref` (a string must be the id of an existing entity of the named type).
"""

import difflib
import functools
import json
import re
from datetime import date
from pathlib import Path

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from guide.text import shorten
from guide.yamlfile import YamlFile

NAMES = {"string": "text", "integer": "a whole number", "number": "a number",
         "array": "a list", "object": "a group of fields", "boolean": "true or false"}


def load_schemas(folder: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.schema.json"))}


def _inline(node, name: str, schemas: dict):
    """The schema with every $ref replaced by what it points to (ours are not recursive), so
    that validation does not look references up again for every value. The referring
    schema's own keywords (title, description, minItems ...) are kept beside the target's."""
    if isinstance(node, list):
        return [_inline(item, name, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline(value, name, schemas) for key, value in node.items()}
    ref = node.pop("$ref", None)
    if ref is None:
        return node
    file, _, pointer = ref.partition("#")
    target, file = schemas[file or name], file or name
    for part in filter(None, pointer.split("/")):
        target = target[part]
    resolved = _inline(target, file, schemas)
    clash = {k for k in node if k in resolved and k not in ("title", "description")}
    if clash:   # both would apply; keep the $ref form rather than merge them
        return {**node, "allOf": [resolved]}
    return {**resolved, **node}


def pattern(validator, regex, instance, schema):
    """`pattern` with the meaning JSON Schema gives it (ECMA-262): `$` only at the very end and
    \\d only ASCII digits. Python's `$` also matches before a final newline, so `id: "x\\n"`
    would pass; every pattern of every schema is checked here, in this one place."""
    if isinstance(instance, str) and not python_regex(regex).search(instance):
        yield ValidationError(f"{instance!r} does not match {regex!r}")


@functools.cache
def python_regex(regex: str) -> re.Pattern:
    """An ECMA-262 pattern as a Python one: each unescaped `$` outside [...] becomes \\Z."""
    out, escaped, in_class = [], False, False
    for char in regex:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out), re.ASCII)


def inlined(schemas: dict) -> dict:
    """Every schema with its references replaced by what they point to."""
    return {name: _inline(schema, name, schemas) for name, schema in schemas.items()}


def make_validator(schemas: dict, languages: dict[str, str], ids: dict[str, set],
                   required=None):
    """A validator class bound to the guide's languages ({code: English name}) and known ids.

    `required` is the set of language codes every text must have (default: all of them).
    """
    required = set(languages) if required is None else set(required)

    def translated(validator, enabled, instance, schema):
        if not enabled or not isinstance(instance, dict):
            return
        for code, name in languages.items():
            if code not in required:
                continue
            text = instance.get(code)
            if text is None or isinstance(text, str) and not text.strip():
                state = "missing" if text is None else "empty"
                error = _tagged(f"the {name} ({code}) text is {state}", "missing", code)
                error.words = (f"{name} ({code})", state)
                yield error
        for code in instance:
            if code not in languages:
                yield _tagged(f"`{code}` is not a language of the guide "
                              f"({', '.join(languages)})", "unknown", code)

    def reference(validator, kind, instance, schema):
        known = ids.get(kind, set())
        if isinstance(instance, str) and instance not in known:
            close = difflib.get_close_matches(instance, sorted(known), n=3, cutoff=0.6)
            hint = f": did you mean {_either(close)}?" if close else ""
            yield ValidationError(f"there is no {kind} with the id `{shorten(instance)}`{hint}")

    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items())
    cls = validators.extend(Draft202012Validator, {"x-translated": translated, "x-ref": reference,
                                                   "pattern": pattern})
    flat = inlined(schemas)
    return lambda name: cls(flat[name], registry=registry,
                            format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(doc: YamlFile, validator, what: str = "") -> None:
    """Add a problem to `doc` for every schema error, located at the offending key or value.

    `what` names the entry in messages, such as "action `genomfor-spontana-lektionsbesok`".
    A value the YAML reader already reported (such as `no` read as false) is not reported twice.
    """
    values = {(p.line, p.col) for p in doc.problems}   # places that have their problem
    places, messages = set(values), set()
    for error in validator.iter_errors(doc.data):
        for path, message, at_value in _explain(error, doc, validator.schema, what):
            line, col = doc.value_where(path) if at_value else doc.where(path)
            # One problem per value (the first is the clearest); several missing or unknown
            # fields of one object each get theirs.
            if (line, col) in values or (at_value and (line, col) in places) or \
                    (line, col, message) in messages:
                continue
            doc.problem(line, col, message)
            places.add((line, col))
            messages.add((line, col, message))
            if at_value:
                values.add((line, col))
    known = {(p.line, p.col) for p in doc.problems}
    for path, word in doc.words.items():   # yes/no in a true/false field: say what to write
        if doc.value_where(path) not in known:
            value = str(_at(doc.data, path)).lower()
            doc.problem(*doc.value_where(path), f"write `{value}` instead of `{word}`: YAML "
                        f"reads `{word}` as {value} here, but other tools read it as text")


def field_name(path) -> str:
    """`capabilities › item 2 › text` for ("capabilities", 1, "text")."""
    parts = [f"item {p + 1}" if isinstance(p, int) else shorten(p) for p in path]
    return "`" + " › ".join(parts) + "`" if parts else "the file"


def _explain(error: ValidationError, doc: YamlFile, root: dict, what: str):
    path, kind, value = tuple(error.absolute_path), error.validator, error.validator_value
    where = field_name(path)
    if kind == "required":
        name = error.message.split("'")[1]
        yield path + (name,), f"the field `{name}` is missing{_in(path)}", False
    elif kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f": did you mean `{close[0]}`?" if close else (
                    f"; the allowed fields are {', '.join(allowed)}" if allowed else "")
                yield path + (key,), f"unknown field `{shorten(key)}`{_in(path)}{hint}", False
    elif kind == "x-translated":
        problem, code = error.language
        if problem == "missing" and what:
            yield path, _translation_message(error, path, root, what), False
        elif problem == "missing":
            yield path, f"{error.message} in {where}", False
        else:
            yield path + (code,), f"{error.message} in {where}", False
    elif kind == "type":
        yield path, _type_message(path, value, doc, where), True
    else:
        yield path, _value_message(error, where), not isinstance(error.instance, dict | list)


def _translation_message(error, path: tuple, root: dict, what: str) -> str:
    language, state = error.words
    return f"the {language} {describe(path, root)} of {what} is {state}"


def describe(path: tuple, root: dict) -> str:
    """"title" for a top-level field with a schema title, else "text in `a › item 2 › b`"."""
    title = root.get("properties", {}).get(path[0], {}).get("title") if len(path) == 1 else None
    if title:
        return title[0].lower() + title[1:]
    return f"text in {field_name(path)}"


def _type_message(path, expected, doc: YamlFile, where: str) -> str:
    expected = expected if isinstance(expected, str) else expected[0]
    if path in doc.plain and expected == "string":
        raw, read_as = doc.plain[path]
        return (f"`{raw}` in {where} is read by YAML as {read_as}, not as text: "
                f"write \"{raw}\" in quotes")
    found = doc.plain.get(path, (None,))[0] or _at(doc.data, path)
    shown = f", not `{shorten(found)}`" if not isinstance(found, dict | list) else ""
    return f"{where} should be {NAMES.get(expected, expected)}{shown}"


def _value_message(error: ValidationError, where: str) -> str:
    kind, value, schema = error.validator, error.validator_value, error.schema
    shown = shorten(error.instance) if not isinstance(error.instance, dict | list) else None
    if kind == "format" and value == "date" and _looks_like_a_date(shown):
        return f"`{shown}` in {where} is not a day of the calendar: check the month and the day"
    if kind in ("pattern", "format") and "x-hint" in schema:
        return f"`{shown}` is not valid for {where}: {schema['x-hint']}"
    if kind == "format":
        return f"`{shown}` in {where} is not a valid {value}"
    if kind == "minItems":
        return f"{where} needs at least {value} item{'s' if value != 1 else ''}"
    if kind == "maxItems":
        return f"{where} can have at most {value} items"
    if kind == "minLength":
        return f"{where} is empty"
    if kind == "maxLength":
        return (f"{where} is {len(error.instance)} characters long: at most {value} are "
                "allowed, so shorten it")
    if kind == "maxProperties":
        return f"{where} can have at most {value} fields"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                "exclusiveMaximum": "less than"}[kind]
        return f"{where} must be {word} {value} (it is {shown})"
    if kind == "enum":
        return f"`{shown}` in {where} is not one of: {', '.join(map(str, value))}"
    if kind == "uniqueItems":
        return f"{where} lists the same item twice"
    if kind == "x-ref":
        return f"{error.message} (in {where})"
    unknown = [e for e in _descendants(error) if e.validator == "x-ref"]
    if kind == "anyOf" and unknown:   # an id that names nothing says more than "not valid"
        return f"{unknown[0].message} (in {where})"
    if kind == "anyOf" and "x-hint" in schema:
        return f"`{shown}` is not valid for {where}: {schema['x-hint']}" if shown is not None \
            else f"{where} is not valid: {schema['x-hint']}"
    if kind == "anyOf" and all(set(option) == {"required"} for option in value):
        names = [name for option in value for name in option["required"]]
        return f"{where} needs {_either(names)}"
    return f"{where}: {shorten(error.message, 200)}"


def _descendants(error: ValidationError):
    """The errors an anyOf or oneOf error holds, at every depth."""
    for child in error.context or []:
        yield child
        yield from _descendants(child)


def _looks_like_a_date(value) -> bool:
    """YYYY-MM-DD in form, but no such day (2026-02-29, 2026-13-01)."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return True
    return False


def _at(data, path):
    for part in path:
        data = data[part]
    return data


def _tagged(message: str, what: str, code: str) -> ValidationError:
    error = ValidationError(message)
    error.language = (what, code)   # "missing" or "unknown", and which language
    return error


def _in(path) -> str:
    return f" in {field_name(path)}" if path else ""


def _either(names) -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
