"""One vocabulary per language (content/glossary.yaml): the lint that reports avoided forms, and
the links that send a page's first use of each term to the glossary.

The lint is an error, not a warning: an avoided form is a decision already taken (the glossary
says what to write instead), and the message names the preferred term. The source's own words
are exempt: a text that quotes a source written in its language may use any word.
"""

import re

from guide import text
from guide.problems import Problem
from guide.yamlfile import YamlFile

# Files whose texts are not the guide's prose: the glossary names the forms it forbids, and
# references are bibliographic data.
NOT_LINTED = {"glossary.yaml", "languages.yaml", "redirects.yaml"}
NOT_LINTED_FIELDS = {"reference", "short", "locator", "url", "cite", "keywords"}
# Letters an avoided form needs before a trailing *: "a*" would take every word with an a first.
MIN_STEM = 4


def pattern(phrase: str) -> str:
    """A phrase as a word-bounded, case-insensitive pattern; a trailing * takes any ending."""
    return rf"(?<![\w-]){_core(phrase)}(?![\w-])"


def any_of(phrases: list[str]) -> str:
    """One pattern for several phrases, tried in the order given; word bounds checked once
    (one lookbehind per position, not one per phrase: the pattern runs over every text)."""
    return rf"(?<![\w-])(?:{'|'.join(_core(p) for p in phrases)})(?![\w-])"


def _core(phrase: str) -> str:
    words = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
    return words + (r"\w*" if phrase.endswith("*") else "")


# -----------------------------------------------------------------------------
# The lint
# -----------------------------------------------------------------------------

def rules(glossary: list, lang: str) -> list[tuple[re.Pattern, str, dict]]:
    """(pattern, avoided phrase, term) for every form a language avoids."""
    return [(re.compile(pattern(phrase), re.IGNORECASE), phrase, term)
            for term in glossary for phrase in term.get("avoid", {}).get(lang, [])]


def lint(docs, glossary: list, languages: dict, sources: dict) -> list[Problem]:
    """A problem for every avoided form in a text of its language (all files but NOT_LINTED)."""
    checks = {lang: rules(glossary, lang) for lang in languages}
    # One pass over a text finds whether any avoided form is in it; most texts have none.
    anywhere = {lang: re.compile(any_of([p for _, p, _ in checks[lang]]), re.IGNORECASE)
                for lang in languages if checks[lang]}
    found = []
    for doc in docs:
        if doc.data is None or doc.path.rsplit("/", 1)[-1] in NOT_LINTED:
            continue
        for path, value, lang in _texts(doc.data, (), languages):
            for paragraph, quoted in _paragraphs(doc.data, path, value, lang, sources):
                if quoted or lang not in anywhere or not anywhere[lang].search(paragraph):
                    continue
                for regex, phrase, term in checks[lang]:
                    if match := regex.search(paragraph):
                        found.append(Problem(doc.path, *doc.value_where(path), _message(
                            match.group(), term, lang, languages)))
    return found


def lint_page(path: str, markdown: str, glossary: list, lang: str,
              languages: dict) -> list[Problem]:
    """The same for a hand-written page, with the exact line and column."""
    found = []
    # Front matter and macro calls are not prose: blank them out, keeping every position.
    markdown = re.sub(r"\A---\n.*?\n---\n|\{\{.*?\}\}|\{%.*?%\}",
                      lambda m: re.sub(r"[^\n]", " ", m.group()), markdown, flags=re.DOTALL)
    for regex, phrase, term in rules(glossary, lang):
        for match in regex.finditer(markdown):
            line = markdown.count("\n", 0, match.start()) + 1
            col = match.start() - markdown.rfind("\n", 0, match.start())
            found.append(Problem(path, line, col, _message(match.group(), term, lang, languages)))
    return found


def _message(found: str, term: dict, lang: str, languages: dict) -> str:
    found = " ".join(found.split())
    return (f"«{found}» is a form the glossary avoids in {languages[lang]} ({lang}): write "
            f"«{term['term'][lang]}» (glossary: {term['id']})")


