"""Load every content file, validate it and resolve its references."""

import difflib
import hashlib
import json
import os
import pickle
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from guide import origin, outputs, quotes, review, terms
from guide.files import KINDS, Kind, content_files, display
from guide.handwritten import check_pages
from guide.links import REFERENCES, STATEMENTS
from guide.plain import check_text
from guide.problems import Problem
from guide.schemas import check, inlined, load_schemas, make_validator
from guide.yamlfile import YamlFile, read_yaml

DATE_FIELDS = {"revised", "date", "reviewed", "next_review"}
# Tests set this to prove that escaping holds even for text that validation would refuse.
ALLOW_MARKUP = "GUIDE_TEST_ALLOW_MARKUP"
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class Entity:
    kind: str
    id: str
    data: dict
    file: str
    doc: YamlFile = field(repr=False, default=None)  # where each field stands


@dataclass
class Content:
    languages: list = field(default_factory=list)       # the published languages
    all_languages: list = field(default_factory=list)   # also those still in translation
    ui: dict = field(default_factory=dict)
    background: dict = field(default_factory=dict)   # content/actions-background.yaml
    changes: list = field(default_factory=list)      # content/changes.yaml, newest first
    redirects: list = field(default_factory=list)    # content/redirects.yaml
    assessment: dict = field(default_factory=dict)   # content/self-assessment.yaml
    sources: dict = field(default_factory=dict)
    entities: dict = field(default_factory=dict)   # kind name -> [Entity] in order, published
    drafts: list = field(default_factory=list)     # [Entity] with draft: true, never published
    owners: dict = field(default_factory=dict)       # content/owners.yaml: role id -> role
    glossary: list = field(default_factory=list)     # content/glossary.yaml: the terms
    docs: dict = field(default_factory=dict, repr=False)  # file name -> YamlFile, for positions
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)     # reviews overdue: reported, not refused

    @property
    def language_codes(self) -> list[str]:
        return [lang["code"] for lang in self.languages]

    @property
    def all_language_codes(self) -> list[str]:
        return [lang["code"] for lang in self.all_languages]

    def get(self, kind: str, entity_id: str) -> Entity:
        return next(e for e in self.entities[kind] if e.id == entity_id)


AUTO = "auto"


class FileCache:
    """What load_content learnt of each file, kept between loads in one process (the live
    preview, scripts/serve.py): the file as read, by its bytes, and the file after its own checks,
    by its bytes and all they depend on (the schemas, the languages, every id). A load with a
    cache gives the same Content as one without; only files that changed are read again."""

    def __init__(self):
        self.read: dict[str, tuple[bytes, bytes]] = {}   # path -> (digest, file as read)
        self.checked: dict[str, tuple] = {}   # path -> (digest, schema, context, file checked)
        self.digests: dict[str, bytes] = {}   # path -> digest of its bytes, in this load
        self.kept: dict[str, object] = {}     # validators and inlined schemas, by their inputs

    def read_file(self, path: Path) -> YamlFile:
        """The file as read: the same object while its bytes stay the same (do not change it)."""
        shown = display(path)
        digest = _digest(path)
        known = self.read.get(shown)
        if digest is not None and known and known[0] == digest:
            self.digests[shown] = digest
            return known[1]
        doc = read_yaml(path, shown)
        self.digests.pop(shown, None)
        if digest is not None and _digest(path) == digest:   # not changed while it was read
            self.read[shown] = (digest, doc)
            self.digests[shown] = digest
        return doc

    def checked_file(self, doc: YamlFile, schema: str, context: tuple) -> YamlFile | None:
        """A copy of the file after its own checks, if they were made on these bytes."""
        known = self.checked.get(doc.path)
        if known and known[:3] == (self.digests.get(doc.path), schema, context):
            return pickle.loads(known[3])
        return None

    def keep_checked(self, doc: YamlFile, schema: str, context: tuple) -> None:
        if doc.path in self.digests:
            self.checked[doc.path] = (self.digests[doc.path], schema, context, pickle.dumps(doc))

    def get(self, key: tuple, make):
        """A value computed from `key` (kept for the latest key of its kind only)."""
        if self.kept.get(key[0], (None,))[0] != key:
            self.kept[key[0]] = (key, make())
        return self.kept[key[0]][1]


