"""The one way out: every value from content reaches Markdown, HTML, URLs, JSON, logs and CI
annotations through these functions. Content is data: it is never markup.

(The assessment's CSV export is written in the browser: its one cell function is in
overrides/assets/javascripts/guide-assessment.js.)
"""

import json
import re
from datetime import date
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

# Words in another language than the text's, as content writes them: {nb: Snakk om skolefravær}.
# The words show (not only spaces) and stay in one paragraph: no blank line inside the braces.
FOREIGN = re.compile(r"\{([a-z]{2,3}): (?![^{}]*\n[^\S\n]*\n)\s*([^{}\s][^{}]*)\}")
# Characters Python-Markdown (with tables) honours a backslash escape for.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
# Characters that would change what a log line or terminal shows: controls, line separators,
# bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters left as they are in a URL (everything else is percent-encoded; no quotes, no <>).
_URL_SAFE = ":/?#[]@!$&*+,;=%~"
# A host as a reader would type it: ASCII letters, digits, dots and hyphens, maybe a port. No
# user name or password before it (https://skolverket.se:pw@evil.example/ leads to evil.example).
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?")
# A {name} an interface text leaves for the page to fill in.
_SLOT = re.compile(r"\{([a-z_]+)\}")


# -----------------------------------------------------------------------------
# Markdown and HTML
# -----------------------------------------------------------------------------

def md(text: str) -> str:
    """One line of plain text as Markdown that renders to exactly that text."""
    return md_part(" ".join(str(text).split()))


def md_part(text: str) -> str:
    """Part of a line as Markdown: like md(), but a space at either end stays (parts are joined
    around links). Words in another language, written {sv: ...}, carry their lang."""
    out = []
    for code, part in segments(re.sub(r"\s+", " ", str(text))):
        part = _MD_SPECIAL.sub(r"\\\1", part).replace("&", "&amp;").replace("<", "&lt;")
        out.append(part if code is None else f'<span lang="{code}">{part}</span>')
    return "".join(out)


def segments(text: str) -> list[tuple[str | None, str]]:
    """(language or None for the text's own, part) of a text with {code: words} in it."""
    found, pos = [], 0
    for match in FOREIGN.finditer(text):
        if match.start() > pos:
            found.append((None, text[pos:match.start()]))
        found.append((match.group(1), match.group(2)))
        pos = match.end()
    if pos < len(text):
        found.append((None, text[pos:]))
    return found


def paragraphs(text: str) -> str:
    """Plain text with blank-line-separated paragraphs as Markdown paragraphs."""
    blocks = re.split(r"\n\s*\n", str(text).strip())
    return "\n\n".join(md(block) for block in blocks if block.strip())


def html(text: str) -> str:
    """Text for HTML (an element's text or an attribute); {code: words} become the words."""
    return str(escape(" ".join(FOREIGN.sub(r"\2", str(text)).split())))


def inline_html(text: str) -> str:
    """Text as the content of an HTML element, words in another language in their lang."""
    return "".join(str(escape(part)) if code is None else
                   f'<span lang="{code}">{escape(part)}</span>'
                   for code, part in segments(" ".join(str(text).split())))


def theme(text: str) -> Markup:
    """Text for a value the theme prints itself (`config.site_name`, an alternate's name ...).

    Escaped once and marked safe: printed raw it shows as text, and `| e` leaves it as it is."""
    return Markup(html(text))


def front_matter_text(text: str) -> str:
    """A YAML front matter value holding HTML-escaped text, as MkDocs expects page titles."""
    return json.dumps(html(text), ensure_ascii=False)


def in_language(text: str, code: str | None, page_language: str) -> str:
    """Markdown for text in another language than the page's, marked with its lang (WCAG 3.1.2)."""
    if not code or code == page_language:
        return md(text)
    return f'<span lang="{escape(code)}">{md(text)}</span>'


# -----------------------------------------------------------------------------
# URLs, JSON, logs and annotations
# -----------------------------------------------------------------------------

def url(value: str) -> str:
    """A URL or path with every character outside the URL syntax percent-encoded."""
    return quote(str(value), safe=_URL_SAFE)


def url_path(value: str) -> str:
    """A path inside a URL (a branch, a file in the repository): every character but `/`
    percent-encoded, so that `?`, `#` or `%` in it cannot end the path or change it."""
    return quote(str(value), safe="/")


def web_address(value: str) -> str | None:
    """`value` as an http(s) address the pages may print, or None if it is not one (or if it
    holds a user name or password, or a host written in anything but plain letters)."""
    parts = urlsplit(str(value).strip())
    if parts.scheme not in ("http", "https") or not _HOST.fullmatch(parts.netloc) or \
            parts.query or parts.fragment or _UNPRINTABLE.search(value):
        return None
    return url(f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/"))


def one_line(value: str) -> bool:
    """True if the text shows as one line: no line break, control character or direction
    override (a value written into one line of a file or a message)."""
    return not _UNPRINTABLE.search(str(value))


def json_text(value, indent=None) -> str:
    """JSON that is valid everywhere: no NaN or Infinity, and no <, >, & or line separators
    raw, so it stays inert even inside HTML."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def log(text: str) -> str:
    """A value for one line of a terminal or log: invisible and line-breaking characters shown
    as escapes, so content cannot forge or hide lines."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def shorten(value, limit: int = 60) -> str:
    """A value quoted in a message: at most `limit` characters."""
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def annotation(text: str, prop: bool = False) -> str:
    """A GitHub Actions workflow-command value: data escapes %, CR and LF; a property (file=...)
    also , and :."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


# -----------------------------------------------------------------------------
# Numbers, dates and interface texts
# -----------------------------------------------------------------------------

def number(value: float, mark: str) -> str:
    return f"{value:.2f}".replace(".", mark)


def fill(template: str, **values: str) -> str:
    """Replace {name} placeholders in an interface text (no format-string evaluation). One pass:
    a value that holds `{name}` itself (a file called «{reason}.json») stays as it is."""
    return _SLOT.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(),
                     template)


def day(iso: str, pattern: str) -> str:
    """A date as the language writes it; the year always with four digits (0001, not 1)."""
    value = date.fromisoformat(iso)
    pattern = re.sub(r"%.", lambda m: f"{value.year:04d}" if m.group() == "%Y" else m.group(),
                     pattern)
    return value.strftime(pattern)
