"""Content text is plain text: checked for what an editor would not mean to write.

These checks give helpful messages; they are not the defence. Every value is escaped on its way
out (guide/text.py), whatever passes here.
"""

import re
import unicodedata

from guide.schemas import describe, field_name
from guide.text import FOREIGN
from guide.yamlfile import YamlFile

PLAIN_FIELDS_EXEMPT = {"url"}
# Languages a text may quote words from, besides the guide's own: {en: ...}, {nn: ...}.
OTHER_LANGUAGES = {"en", "nn", "da", "de", "fr"}
PLACEHOLDER_NAME = re.compile(r"\{[a-z_]+\}")
PLACEHOLDER = "TODO"
# `<` before a letter, `/`, `!` or `?` starts a tag, a comment or a declaration in HTML; and
# character references (&amp; &#38; &#x26;).
HTML = re.compile(r"<[A-Za-z/!?]|&[A-Za-z][A-Za-z0-9]*;|&#[0-9]+;|&#[xX][0-9A-Fa-f]+;")
TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")
# Control characters (but tab and line break), line separators and bidirectional overrides,
# which can make text read differently from what it is ("Trojan Source").
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Braces that look like a mark of words in another language but are not one (see text.FOREIGN).
MARK = re.compile(r"\{([a-z]{2,3}):([^{}]*)\}")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def check_text(doc: YamlFile, what: str, root: dict, languages: dict, markup: bool,
               placeholders: bool = False) -> None:
    """A problem for each text that is a placeholder, holds hidden characters, shows nothing,
    or (unless `markup` is allowed, for tests of the escaping) holds HTML or template syntax.
    Only interface texts (`placeholders`) may name a value the page fills in, as {count}."""
    for path, value in strings(doc.data, ()):
        if path and path[-1] in PLAIN_FIELDS_EXEMPT:
            continue
        if what and len(path) > 1 and path[-1] in languages:
            name = f"the {languages[path[-1]]} ({path[-1]}) " + describe(path[:-1], root)
            where = f"{name} of {what}"
        else:
            where = field_name(path) + (f" of {what}" if what else "")
        message = _message(value, where, markup, languages, placeholders)
        if message:
            doc.problem(*doc.value_where(path), message)


def _message(value: str, where: str, markup: bool, languages: dict,
             placeholders: bool) -> str | None:
    if found := HIDDEN.search(value):
        return (f"{where} contains an invisible character (U+{ord(found.group()):04X}, "
                f"{_name(found.group())}): delete it; it often comes with pasted text")
    if value and not visible(value):
        return f"{where} has only invisible characters: write the text"
    if value.strip().upper().startswith(PLACEHOLDER):
        return f"{where} is still a placeholder: write the text (or remove the field if it " \
               "is optional)"
    if markup:
        return None
    if found := HTML.search(value):
        return (f"{where} contains HTML (`{_tag(value, found.start())}`): write plain text; "
                "the guide shows text exactly as written")
    if found := TEMPLATE.search(value):
        return (f"{where} contains template syntax (`{found.group()}`): write plain text "
                "without {{ }} or {% %}")
    rest = FOREIGN.sub("", value)
    if placeholders:
        rest = PLACEHOLDER_NAME.sub("", rest)
    if "{" in rest or "}" in rest:
        return _braces(rest, where)
    for code in (m.group(1) for m in FOREIGN.finditer(value)):
        if code not in OTHER_LANGUAGES and code not in languages:
            return f"{where} marks words as `{code}`, which is not a language code the guide " \
                   f"knows ({', '.join(sorted(set(languages) | OTHER_LANGUAGES))})"
    return None


def _braces(rest: str, where: str) -> str:
    """What is wrong with braces that are left once the marks of other languages are out."""
    for match in MARK.finditer(rest):
        code, words = match.groups()
        if not visible(words):
            return (f"{where} marks no words as `{code}` ({{{code}: }} is empty): write the "
                    "words inside the braces, or remove the braces")
        if BLANK_LINE.search(words):
            return (f"{where} marks words as `{code}` over a blank line: a mark stays within "
                    f"one paragraph, so close it with }} before the blank line and start a new "
                    f"{{{code}: …}} after it")
    return (f"{where} uses {{ or }}: braces only mark words in another language, as "
            "{sv: ord på svenska} or {nb: ord på norsk}")


def visible(value: str) -> bool:
    """True if the text has a character that shows: not only spaces and format characters
    (zero-width space, soft hyphen, byte order mark ...)."""
    return any(not char.isspace() and unicodedata.category(char) not in ("Cf", "Zs", "Mn")
               for char in value)


def strings(data, path):
    """(path, text) of every string in parsed YAML."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, path + (i,))


def _tag(value: str, start: int) -> str:
    """The tag or reference as written, up to its end or 30 characters."""
    end = min(len(value), start + 30)
    for stop in (">", ";"):
        found = value.find(stop, start, end)
        if found != -1:
            return value[start:found + 1]
    return value[start:end].split()[0] if value[start:end].split() else value[start:end]


def _name(char: str) -> str:
    return unicodedata.name(char, "a control character").lower()