def _digest(path: Path) -> bytes | None:
    """A digest of a regular file's bytes; None for what read_yaml refuses or cannot read."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


def load_content(root: Path, extra: list[Path] = (), schemas: Path | None = None,
                 texts: Path | None | str = AUTO, cache: FileCache | None = None) -> Content:
    """Load content/ (plus `extra` files, typed by their folder or name) and validate all of it.
    `texts`: the folder of the sources' text files for the quotation check (guide/quotes.py);
    by default $GUIDE_SOURCE_TEXTS or ../shared/sources; None skips the check. `cache`: what
    earlier loads in this process learnt (FileCache), so that only changed files are read."""
    root = Path(root)
    schemas = load_schemas(schemas or root.parent / "schemas")
    kept = _Kept(cache, schemas)
    content = Content()
    languages = _read(root / "languages.yaml")
    check(languages, kept("languages", lambda: make_validator(schemas, {}, {}))(
        "languages.schema.json"))
    if languages.problems:
        content.problems = sorted(languages.problems)
        return content
    content.all_languages = languages.data
    content.languages = [x for x in languages.data if x.get("status", "published") == "published"]

    files, unknown = content_files(root, extra)
    docs = [(cache.read_file(path) if cache else _read(path), schema) for path, schema in files]
    ids = _collect_ids(docs)
    names = {lang["code"]: lang["english_name"] for lang in content.all_languages}
    markup = bool(os.environ.get(ALLOW_MARKUP))
    context = (kept.schemas, tuple(names.items()), tuple(content.language_codes), markup,
               tuple((kind, tuple(sorted(found))) for kind, found in sorted(ids.items())))
    validators = kept.get(("validators", *context), lambda: (
        make_validator(schemas, names, ids, required=content.language_codes),
        make_validator(schemas, names, ids, required=())))
    docs = [(_checked(doc, schema, context, cache, validators, schemas, names, ids, markup), schema)
            for doc, schema in docs]
    _check_ids(docs)
    problems = unknown + [p for doc, _ in docs for p in doc.problems]
    # The valid files make the model, so that what is published where can be checked even
    # while other files are broken; the checks across entries need them all.
    _fill(content, [(doc, schema) for doc, schema in docs if not doc.problems])
    problems += _resolve_origins(content, kept("inlined", lambda: inlined(schemas)))
    problems += _check_quotes(content, quotes.folder(root.parent) if texts == AUTO else texts)
    problems += review.check(_all_entities(content))
    problems += outputs.clashes(content, root.parent / "docs")
    if "sources.yaml" in content.docs:   # hand-written pages name sources: check them too
        problems += check_pages(root.parent / "docs", content.language_codes, content.sources)
    if "glossary.yaml" in content.docs:   # one vocabulary per language
        problems += terms.lint([d for d, _ in docs if not d.problems], content.glossary, names,
                               content.sources)
        problems += _lint_pages(root.parent / "docs", content, names)
    problems += _check_slugs(content)
    content.problems = sorted(problems) or _check_links(content)
    content.warnings = review.warnings(_all_entities(content)) + content.warnings
    return content


class _Kept:
    """Values made from the schemas alone: kept in the cache while the schemas stay the same."""

    def __init__(self, cache: FileCache | None, schemas: dict):
        self.cache = cache
        self.schemas = hashlib.sha256(json.dumps(schemas, sort_keys=True).encode()).digest() \
            if cache else None

    def __call__(self, name: str, make):
        return self.get((name, self.schemas), make)

    def get(self, key: tuple, make):
        return self.cache.get(key, make) if self.cache else make()


def _checked(doc: YamlFile, schema: str, context: tuple, cache: FileCache | None, validators,
             schemas: dict, names: dict, ids: dict, markup: bool) -> YamlFile:
    """The file after the checks it needs on its own (a copy from the cache when its bytes and
    what the checks depend on are the same as when they were made)."""
    if cache:
        known = cache.checked_file(doc, schema, context)
        if known is not None:
            return known
        doc = pickle.loads(pickle.dumps(doc))   # the cache's copy stays as it was read
    if doc.data is not None:
        validator, draft_validator = validators
        is_draft = isinstance(doc.data, dict) and doc.data.get("draft") is True
        check(doc, (draft_validator if is_draft else validator)(schema), _what(doc, schema))
        _check_dates(doc)
        check_text(doc, _what(doc, schema), schemas[schema], names,
                   markup=markup, placeholders=schema == "ui.schema.json")
        if not doc.problems:
            _check_parts(doc, schema, ids)
    if cache:
        cache.keep_checked(doc, schema, context)
    return doc


def _check_quotes(content: Content, folder: Path | None) -> list[Problem]:
    """Quotations against the sources' texts; what cannot be checked is a warning."""
    doc = content.docs.get("sources.yaml")
    if doc is None:
        return []
    if folder is None:
        content.warnings.append(Problem(doc.path, 1, 1, "warning: quotations are not checked: "
                                        f"no folder of source texts (set {quotes.ENV})"))
    texts, problems = quotes.read_texts(content.sources, doc, folder)
    check = quotes.Check(content.sources, texts)
    areas = {e.id: e for e in content.entities.get("area", []) + content.drafts
             if e.kind == "area"}
    for e in _all_entities(content):
        owner = areas.get(e.data.get("area")) if e.kind == "action" else None
        check.entry(e.data, e.doc, e.data.get("sources", []) +
                    (owner.data["sources"] if owner else []), draft=e in content.drafts)
    if "glossary.yaml" in content.docs:
        check.entry(content.glossary, content.docs["glossary.yaml"], [])
    if "actions-background.yaml" in content.docs:
        check.entry(content.background, content.docs["actions-background.yaml"],
                    content.background.get("sources", []))
    if folder is not None:
        content.warnings += check.warnings(doc, list(content.sources))
    return problems + check.problems


