"""Turn content text into safe Markdown or HTML. Content is data: it is never markup."""

import json
import re
from datetime import date

from markupsafe import escape

# Characters Python-Markdown (with tables) honours a backslash escape for.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def md(text: str) -> str:
    """One line of plain text as Markdown that renders to exactly that text."""
    line = " ".join(str(text).split())
    line = _MD_SPECIAL.sub(r"\\\1", line)
    return line.replace("&", "&amp;").replace("<", "&lt;")


def paragraphs(text: str) -> str:
    """Plain text with blank-line-separated paragraphs as Markdown paragraphs."""
    blocks = re.split(r"\n\s*\n", str(text).strip())
    return "\n\n".join(md(block) for block in blocks if block.strip())


def html(text: str) -> str:
    return str(escape(" ".join(str(text).split())))


def front_matter_text(text: str) -> str:
    """A YAML front matter value holding HTML-escaped text, as MkDocs expects page titles."""
    return json.dumps(html(text), ensure_ascii=False)


def number(value: float, mark: str) -> str:
    return f"{value:.2f}".replace(".", mark)


def fill(template: str, **values: str) -> str:
    """Replace {name} placeholders in an interface text (no format-string evaluation)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def day(iso: str, pattern: str) -> str:
    return date.fromisoformat(iso).strftime(pattern)


def in_language(text: str, code: str | None, page_language: str) -> str:
    """Markdown for text in another language than the page's, marked with its lang (WCAG 3.1.2)."""
    if not code or code == page_language:
        return md(text)
    return f'<span lang="{escape(code)}">{md(text)}</span>'