def _texts(data, path, languages):
    """(path, text, language) of every text in one language."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NOT_LINTED_FIELDS or key == "origin":
                continue
            if isinstance(value, str) and key in languages:
                yield path + (key,), value, key
            else:
                yield from _texts(value, path + (key,), languages)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, path + (i,), languages)


def _paragraphs(data, path: tuple, value: str, lang: str, sources: dict):
    """(paragraph, is it the words of a source in this language?) of a text."""
    origin = _origin_at(data, path[:-1])
    parts = re.split(r"\n\s*\n", value) if isinstance(origin, list) else [value]
    origins = origin if isinstance(origin, list) and len(origin) == len(parts) else \
        [origin] * len(parts)
    for part, this in zip(parts, origins, strict=True):
        quoted = isinstance(this, dict) and this.get("use") == "quote" and \
            sources.get(this["source"], {}).get("written_in") == lang
        yield part, quoted


def _origin_at(data, path: tuple):
    """The resolved origin of the text at `path` (a field, or an item of a list field)."""
    owner, field, index = None, None, None
    node = data
    for i, key in enumerate(path):
        if isinstance(node, dict) and isinstance(node.get("origin"), dict) and \
                key in node["origin"]:
            owner, field = node, key
            index = path[i + 1] if i + 1 < len(path) and isinstance(path[i + 1], int) else None
        node = node[key] if isinstance(node, dict | list) else None
    if owner is None:
        return None
    origin = owner["origin"][field]
    if isinstance(origin, list) and index is not None and index < len(origin):
        return origin[index]   # one origin per item of a list
    return origin


# -----------------------------------------------------------------------------
# Links from a page's first use of a term to the glossary
# -----------------------------------------------------------------------------

class Linker:
    """Turns plain text into Markdown, linking the first use of each term on one page."""

    def __init__(self, glossary: list, lang: str, href: str):
        forms = {}
        for term in glossary:
            for form in [term["term"][lang], *term.get("forms", {}).get(lang, [])]:
                forms.setdefault(form.lower(), term["id"])
        ordered = sorted(forms, key=len, reverse=True)   # the longest form wins
        self.pattern = re.compile(any_of(ordered), re.IGNORECASE) if ordered else None
        self.forms, self.href, self.seen = forms, href, set()

    def line(self, value: str) -> str:
        """One line (or paragraph joined to one line) of plain text as Markdown."""
        value = " ".join(str(value).split())
        if self.pattern is None or text.FOREIGN.search(value):   # no links into other languages
            return text.md(value)
        out, pos = [], 0
        for match in self.pattern.finditer(value):
            term_id = self.forms.get(" ".join(match.group().lower().split()))
            if term_id is None or term_id in self.seen:
                continue
            self.seen.add(term_id)
            out.append(text.md_part(value[pos:match.start()]))
            out.append(f"[{text.md(match.group())}]({self.href}#{term_id}){{: .guide-term }}")
            pos = match.end()
        out.append(text.md_part(value[pos:]))
        return "".join(out)

    def paragraphs(self, value: str) -> str:
        blocks = re.split(r"\n\s*\n", str(value).strip())
        return "\n\n".join(self.line(block) for block in blocks if block.strip())


def check(doc: YamlFile) -> None:
    """Within the glossary: every term once, each form or avoided form of one term only, and
    no avoided form that would report the words the glossary prefers (or half the language)."""
    seen_ids, owner = set(), {}
    refused = _avoided_problems(doc)   # at most one problem per phrase
    for i, term in enumerate(doc.data):
        if term["id"] in seen_ids:
            doc.problem(*doc.value_where((i, "id")), f"the term `{term['id']}` is listed twice")
        seen_ids.add(term["id"])
        for kind in ("forms", "avoid"):
            for lang, phrases in term.get(kind, {}).items():
                for j, phrase in enumerate(phrases):
                    key = (lang, phrase.lower().rstrip("*"))
                    where = doc.value_where((i, kind, lang, j))
                    if (i, kind, lang, j) in refused:
                        doc.problem(*where, refused[i, kind, lang, j])
                    elif key in owner and owner[key] != term["id"]:
                        doc.problem(*where, f"«{phrase}» belongs to the term `{owner[key]}` "
                                    "already: list it under one term")
                    owner.setdefault(key, term["id"])


def _avoided_problems(doc: YamlFile) -> dict[tuple, str]:
    """{path of an avoided form: why it cannot be one}: too short before its *, or it matches
    a form the glossary prefers, so that every use of the right word would be an error."""
    found = {}
    for lang in {lang for term in doc.data for lang in term.get("avoid", {})}:
        avoided = [((i, "avoid", lang, j), phrase) for i, term in enumerate(doc.data)
                   for j, phrase in enumerate(term.get("avoid", {}).get(lang, []))]
        if not avoided:
            continue
        for path, phrase in avoided:
            stem = phrase.rstrip("*")
            if phrase.endswith("*") and len(stem) < MIN_STEM:
                found[path] = (f"«{phrase}» would take every word that starts with «{stem}»: "
                               f"write at least {MIN_STEM} letters before the *")
        anywhere = re.compile(any_of([p for _, p in avoided]), re.IGNORECASE)
        for term in doc.data:
            for form in _preferred(term, lang):
                if not anywhere.search(form):   # one pass for most forms
                    continue
                for path, phrase in avoided:
                    if path not in found and re.search(pattern(phrase), form, re.IGNORECASE):
                        found[path] = (f"«{phrase}» matches «{form}», a form the glossary "
                                       f"prefers (term `{term['id']}`), so every «{form}» in "
                                       "the texts would be reported: remove it from `avoid`, "
                                       "or write the form to avoid more exactly")
    return found


def _preferred(term: dict, lang: str) -> list[str]:
    """The term and its other forms in one language: the words a text should use."""
    return [form for form in [term["term"].get(lang), *term.get("forms", {}).get(lang, [])]
            if isinstance(form, str)]