def _lint_pages(docs: Path, content: Content, names: dict) -> list[Problem]:
    found = []
    for lang in content.language_codes:
        for page in sorted((docs / lang).rglob("*.md")):
            found += terms.lint_page(f"docs/{lang}/{page.relative_to(docs / lang).as_posix()}",
                                     page.read_text("utf-8"), content.glossary, lang, names)
    return found


def _all_entities(content: Content) -> list[Entity]:
    return [e for entities in content.entities.values() for e in entities] + content.drafts


def _resolve_origins(content: Content, schemas: dict) -> list[Problem]:
    """Every text's origin, from the schemas' defaults and the entries' `origin` (see
    guide/origin.py); a text whose origin cannot be determined is a problem."""
    areas = {e.id: e for e in content.entities.get("area", []) + content.drafts
             if e.kind == "area"}
    found = []
    for e in _all_entities(content):
        owner = areas.get(e.data.get("area")) if e.kind == "action" else None
        main = (e.data.get("sources") or (owner.data["sources"] if owner else [None]))[0]
        before = len(e.doc.problems)
        origin.resolve(e.data, schemas[_schema_of(e.kind)], main, e.doc, _what(e.doc,
                                                                                 _schema_of(e.kind)))
        listed = set(e.data.get("sources", [])) | set(owner.data["sources"] if owner else [])
        for source in sorted(origin.named_sources(e.data) - listed):
            e.doc.problem(*e.doc.where(("sources",)), f"a text of {e.kind.replace('-', ' ')} "
                          f"`{e.id}` comes from `{source}`, which is not in its `sources`: add it "
                          "there, so that the page lists it")
        found += e.doc.problems[before:]
    doc = content.docs.get("glossary.yaml")
    for i, term in enumerate(content.glossary):
        before = len(doc.problems)
        origin.resolve(term, schemas["glossary.schema.json"]["items"], None, doc,
                       f"the glossary term `{term['id']}`")
        found += doc.problems[before:]
    doc = content.docs.get("actions-background.yaml")
    if doc:
        before = len(doc.problems)
        origin.resolve(doc.data, schemas["actions-background.schema.json"],
                       doc.data["sources"][0], doc, "the background to the actions")
        found += doc.problems[before:]
    return found


