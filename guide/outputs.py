"""Where everything is published: the address of every page (generated from content,
hand-written, left at an old address by a redirect) and the anchors content ids become, so that
no two things ever claim the same place.

Anchors built from an id and something else join them with `--`, which no id can contain (ids are
kebab-case with single hyphens), so those cannot clash by construction. An anchor that *is* a
content id shares its page with the template's own anchors (FIXED_ANCHORS) and, on a
hand-written page, with that page's headings: those are checked here.
"""

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from guide.problems import Problem

# Where each kind of entity is shown: its own page, or an anchor on a section page.
PAGES = {"area": "areas/{id}.md", "action": "actions/{id}.md",
         "dimension": "dimensions/{id}.md", "capability": "capabilities.md#{id}",
         "plc-characteristic": "plc/{id}.md", "attendance-factor": "attendance/{id}.md",
         "topic": "{pillar}/{id}.md"}
# The parts of the guide with topic pages, each in its folder (a topic's `pillar`).
PILLARS = ("plc", "attendance", "school-owner")
# Meeting kits (printable, with room to write): kind -> where they live. Areas and dimensions
# keep the addresses their worksheets had.
KITS = {"area": "worksheets/areas/{id}.md", "dimension": "worksheets/dimensions/{id}.md",
        "plc-characteristic": "worksheets/plc/{id}.md",
        "attendance-factor": "worksheets/attendance/{id}.md",
        "topic": "worksheets/topics/{id}.md"}
PRINT = "print.md"
ASSESSMENT = "assess/{id}.md"
# Anchors a template gives every page of a kind whose parts' ids are anchors too.
FIXED_ANCHORS = {"plc-characteristic": {"meaning", "indicators", "actions", "reflection",
                                        "sources"},
                 "topic": {"leaders-do", "reflection", "sources"}}   # leaders-do: if it has any
# Parts whose ids are anchors on their entry's page: kind -> (field, what a part is called).
PART_ANCHORS = {"plc-characteristic": ("indicators", "indicator statement"),
                "topic": ("sections", "section")}
# Entries whose ids are anchors on a hand-written page: kind -> page.
PAGE_ANCHORS = {"capability": "capabilities.md", "source": "references.md",
                "term": "glossary.md"}
# Claims that are not content: the guide's templates and hand-written pages.
TEMPLATES = "guide/templates"
FIXED = ("docs/", TEMPLATES)
_EXPLICIT_ID = re.compile(r"\{:?[^}]*#([A-Za-z0-9_-]+)[^}]*\}|\bid=\"([^\"]+)\"")


@dataclass(frozen=True)
class Claim:
    """Something published at an address (and anchor): what it is, and where it comes from."""

    address: str
    label: str
    file: str
    line: int = 1
    col: int = 1


def uri(kind: str, entity_id: str, pillar: str = "") -> str:
    return PAGES[kind].format(id=entity_id, pillar=pillar)


def entity_uri(entity) -> str:
    """The page (or anchor) of a loaded entry."""
    return uri(entity.kind, entity.id, entity.data.get("pillar", ""))


def url(target: str) -> str:
    """The address of a page below its language folder: "actions/x.md" -> "actions/x/"."""
    path, _, anchor = target.partition("#")
    return (page_url(path) + "/" if page_url(path) else "") + (f"#{anchor}" if anchor else "")


def page_url(md_path: str) -> str:
    """"actions/x.md" -> "actions/x", "plc/index.md" -> "plc", "index.md" -> "" (directory URLs)."""
    path = md_path.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index").rstrip("/")
    return path


# Letters an address writes without their marks (ASCII addresses are typed and shared easily).
_PLAIN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e",
                        "ü": "u", "[": "", "]": ""})
MAX_SLUG = 80


def slugify(title: str) -> str:
    """An address segment from a title: «Gjør opp status (EHT)» -> "gjor-opp-status-eht"."""
    title = re.sub(r"\{[a-z]{2,3}: ([^{}]*)\}", r"\1", str(title))   # {sv: …} marks
    words = re.findall(r"[a-z0-9]+", title.lower().translate(_PLAIN))
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "page"


def slug(entity, lang: str) -> str:
    """An entry's address segment in a language: its `slug`, or one made from its title."""
    given = entity.data.get("slug", {}).get(lang)
    title = entity.data["title"]
    return given or slugify(title.get(lang, next(iter(title.values()))) if isinstance(
        title, dict) else title)


