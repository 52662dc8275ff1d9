"""Whose words: the origin of every text, a source (id, locator, use) or the guide's own writing.

Each text field's default is its schema's `x-origin`: "guide", {"source": "main", "use": ...}
(the entry's main source: the first of its `sources`, for an action its area's), or "declare"
(no default: each entry says). An object overrides any of its fields in its `origin` mapping:
"guide", {source, use, locator}, or a list of these, one per paragraph of a text or per item of
a list. `resolve` replaces each `origin` by the origin of every text field the object has, so
templates and open data find every origin in the data itself.
"""

import difflib
import re

GUIDE = "guide"
USES = ("quote", "translation", "paraphrase", "summary")


def resolve(data: dict, schema: dict, main: str | None, doc, what: str) -> None:
    """Resolve the origins of `data` (an entry, checked against `schema`, its schema inlined)
    in place; each origin that cannot be determined is a problem in `doc`."""
    _object(data, schema, main, doc, what, ())


def _object(data: dict, schema: dict, main, doc, what: str, path: tuple) -> None:
    fields = schema.get("properties", {})
    given = data.get("origin", {})
    texts = {name: spec["x-origin"] for name, spec in fields.items() if "x-origin" in spec}
    for name in given:
        if name not in texts:
            close = difflib.get_close_matches(name, list(texts), n=1)
            hint = f": did you mean `{close[0]}`?" if close else (
                f"; its text fields are {', '.join(texts)}" if texts else "")
            doc.problem(*doc.where(path + ("origin", name)), f"`origin` names `{name}`, which "
                        f"is not a text field here{hint}")
    resolved = {}
    for name, default in texts.items():
        if name in data:
            where = path + ("origin", name) if name in given else path + (name,)
            origin = _field(data[name], given.get(name, default), main, doc, what, name, where)
            if origin is not None:
                resolved[name] = origin
    if texts:
        data["origin"] = resolved
    for name, spec in fields.items():   # objects in lists: sections, patterns, indicators ...
        items = spec.get("items", {})
        if isinstance(data.get(name), list) and "properties" in items:
            for i, item in enumerate(data[name]):
                if isinstance(item, dict):
                    _object(item, items, main, doc, what, path + (name, i))
        elif isinstance(data.get(name), dict) and "properties" in spec and "x-origin" not in spec:
            _object(data[name], spec, main, doc, what, path + (name,))


def _field(value, origin, main, doc, what: str, name: str, where: tuple):
    if origin == "declare":
        doc.problem(*doc.where(where), f"where `{name}` of {what} comes from cannot be "
                    f"determined: add `origin:` with `{name}: guide` if the guide wrote it, or "
                    f"`{name}: {{source: <id>, use: quote}}` (or translation, paraphrase, "
                    "summary) for the work it comes from")
        return None
    if isinstance(origin, list):
        parts = _parts(value)
        if parts is None:
            doc.problem(*doc.where(where), f"`origin › {name}` gives one origin per paragraph, "
                        f"but the languages of `{name}` have different numbers of paragraphs: "
                        "give every language the same paragraphs")
            return None
        if len(origin) != parts:
            unit = "item" if isinstance(value, list) else "paragraph"
            doc.problem(*doc.where(where), f"`origin › {name}` gives {len(origin)} origins, but "
                        f"`{name}` has {parts} {unit}{'s' if parts != 1 else ''}: give one per "
                        f"{unit}, in order")
            return None
        if parts == 1 and not isinstance(value, list):   # one paragraph: one origin, as a title
            return _one(origin[0], main, doc, what, name, where)
        return [_one(o, main, doc, what, name, where) for o in origin]
    return _one(origin, main, doc, what, name, where)


def _one(origin, main, doc, what: str, name: str, where: tuple):
    if origin == GUIDE:
        return GUIDE
    if origin.get("source") == "main":
        if main is None:
            doc.problem(*doc.where(where), f"`{name}` of {what} comes from the entry's main "
                        "source, but it has none: list it first in `sources`, or give "
                        f"`origin` for `{name}`")
            return None
        origin = {**origin, "source": main}
    return dict(origin)


def _parts(value) -> int | None:
    """How many paragraphs (the same in every language) or items a value has."""
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        counts = {len(paragraphs(text)) for text in value.values() if isinstance(text, str)}
        return counts.pop() if len(counts) == 1 else None
    return 1


def paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", str(text).strip()) if block.strip()]


def runs(value, origin) -> list[tuple]:
    """(origin, parts) for each run of paragraphs or items that share an origin, in order."""
    parts = value if isinstance(value, list) else paragraphs(value)
    origins = origin if isinstance(origin, list) else [origin] * len(parts)
    found = []
    for part, this in zip(parts, origins, strict=False):
        if found and found[-1][0] == this:
            found[-1][1].append(part)
        else:
            found.append((this, [part]))
    return found


def item_runs(items: list, name: str) -> list[tuple]:
    """(origin, items) for each run of list items (objects) whose field `name` has one origin
    but for the source's words, which the run's origin gives as a list, one per item."""
    found = []
    for item in items:
        this = item["origin"][name]
        key = this if this == GUIDE else {k: v for k, v in this.items() if k != "original"}
        if found and found[-1][0] == key:
            found[-1][1].append(item)
        else:
            found.append((key, [item]))
    for key, group in found:
        words = [i["origin"][name].get("original") for i in group if i["origin"][name] != GUIDE]
        if key != GUIDE and all(isinstance(w, str) for w in words):
            key["original"] = words
    return found


def named_sources(data) -> set[str]:
    """Every source the resolved origins of an entry (and of its parts) name."""
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            found |= source_ids(value) if key == "origin" else named_sources(value)
    elif isinstance(data, list):
        for value in data:
            found |= named_sources(value)
    return found


def source_ids(origin) -> set[str]:
    """Every source an origin (or a mapping or list of origins) names."""
    if isinstance(origin, list):
        return set().union(*map(source_ids, origin)) if origin else set()
    if isinstance(origin, dict) and "use" in origin:
        return {origin["source"]}
    if isinstance(origin, dict):
        return set().union(*map(source_ids, origin.values())) if origin else set()
    return set()