def _check_slugs(content: Content) -> list[Problem]:
    """An entry's `slug` and `keywords` name languages the guide has."""
    known = set(content.all_language_codes)
    return [Problem(e.file, *e.doc.where((field, code)), f"`{field}` names the language "
                    f"`{code}`, which is not in content/languages.yaml "
                    f"({', '.join(sorted(known))})")
            for e in _all_entities(content) for field in ("slug", "keywords")
            for code in e.data.get(field, {}) if code not in known]


def _schema_of(kind: str) -> str:
    return next(k.schema for k in KINDS if k.name == kind)


def _what(doc: YamlFile, schema: str) -> str:
    """How messages name an entry: "action `genomfor-spontana-lektionsbesok`"."""
    kind = _kind_of(schema)
    if kind and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
        return f"{kind.name.replace('-', ' ').replace('plc', 'PLC')} `{doc.data['id']}`"
    return ""


def _read(path: Path) -> YamlFile:
    return read_yaml(path, display(path))


def _kind_of(schema: str) -> Kind | None:
    return next((k for k in KINDS if k.schema == schema), None)


def _collect_ids(docs) -> dict[str, set]:
    ids: dict[str, set] = {kind.name: set() for kind in KINDS} | {"source": set(), "owner": set()}
    for doc, schema in docs:
        kind = _kind_of(schema)
        if kind and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str) and \
                ID.fullmatch(doc.data["id"]):
            ids[kind.name].add(doc.data["id"])
        elif schema in ("sources.schema.json", "owners.schema.json") and \
                isinstance(doc.data, list):
            ids[schema.split(".")[0].removesuffix("s")] |= {
                s["id"] for s in doc.data if isinstance(s, dict) and isinstance(s.get("id"), str)
                and ID.fullmatch(s["id"])}
    return ids


def _check_dates(doc: YamlFile) -> None:
    for path in doc.dates:
        if not path or path[-1] not in DATE_FIELDS:
            raw = _at(doc.data, path)
            doc.problem(*doc.value_where(path), f"`{raw}` is read by YAML as a date, not as "
                        f"text: write \"{raw}\" in quotes")


def _at(data, path):
    for part in path:
        data = data[part]
    return data


def _check_ids(docs) -> None:
    seen: dict[tuple, str] = {}
    for doc, schema in docs:
        kind = _kind_of(schema)
        if not kind or not isinstance(doc.data, dict) or not isinstance(doc.data.get("id"), str):
            continue
        entity_id, where = doc.data["id"], doc.value_where(("id",))
        if (kind.name, entity_id) in seen:
            doc.problem(*where, f"the id `{entity_id}` is already used by "
                        f"{seen[kind.name, entity_id]}: every {kind.name} needs its own id")
        else:
            seen[kind.name, entity_id] = doc.path
        if ID.fullmatch(entity_id) and Path(doc.path).stem != entity_id:
            doc.problem(*where, f"the id `{entity_id}` does not match the file name: "
                        f"rename the file to {entity_id}.yaml (or change the id)")


