"""Render content as Markdown pages and snippets for one language, from Jinja templates."""

import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from guide import csp, kits, origin, review, terms, text
from guide.links import SERVES
from guide.model import Content
from guide.outputs import (
    ASSESSMENT,
    KITS,
    PAGE_ANCHORS,
    PRINT,
    Addresses,
    page_url,
    redirect_folder,
    uri,
)

TEMPLATES = Path(__file__).parent / "templates"

# The section page that lists each kind, in the order of the home page.
SECTIONS = {"area": "actions/index.md", "dimension": "dimensions/index.md",
            "capability": "capabilities.md", "plc-characteristic": "plc/index.md",
            "attendance-factor": "attendance/index.md", "school-owner": "school-owner/index.md",
            "assessment": "assess/index.md", "references": "references.md"}
# Kinds with a page of their own, and the template that renders it.
TEMPLATES_OF = {"dimension": "dimension.md.jinja", "area": "area.md.jinja",
                "action": "action.md.jinja", "plc-characteristic": "plc_characteristic.md.jinja",
                "attendance-factor": "attendance_factor.md.jinja", "topic": "topic.md.jinja"}

def localize(value, codes: set, lang: str):
    """Replace every {nb: ..., sv: ...} text by its text in `lang` (an entry's `slug`, which
    may name one language only, stays as it is: guide/outputs.py reads it)."""
    if isinstance(value, dict):
        if value and set(value) <= codes and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return {k: v if k == "slug" else localize(v, codes, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [localize(v, codes, lang) for v in value]
    return value


class Renderer:
    """All pages and snippets of one language."""

    def __init__(self, content: Content, lang: str):
        self.content, self.lang = content, lang
        self.language = next(x for x in content.languages if x["code"] == lang)
        codes = set(content.all_language_codes)
        self.ui = localize(content.ui, codes, lang)
        self.sources = localize(content.sources, codes, lang)
        self.background = localize(content.background, codes, lang)
        self.changes = localize(content.changes, codes, lang)
        self.assessment = localize(content.assessment, codes, lang)
        self.owners = localize(content.owners, codes, lang)
        # The glossary: (term in this language, the term as written in every language).
        self.glossary = list(zip(localize(content.glossary, codes, lang), content.glossary,
                                 strict=True))
        self.items = {kind: [localize(e.data, codes, lang) for e in entities]
                      for kind, entities in content.entities.items()}
        self.by_id = {kind: {item["id"]: item for item in items}
                      for kind, items in self.items.items()}
        self.links = _links(self.items)
        # The self-assessment that rates each kind: kind -> (page, title).
        self.assessment_of = {a["kind"]: (ASSESSMENT.format(id=a["id"]), a["title"])
                              for a in self.assessment.get("assessments", [])}
        self.env = _environment(self.language)
        self.addresses = Addresses(content, lang)   # pages named in this language
        self.today = review.today().isoformat()   # a page past its review date says so
        # The YAML file behind each generated page, for "edit this page".
        self.source_files = {self.uri(e.kind, e.id): e.file
                             for kind in TEMPLATES_OF for e in content.entities.get(kind, [])}
        self.source_files |= {pattern.format(id=e.id): e.file for kind, pattern in
                              KITS.items() for e in content.entities.get(kind, [])}

    def pages(self, only: set[str] | None = None) -> list[tuple[str, str]]:
        """(src_uri, Markdown) of every generated page, or of those in `only` (the preview)."""
        def skip(uri: str) -> bool:
            return only is not None and uri not in only

        pages = []
        for kind, template in TEMPLATES_OF.items():
            for item in self.items.get(kind, []):
                uri = self.uri(kind, item["id"])
                if skip(uri):
                    continue
                siblings = self._siblings(kind, item)
                i = siblings.index(item)
                pages.append((uri, self._render(
                    template, uri, item=item, siblings=siblings,
                    previous=siblings[i - 1] if i else None,
                    next=siblings[i + 1] if i + 1 < len(siblings) else None)))
        for kind, pattern in KITS.items():
            for item in self.items.get(kind, []):
                uri = pattern.format(id=item["id"])
                if skip(uri):
                    continue
                pages.append((uri, self._render("kit.md.jinja", uri, item=item, kind=kind,
                                                plan=self.kit_plan(kind, item))))
        if not skip(PRINT):
            pages.append((PRINT, self._render("print.md.jinja", PRINT)))
        for assessment in self.assessment.get("assessments", []):
            uri = ASSESSMENT.format(id=assessment["id"])
            if skip(uri):
                continue
            pages.append((uri, self._render("assessment.md.jinja", uri, item=assessment,
                                            groups=self.assessment_groups(assessment))))
        return pages

    def kit_plan(self, kind: str, item: dict) -> dict:
        """What a meeting kit works out from its content: agendas, what to bring (guide/kits)."""
        actions = self.links["actions_of_area"].get(item["id"], []) if kind == "area" else []
        raw = self.content.get(kind, item["id"]).data
        also = []
        if kind == "dimension":   # the effect size under the summary, as the kit shows it
            effect = item["effect_size"]
            also = [text.fill(self.ui["effect_size_of"], value=text.number(
                effect["value"], self.language["decimal_mark"])),
                self.sources[effect["source"]]["short"]]
        return kits.plan(kind, item, raw, actions, also)

    def assessment_uris(self) -> list[str]:
        return [ASSESSMENT.format(id=a["id"]) for a in self.assessment.get("assessments", [])]

    def assessment_groups(self, assessment: dict) -> list[tuple[dict, list[tuple[str, str]]]]:
        """(entry, [(item id, statement)]) for every entry the assessment rates, in order."""
        groups = []
        for entry in self.items.get(assessment["kind"], []):
            statements = entry[assessment["items_from"]]
            items = [(f"{entry['id']}--{s['id']}", s["text"]) if isinstance(s, dict)
                     else (f"{entry['id']}--{n}", s) for n, s in enumerate(statements, 1)]
            groups.append((entry, items))
        return groups

    def _siblings(self, kind: str, item: dict) -> list[dict]:
        """The entries a page's previous/next links step through."""
        if kind == "action":
            return self.links["actions_of_area"][item["area"]]
        if kind == "topic":
            return [t for t in self.items[kind] if t["pillar"] == item["pillar"]]
        return self.items[kind]

    def snippet(self, name: str, page_uri: str, **values) -> str:
        """Markdown for a hand-written page's macro, such as `dimension_overview`."""
        return self._render(f"{name}.md.jinja", page_uri, **values)

    def redirect_pages(self, sources: dict[str, str] | None = None) -> list[tuple[str, str]]:
        """(path in the site, HTML) of a page at each old address that sends readers on: the
        old ids of content/redirects.yaml, and each page's address before pages were named in
        their language (`sources`: each page's source path, such as actions/x.md, and title)."""
        sources = sources or {}
        env = Environment(loader=FileSystemLoader(TEMPLATES / "redirect"), autoescape=True,
                          undefined=StrictUndefined)
        template = env.get_template("index.html.jinja")
        pages = []
        for redirect in self.content.redirects:
            kind, old, new = redirect["kind"], redirect["from"], redirect["to"]
            if redirect.get("lang", self.lang) != self.lang:
                continue
            if "lang" in redirect:   # an old address (slug) in this language
                folder = posixpath.join(posixpath.dirname(
                    self.addresses.path(self.uri(kind, new))), old)
            else:                    # an old id, at its address before pages had names
                folder = redirect_folder(old, self.uri(kind, new))
            target = posixpath.relpath(self.addresses.path(self.uri(kind, new)), folder) + "/"
            pages.append((f"{folder}/index.html", template.render(
                lang=self.lang, ui=self.ui, target=target, title=self.by_id[kind][new]["title"])))
        published = {self.addresses.path(src) for src in sources}
        for src in sources:
            old, new = page_url(src), self.addresses.path(src)
            if old and old != new and old not in published:
                target = posixpath.relpath(new or ".", old) + "/"
                pages.append((f"{old}/index.html", template.render(
                    lang=self.lang, ui=self.ui, target=target, title=sources[src])))
        return pages

    def uri(self, kind: str, entity_id: str) -> str:
        pillar = self.by_id[kind][entity_id]["pillar"] if kind == "topic" else ""
        return uri(kind, entity_id, pillar)

    def topic_uris(self) -> list[str]:
        """Topic pages belong in the navigation tree, after their part's section page."""
        return [self.uri("topic", t["id"]) for t in self.items.get("topic", [])]

    def _render(self, template: str, page_uri: str, **values) -> str:
        def link(target: str) -> str:
            path, _, anchor = target.partition("#")
            rel = posixpath.relpath(path, posixpath.dirname(page_uri) or ".")
            return rel + (f"#{anchor}" if anchor else "")

        def href(target: str) -> str:
            """The URL of a page, relative to this page's URL, for raw HTML (no .md links)."""
            path, _, anchor = target.partition("#")
            rel = posixpath.relpath(self.addresses.path(path) or ".",
                                    self.addresses.path(page_uri) or ".")
            rel = "" if rel == "." else rel + "/"
            return rel + (f"#{anchor}" if anchor else "") or "./"

        return self.env.get_template(template).render(
            ui=self.ui, items=self.items, by_id=self.by_id, links=self.links,
            sources=self.sources, background=self.background, changes=self.changes,
            assessment=self.assessment, owners=self.owners, glossary=self.glossary,
            terms=terms.Linker(self.content.glossary, self.lang, link(PAGE_ANCHORS["term"])),
            lang=self.language,
            link=link, href=href, uri=self.uri, kits=KITS, assessment_of=self.assessment_of, effect_chart=effect_chart,
            runs=origin.runs, item_runs=origin.item_runs, origin_id=origin_id, today=self.today,
            sections=SECTIONS, serves=SERVES, **values)


def origin_id(o) -> str:
    """What data-origin says of a block: "guide" or the source's id."""
    return o if o == origin.GUIDE else text.html(o["source"])


def effect_chart(dims: list[dict]) -> dict | None:
    """Bars for the effect sizes (widths in % of the largest, or of 1 if all are smaller), the
    largest, and how many times the next one it is. Safe for any numbers the schema admits."""
    if not dims:
        return None
    values = [d["effect_size"]["value"] for d in dims]
    scale = max(values + [1])
    ranked = sorted(dims, key=lambda d: -d["effect_size"]["value"])
    best = ranked[0]["effect_size"]["value"]
    second = ranked[1]["effect_size"]["value"] if len(ranked) > 1 else 0
    return {"rows": [(d, round(v / scale * 100, 1)) for d, v in zip(dims, values)],
            "best": ranked[0], "times": round(best / second, 1) if second > 0 else None}


def _links(items: dict) -> dict:
    """Lists computed from the links in the content, never kept by hand."""
    actions, areas = items.get("action", []), items.get("area", [])
    of_area = {a["id"]: [x for x in actions if x["area"] == a["id"]] for a in areas}
    serving = {}  # kind -> id -> [(area, [actions])], for every kind an action can serve
    for kind, key in SERVES.items():
        serving[kind] = {}
        for target in items.get(kind, []):
            groups = [(area, [x for x in of_area[area["id"]] if target["id"] in x.get(key, [])])
                      for area in areas]
            serving[kind][target["id"]] = [(area, group) for area, group in groups if group]
    cited = {}  # source id -> [(kind, entity)] that cite it
    for kind, entities in items.items():
        for entity in entities:
            for source in entity.get("sources", []):
                cited.setdefault(source, []).append((kind, entity))
    touched = {a["id"]: [d for d in items.get("dimension", [])
                         if any(d["id"] in x["dimensions"] for x in of_area[a["id"]])]
               for a in areas}
    return {"actions_of_area": of_area, "actions_serving": serving,
            "dimensions_of_area": touched, "cited_by": cited}


def _environment(language: dict) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      extensions=["jinja2.ext.do"],
                      bytecode_cache=FileSystemBytecodeCache(),   # compiled once, kept
                      autoescape=False, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        md=text.md, paragraphs=text.paragraphs, html=text.html, fill=text.fill, address=text.url,
        inline=text.inline_html,
        front_matter=text.front_matter_text,
        num=lambda v: text.number(v, language["decimal_mark"]),
        num1=lambda v: f"{v:.1f}".replace(".", language["decimal_mark"]),
        day=lambda v: text.day(v, language["date_format"]),
        in_language=lambda v, code: text.in_language(v, code, language["code"]),
        reference=lambda source: text.in_language(source["reference"],
                                                  source.get("language"), language["code"]))
    return env


def render_root(content: Content) -> dict[str, str]:
    """The site root: a page linking to each language, with its script and styles."""
    env = Environment(loader=FileSystemLoader(TEMPLATES / "root"), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    codes = set(content.all_language_codes)
    languages = [dict(x, ui=localize(content.ui, codes, x["code"])) for x in content.languages]
    page = env.get_template("index.html.jinja").render(languages=languages, csp=csp.POLICY)
    return {"index.html": page, **{name: (TEMPLATES / "root" / name).read_text("utf-8")
                                   for name in ("root.css", "root.js")}}