class Addresses:
    """Where each page is published in one language: folders and hand-written pages named in
    the language's words (languages.yaml `addresses`), entries and their kits by their slug.
    Pages are known by their source path (actions/x.md), the same in every language."""

    def __init__(self, content, lang: str):
        language = next(x for x in content.all_languages if x["code"] == lang)
        self.words = language.get("addresses", {})
        self.slugs = {}   # source address (actions/x) -> its last segment
        for kind, entities in content.entities.items():
            for e in entities:
                if "#" not in PAGES[kind]:
                    self.slugs[page_url(entity_uri(e))] = slug(e, lang)
                if kind in KITS:
                    self.slugs[page_url(KITS[kind].format(id=e.id))] = slug(e, lang)

    def path(self, md_path: str) -> str:
        """"actions/x.md" -> "lederhandlinger/planlegg-..." (no slash at either end)."""
        source = page_url(md_path)
        if not source:
            return ""
        segments = [self.words.get(part, part) for part in source.split("/")]
        if source in self.slugs:
            segments[-1] = self.slugs[source]
        return "/".join(segments)

    def url(self, target: str) -> str:
        """Like url(): "actions/x.md#a" -> "lederhandlinger/planlegg-.../#a"."""
        path, _, anchor = target.partition("#")
        here = self.path(path)
        return (here + "/" if here else "") + (f"#{anchor}" if anchor else "")


def redirect_folder(old: str, new_uri: str) -> str:
    """The folder of the page left at an old address: beside the entry's new page."""
    return f"{posixpath.dirname(new_uri)}/{old}"


# -----------------------------------------------------------------------------
# Clashes
# -----------------------------------------------------------------------------

def clashes(content, docs: Path) -> list[Problem]:
    """A problem for every address or anchor claimed twice, naming both sides."""
    claims = _pages(content)
    for lang in content.language_codes:
        claims += _handwritten(docs / lang, f"docs/{lang}")
    # Two things at one address share its anchors too: report the address alone.
    return (_report(claims) or _report(_anchors(content, docs))
            or _report(_named(content, docs), "give one of them another `slug` in that language"))


def _named(content, docs: Path) -> list[Claim]:
    """Every page at its address in each language (pages are named in their language)."""
    claims = []
    for lang in content.language_codes:
        addresses = Addresses(content, lang)
        for claim in _pages(content, with_redirects=False) + _handwritten(docs / lang,
                                                                         f"docs/{lang}"):
            claims.append(Claim(f"{lang}/{addresses.path(claim.address)}", claim.label,
                                claim.file, claim.line, claim.col))
        claims += _moved(content, addresses, lang)
    return claims


def _moved(content, addresses, lang: str) -> list[Claim]:
    """The old addresses (slugs) of content/redirects.yaml in one language."""
    doc = content.docs.get("redirects.yaml")
    targets = {(e.kind, e.id): e for entities in content.entities.values() for e in entities}
    claims = []
    for i, redirect in enumerate(content.redirects):
        new = targets.get((redirect["kind"], redirect["to"]))
        if new is not None and redirect.get("lang") == lang:
            folder = posixpath.dirname(addresses.path(entity_uri(new)))
            claims.append(Claim(f"{lang}/{folder}/{redirect['from']}", f"the redirect from the "
                                f"old {lang} address `{redirect['from']}`", doc.path,
                                *doc.value_where((i, "from"))))
    return claims


def _pages(content, with_redirects: bool = True) -> list[Claim]:
    claims = []
    for kind, entities in content.entities.items():
        for e in entities:
            if "#" not in PAGES[kind]:
                claims.append(_claim(page_url(entity_uri(e)),
                                     f"the page of {_name(kind)} `{e.id}`", e, ("id",)))
            if kind in KITS:
                claims.append(_claim(page_url(KITS[kind].format(id=e.id)),
                                     f"the meeting kit of {_name(kind)} `{e.id}`", e, ("id",)))
    claims.append(Claim(page_url(PRINT), "the print view of the whole guide", TEMPLATES))
    doc = content.docs.get("self-assessment.yaml")
    for i, item in enumerate(content.assessment.get("assessments", [])):
        claims.append(Claim(page_url(ASSESSMENT.format(id=item["id"])),
                            f"the self-assessment `{item['id']}`", doc.path,
                            *doc.value_where(("assessments", i, "id"))))
    doc = content.docs.get("redirects.yaml")
    targets = {(e.kind, e.id): e for entities in content.entities.values() for e in entities}
    for i, redirect in enumerate(content.redirects if with_redirects else []):
        kind, new = redirect["kind"], targets.get((redirect["kind"], redirect["to"]))
        if new is None or "lang" in redirect:
            continue   # reported by the redirect's own check; an old slug: see _named
        claims.append(Claim(redirect_folder(redirect["from"], entity_uri(new)),
                            f"the redirect from {_name(kind)} `{redirect['from']}`",
                            doc.path, *doc.value_where((i, "from"))))
    return claims