def _fill(content: Content, docs) -> None:
    for doc, schema in docs:
        kind = _kind_of(schema)
        if not kind:
            content.docs[Path(doc.path).name] = doc
        if kind:
            entity = Entity(kind.name, doc.data["id"], doc.data, doc.path, doc)
            if doc.data.get("draft"):
                content.drafts.append(entity)
            else:
                content.entities.setdefault(kind.name, []).append(entity)
        elif schema == "ui.schema.json":
            content.ui = doc.data
        elif schema == "actions-background.schema.json":
            content.background = doc.data
        elif schema == "changes.schema.json":
            content.changes = doc.data
        elif schema == "redirects.schema.json":
            content.redirects = doc.data
        elif schema == "self-assessment.schema.json":
            content.assessment = doc.data
        elif schema == "sources.schema.json":
            content.sources = {s["id"]: s for s in doc.data}
        elif schema == "owners.schema.json":
            content.owners = {o["id"]: o for o in doc.data}
        elif schema == "glossary.schema.json":
            content.glossary = doc.data
    for kind in KINDS:
        content.entities.setdefault(kind.name, []).sort(key=lambda e: (e.data["number"], e.id))
    area_order = {a.id: a.data["number"] for a in content.entities["area"]}
    content.entities["action"].sort(key=lambda e: (area_order.get(e.data["area"], 0),
                                                   e.data["number"]))


def _check_links(content: Content) -> list[Problem]:
    """Checks across entities, once every file is valid on its own."""
    return _check_capabilities(content) + _check_areas(content) + _check_drafts(content)


def _check_drafts(content: Content) -> list[Problem]:
    """Nothing published links to a draft: its page does not exist."""
    drafts = {(d.kind, d.id) for d in content.drafts}
    problems = []
    for kind, refs in REFERENCES.items():
        for entity in content.entities.get(kind, []):
            for path, target in refs:
                for where, value in _values_at(entity.data, path, ()):
                    if (target, value) in drafts:
                        problems.append(Problem(entity.file, *entity.doc.value_where(where),
                                                f"the {target} `{value}` is a draft and not "
                                                f"published yet: {kind} `{entity.id}` cannot "
                                                "link to it until it is (or make this a draft too)"))
    for i, change in enumerate(content.changes):
        for j, entry in enumerate(change.get("entries", [])):
            if tuple(entry.split("/", 1)) in drafts:
                doc = content.docs["changes.yaml"]
                problems.append(Problem(doc.path, *doc.value_where(
                    (i, "entries", j)), f"`{entry}` is a draft and not published yet: name it "
                    "here when it is published"))
    return problems


def _values_at(data, path, where):
    """(path, value) of each value at `path`, where "*" stands for every item of a list."""
    if not path:
        values = data if isinstance(data, list) else [data]
        yield from (((*where, i) if isinstance(data, list) else where, v)
                    for i, v in enumerate(values))
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, item in enumerate(data or []):
            yield from _values_at(item, rest, (*where, i))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, (*where, head))


def _check_parts(doc: YamlFile, schema: str, ids: dict) -> None:
    """Checks within one valid file: the ids of its parts, time ranges, revisions, redirects."""
    if schema == "sources.schema.json":
        _unique(doc, [((i, "id"), s["id"]) for i, s in enumerate(doc.data)],
                lambda v: f"the source `{v}` is listed twice: list each work once and cite it "
                "by its id")
    for key, word in (("indicators", "indicator statement"), ("sections", "section")):
        if schema in ("plc-characteristic.schema.json", "topic.schema.json") and key in doc.data:
            _unique(doc, [((key, i, "id"), part["id"]) for i, part in enumerate(doc.data[key])],
                    lambda v, w=word: f"another {w} of `{doc.data['id']}` already has the id "
                    f"`{v}`: give each {w} its own id")
    duration = doc.data.get("duration") if schema == "area.schema.json" else None
    if duration and duration["min_months"] > duration["max_months"]:
        doc.problem(*doc.value_where(("duration", "max_months")), "the longest time "
                    f"(`max_months`, {duration['max_months']}) is shorter than the shortest "
                    f"(`min_months`, {duration['min_months']}): swap them or correct one")
    if schema == "changes.schema.json":
        _check_changes(doc, ids)
    if schema == "glossary.schema.json":
        terms.check(doc)
    if schema == "redirects.schema.json":
        _check_redirects(doc, ids)
    if schema == "self-assessment.schema.json":
        _check_assessments(doc)


