"""Render content as Markdown pages and snippets for one language, from Jinja templates."""

import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from guide import text
from guide.model import Content

TEMPLATES = Path(__file__).parent / "templates"

# Where each kind of entity is shown: its own page, or an anchor on a section page.
PAGES = {"dimension": "dimensions/{id}.md", "capability": "capabilities.md#{id}"}
SECTIONS = {"dimension": "dimensions/index.md", "capability": "capabilities.md"}


def localize(value, codes: set, lang: str):
    """Replace every {nb: ..., sv: ...} text by its text in `lang`."""
    if isinstance(value, dict):
        if value and set(value) <= codes and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return {k: localize(v, codes, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [localize(v, codes, lang) for v in value]
    return value


class Renderer:
    """All pages and snippets of one language."""

    def __init__(self, content: Content, lang: str):
        self.content, self.lang = content, lang
        self.language = next(x for x in content.languages if x["code"] == lang)
        codes = set(content.language_codes)
        self.ui = localize(content.ui, codes, lang)
        self.sources = localize(content.sources, codes, lang)
        self.items = {kind: [localize(e.data, codes, lang) for e in entities]
                      for kind, entities in content.entities.items()}
        self.env = _environment(self.language)

    def pages(self) -> list[tuple[str, str]]:
        """(src_uri, Markdown) of every generated page."""
        dims = self.items["dimension"]
        return [(self.uri("dimension", d["id"]),
                 self._render("dimension.md.jinja", self.uri("dimension", d["id"]), d=d,
                              previous=dims[i - 1] if i else None,
                              next=dims[i + 1] if i + 1 < len(dims) else None))
                for i, d in enumerate(dims)]

    def snippet(self, name: str, page_uri: str) -> str:
        """Markdown for a hand-written page's macro, such as `dimension_overview`."""
        return self._render(f"{name}.md.jinja", page_uri)

    def uri(self, kind: str, entity_id: str) -> str:
        return PAGES[kind].format(id=entity_id)

    def _render(self, template: str, page_uri: str, **values) -> str:
        def link(target: str) -> str:
            path, _, anchor = target.partition("#")
            rel = posixpath.relpath(path, posixpath.dirname(page_uri) or ".")
            return rel + (f"#{anchor}" if anchor else "")

        return self.env.get_template(template).render(
            ui=self.ui, items=self.items, sources=self.sources, lang=self.language,
            link=link, uri=self.uri, sections=SECTIONS, **values)


def _environment(language: dict) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        md=text.md, paragraphs=text.paragraphs, html=text.html, fill=text.fill,
        front_matter=text.front_matter_text,
        num=lambda v: text.number(v, language["decimal_mark"]),
        num1=lambda v: f"{v:.1f}".replace(".", language["decimal_mark"]),
        day=lambda v: text.day(v, language["date_format"]))
    return env


def render_root(content: Content) -> dict[str, str]:
    """The site root: a page linking to each language, with its script and styles."""
    env = Environment(loader=FileSystemLoader(TEMPLATES / "root"), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True)
    codes = set(content.language_codes)
    languages = [dict(x, ui=localize(content.ui, codes, x["code"])) for x in content.languages]
    page = env.get_template("index.html.jinja").render(languages=languages)
    return {"index.html": page, **{name: (TEMPLATES / "root" / name).read_text("utf-8")
                                   for name in ("root.css", "root.js")}}