def _handwritten(folder: Path, shown: str) -> list[Claim]:
    claims = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            address = page_url(name) if path.suffix == ".md" else name
            claims.append(Claim(address, f"the hand-written page {name}", f"{shown}/{name}"))
    return claims


def _anchors(content, docs: Path) -> list[Claim]:
    claims = []
    for kind, (field, word) in PART_ANCHORS.items():
        for e in content.entities.get(kind, []):
            page = page_url(entity_uri(e))
            for anchor in sorted(FIXED_ANCHORS[kind]):
                claims.append(Claim(f"{page}#{anchor}", f"the heading `#{anchor}` that every "
                                    f"{_name(kind)} page has", TEMPLATES))
            for i, part in enumerate(e.data.get(field, [])):
                claims.append(_claim(f"{page}#{part['id']}", f"the {word} `{part['id']}` of "
                                     f"{_name(kind)} `{e.id}`", e, (field, i, "id")))
    for kind, page in PAGE_ANCHORS.items():
        address = page_url(page)
        for lang in content.language_codes:
            claims += [Claim(f"{address}#{anchor}", f"the anchor `#{anchor}` of the hand-written "
                             f"page {page}", f"docs/{lang}/{page}")
                       for anchor in sorted(page_anchors(docs / lang / page))]
        claims += _entry_anchors(content, kind, address)
    return claims


def _entry_anchors(content, kind: str, address: str) -> list[Claim]:
    if kind in ("source", "term"):
        doc = content.docs.get("sources.yaml" if kind == "source" else "glossary.yaml")
        ids = list(content.sources) if kind == "source" else [t["id"] for t in content.glossary]
        return [Claim(f"{address}#{entry_id}", f"the {kind} `{entry_id}`", doc.path,
                      *doc.value_where((i, "id")))
                for i, entry_id in enumerate(ids)]
    return [_claim(f"{address}#{e.id}", f"{_name(kind)} `{e.id}`", e, ("id",))
            for e in content.entities.get(kind, [])]


def page_anchors(path: Path) -> set[str]:
    """The explicit ids a hand-written page gives its headings and elements."""
    if not path.is_file():
        return set()
    return {a or b for a, b in _EXPLICIT_ID.findall(path.read_text("utf-8"))}


def _report(claims: list[Claim], advice: str = "choose another id") -> list[Problem]:
    """A problem for each claim from content on a place that something else claims too, at the
    content's line; between two entries, at the later one. (Two fixed things clashing is the
    guide's own bug; it is reported at the first of them.)"""
    by_address: dict[str, list[Claim]] = {}
    for claim in claims:
        by_address.setdefault(claim.address, []).append(claim)
    problems = []
    for address, found in by_address.items():
        labels = list(dict.fromkeys(c.label for c in found))
        if len(labels) < 2:
            continue   # one thing (a hand-written page exists once per language)
        from_content = [c for c in found if not c.file.startswith(FIXED)]
        fixed = len(from_content) < len(found)
        for claim in (from_content if fixed else from_content[1:]) or found[:1]:
            others = [_described(c) for c in dict.fromkeys(found) if c.label != claim.label]
            problems.append(Problem(claim.file, claim.line, claim.col, f"{claim.label} would be "
                                    f"published at {_shown(address)}, which is already "
                                    f"{' and '.join(dict.fromkeys(others))}: {advice}"))
    return problems


def _claim(address: str, label: str, entity, path: tuple) -> Claim:
    return Claim(address, label, entity.file, *entity.doc.value_where(path))


def _name(kind: str) -> str:
    return kind.replace("-", " ").replace("plc", "PLC")


def _shown(address: str) -> str:
    """An address as readers see it below the language folder: `actions/index/`, `plc/x/#y`."""
    page, _, anchor = address.partition("#")
    shown = f"{page}/" if page else "the home page "
    return shown + (f"#{anchor}" if anchor else "")


def _described(claim: Claim) -> str:
    if claim.file.startswith(FIXED):
        return claim.label
    return f"{claim.label} ({claim.file}:{claim.line})"