def _check_changes(doc: YamlFile, ids: dict) -> None:
    """Revisions are newest first and name entries that exist."""
    for i, change in enumerate(doc.data):
        if i and change["date"] > doc.data[i - 1]["date"]:
            doc.problem(*doc.value_where((i, "date")), f"the revision of {change['date']} comes "
                        f"after one of {doc.data[i - 1]['date']}: keep the newest first")
        for j, entry in enumerate(change.get("entries", [])):
            kind, _, entry_id = entry.partition("/")
            if entry_id not in ids.get(kind, ()):
                close = difflib.get_close_matches(entry_id, sorted(ids.get(kind, ())), n=1)
                hint = f": did you mean `{kind}/{close[0]}`?" if close else ""
                doc.problem(*doc.value_where((i, "entries", j)),
                            f"there is no {kind} with the id `{entry_id}`{hint}")


def _check_redirects(doc: YamlFile, ids: dict) -> None:
    """A redirect leads from an id nobody has any more to one that exists."""
    seen = set()
    for i, redirect in enumerate(doc.data):
        kind, old, new = redirect["kind"], redirect["from"], redirect["to"]
        lang = redirect.get("lang")   # then `from` is an old address (slug) in that language
        if old in ids.get(kind, ()) and not lang:
            doc.problem(*doc.value_where((i, "from")), f"the {kind} `{old}` still exists: a "
                        "redirect from it would hide its page; remove the redirect or the entry")
        if (kind, old, lang) in seen:
            doc.problem(*doc.value_where((i, "from")), f"the {kind} `{old}` is redirected twice: "
                        "keep one")
        seen.add((kind, old, lang))
        if new not in ids.get(kind, ()):
            close = difflib.get_close_matches(new, sorted(ids.get(kind, ())), n=1)
            hint = f": did you mean `{close[0]}`?" if close else ""
            doc.problem(*doc.value_where((i, "to")), f"there is no {kind} with the id `{new}`"
                        f"{hint}")


def moved_addresses(content: Content, base: Content) -> list[Problem]:
    """An entry whose address in a language changed since `base` (its slug, or its title when
    it has none) needs a redirect from the old address, or old links break."""
    if not any("addresses" in x for x in base.all_languages):
        return []   # pages were not named in their language yet: nothing was published so
    redirected = {(r["kind"], r["lang"], r["from"]) for r in content.redirects if "lang" in r}
    before = {(e.kind, e.id): e for entities in base.entities.values() for e in entities}
    problems = []
    for e in _all_entities(content):
        old = before.get((e.kind, e.id))
        if old is None or "#" in outputs.PAGES[e.kind]:
            continue
        for lang in content.language_codes:
            was, now = outputs.slug(old, lang), outputs.slug(e, lang)
            if was != now and (e.kind, lang, was) not in redirected:
                where = ("slug", lang) if lang in e.data.get("slug", {}) else ("title", lang)
                problems.append(Problem(e.file, *e.doc.where(where), f"the {lang} address of "
                                        f"{e.kind} `{e.id}` changes from `{was}` to `{now}`: add "
                                        f"a redirect to content/redirects.yaml (kind: {e.kind}, "
                                        f"lang: {lang}, from: {was}, to: {e.id}) so that old "
                                        "links still work"))
    return problems


def removed_ids(content: Content, base_paths: list[str]) -> list[tuple[str, str]]:
    """(kind, id) of entries in an earlier version (paths like content/actions/x.yaml) that are
    neither here now nor redirected: their published addresses would break."""
    folders = {k.folder: k.name for k in KINDS}
    now = {(e.kind, e.id) for entities in content.entities.values() for e in entities}
    now |= {(d.kind, d.id) for d in content.drafts}
    now |= {(r["kind"], r["from"]) for r in content.redirects if "lang" not in r}
    # An entry that became another kind at the same address (a factor now a topic) is not gone.
    addresses = {outputs.page_url(outputs.entity_uri(e))
                 for entities in content.entities.values() for e in entities}
    gone = []
    for path in base_paths:
        parts = Path(path).parts
        if len(parts) == 3 and parts[0] == "content" and parts[1] in folders and \
                parts[2].endswith(".yaml"):
            key = (folders[parts[1]], parts[2].removesuffix(".yaml"))
            same_place = key[0] != "topic" and \
                outputs.page_url(outputs.uri(*key)) in addresses
            if key not in now and key[0] != "capability" and not same_place:
                gone.append(key)
    return sorted(gone)


def _check_assessments(doc: YamlFile) -> None:
    values = [step["value"] for step in doc.data["scale"]]
    if values != sorted(set(values)):
        doc.problem(*doc.where(("scale",)), "the scale's values must rise from the lowest answer "
                    f"to the highest, each once (they are {', '.join(map(str, values))})")
    for i, assessment in enumerate(doc.data["assessments"]):
        wanted = STATEMENTS[assessment["kind"]]
        if assessment["items_from"] != wanted:
            doc.problem(*doc.value_where(("assessments", i, "items_from")),
                        f"a {assessment['kind']} keeps its statements in `{wanted}`, not "
                        f"`{assessment['items_from']}`")


def _unique(doc: YamlFile, entries, message) -> None:
    seen = set()
    for path, value in entries:
        if value in seen:
            doc.problem(*doc.value_where(path), message(value))
        seen.add(value)


def _check_areas(content: Content) -> list[Problem]:
    """Each published area has actions numbered 1, 2, 3 ...; an area in preparation has none."""
    problems = []
    for area in content.entities["area"]:
        actions = [a for a in content.entities["action"] if a.data["area"] == area.id]
        numbers = [a.data["number"] for a in actions]
        if area.data["status"] == "in-preparation" and actions:
            problems += [_problem(a, ("area",), f"the area `{area.id}` is in preparation and "
                                  "cannot have actions yet") for a in actions]
        elif area.data["status"] == "published" and not actions:
            problems.append(_problem(area, ("status",), "a published area needs at least one "
                                     "action in content/actions/ (or status: in-preparation)"))
        for action in actions:
            if numbers.count(action.data["number"]) > 1:
                problems.append(_problem(action, ("number",), f"another action of `{area.id}` "
                                         f"also has number {action.data['number']}"))
        if actions and sorted(numbers) != list(range(1, len(numbers) + 1)) and \
                len(set(numbers)) == len(numbers):
            problems.append(_problem(area, ("id",), f"the actions of `{area.id}` should be "
                                     f"numbered 1 to {len(numbers)}; they are "
                                     f"{', '.join(map(str, sorted(numbers)))}"))
    return problems


def _problem(entity: Entity, path: tuple, message: str) -> Problem:
    return Problem(entity.file, *entity.doc.where(path), message)


def _check_capabilities(content: Content) -> list[Problem]:
    """Every dimension explains each capability exactly once."""
    problems = []
    wanted = [c.id for c in content.entities["capability"]]
    for dim in content.entities["dimension"]:
        named = [c["capability"] for c in dim.data["capabilities"]]
        if sorted(named) != sorted(wanted):
            missing = sorted(set(wanted) - set(named))
            twice = sorted({n for n in named if named.count(n) > 1})
            detail = (f"missing: {', '.join(missing)}" if missing else "") + (
                f"{'; ' if missing else ''}listed twice: {', '.join(twice)}" if twice else "")
            line, col = dim.doc.where(("capabilities",))
            problems.append(Problem(dim.file, line, col, "`capabilities` must explain each of the "
                                    f"{len(wanted)} capabilities once ({detail})"))
    return problems
