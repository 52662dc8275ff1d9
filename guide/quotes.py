"""The quotation check: a text labelled as a source's words must be the source's words.

A source in content/sources.yaml may name a text file of its words (`text`), in the folder of
source texts. Every quote, translation and adaptation from it keeps the source's words (the text
in the source's language, or `original`), and they are looked up in that file (guide/sourcetext);
so are the titles in each locator. Text labelled as the guide's own, a paraphrase or a summary
must not copy a long run of a source's words. Each origin is given the source's words it stands
for (`original`), so that pages in another language can show them.
"""

import os
from pathlib import Path

from guide import origin as origins
from guide.problems import Problem
from guide.sourcetext import SourceText, missing_readings, plain_word, words

ENV = "GUIDE_SOURCE_TEXTS"
MAX_BYTES = 2 * 1024 * 1024
WORDS_IN_A_ROW = 10   # this many of a source's words in a row are a quotation, not paraphrase
NEEDS_ORIGINAL = ("translation", "adaptation")
SOURCE_WORDS = ("quote", "translation", "adaptation")
TITLES = ("slide", "area", "section", "figure", "under", "after")
LANGUAGE_NAMES = {"nb": "Norwegian", "sv": "Swedish", "en": "English", "nn": "Nynorsk"}


def folder(project: Path) -> Path | None:
    """The folder of source texts: $GUIDE_SOURCE_TEXTS, or ../shared/sources beside the project
    when it exists (a copy of the sources is not part of the repository)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    default = Path(project).resolve().parent / "shared" / "sources"
    return default if default.is_dir() else None


def read_texts(sources: dict, doc, where: Path | None) -> tuple[dict, list[Problem]]:
    """{source id: SourceText} for the sources whose text file is in the folder."""
    problems, texts = [], {}
    if where is None:
        return texts, problems
    if not where.is_dir():
        return texts, [Problem(doc.path, 1, 1, f"{ENV} names `{where}`, which is not a folder: "
                               "set it to the folder of the sources' text files")]
    for i, source in enumerate(sources.values()):
        spec = source.get("text")
        if not spec:
            continue
        file = where / spec["file"]
        at = doc.value_where((i, "text", "file"))
        if not file.is_file() or file.is_symlink():
            problems.append(Problem(doc.path, *at, f"the text of `{source['id']}` "
                                    f"({spec['file']}) is not in the folder of source texts "
                                    f"({where}): add it there, or correct the name"))
            continue
        raw = file.read_bytes()[:MAX_BYTES].decode("utf-8", errors="replace")
        readings = [(r["passage"], r["reads"]) for r in spec.get("readings", [])]
        for j in missing_readings(raw, readings):
            problems.append(Problem(doc.path, *doc.value_where((i, "text", "readings", j,
                                                                "passage")),
                                    f"{spec['file']} has no such passage: copy it exactly as "
                                    "the file has it (line breaks may differ), or remove the "
                                    "reading"))
        texts[source["id"]] = SourceText(raw, spec.get("ocr", {}), readings)
    return texts, problems


class Check:
    """Checks the origins of entries against the sources' texts."""

    def __init__(self, sources: dict, texts: dict):
        self.sources, self.texts = sources, texts
        self.problems: list[Problem] = []
        self.unchecked: dict[str, int] = {}   # source id -> quotations it has no text for
        self._draft = False
        self._grams = {sid: _grams(t) for sid, t in texts.items()}

    def entry(self, data, doc, cited: list, draft: bool = False) -> None:
        """Every origin in an entry's data (resolved), and every text labelled as the guide's.
        A draft may lack a language: its quotations are checked where their words are there."""
        self._draft = draft
        self._walk(data, doc, (), cited)

    def _walk(self, data, doc, path: tuple, cited: list) -> None:
        if isinstance(data, dict):
            for name, o in data.get("origin", {}).items():
                if name in data:
                    self._field(data[name], o, doc, path + (name,), path + ("origin", name),
                                cited)
            for key, value in data.items():
                if key != "origin":
                    self._walk(value, doc, path + (key,), cited)
        elif isinstance(data, list):
            for i, value in enumerate(data):
                self._walk(value, doc, path + (i,), cited)

    def _field(self, value, o, doc, path: tuple, opath: tuple, cited: list) -> None:
        many = isinstance(o, list)
        for i, one in enumerate(o if many else [o]):
            at = path + ((i,) if many and isinstance(value, list) else ())
            unit = (f" (paragraph {i + 1})" if many and not isinstance(value, list) else "")
            part = _part(value, i if many else None)
            where = opath + ((i,) if many else ())
            if one == origins.GUIDE or one.get("use") in ("paraphrase", "summary"):
                self._own_words(part, one, doc, at, unit, cited)
            if one != origins.GUIDE and one.get("source") in self.sources:
                self._source(part, one, doc, at, where, unit)

    def _source(self, part, o, doc, at: tuple, where: tuple, unit: str) -> None:
        lang = self.sources[o["source"]]["written_in"]
        read_in = o.get("via", o["source"])
        text = self.texts.get(read_in)
        self._locator(o, doc, where, text, read_in)
        if o["use"] not in SOURCE_WORDS:
            return
        own = _in_language(part, lang)
        if o["use"] == "translation" and own is not None:
            self._problem(doc, at + ((lang,) if isinstance(part, dict) else ()),
                          f"the {_name(lang)} text{unit} is in the language of "
                          f"`{o['source']}`, so it is not a translation: label it `use: quote` "
                          "if it is the source's words")
            return
        given = "original" in o
        if not given and own is None and self._draft:
            return
        if not given and (o["use"] in NEEDS_ORIGINAL or own is None):
            what = {"translation": "translated", "adaptation": "adapted"}.get(o["use"], "quoted")
            self._problem(doc, where, f"the text{unit} is {what} from `{o['source']}`: add "
                          f"`original` with the source's own words ({_name(lang)}), so that "
                          "they can be checked and shown to readers")
            return
        said = o["original"] if given else own
        o["original"] = said   # what pages in other languages show on request
        if text is None:
            self.unchecked[read_in] = self.unchecked.get(read_in, 0) + 1
            return
        many = isinstance(said, list)

        def position(n: int) -> tuple:
            if given:
                return where + ("original",) + ((n,) if many else ())
            return at + ((n,) if many else ()) + ((lang,) if not isinstance(part, str) else ())
        whose = f"`{o['source']}`" + (f" as `{read_in}` gives them" if "via" in o else "")
        self._words(said, text, whose, doc, position, unit, lang, not _is_table(part))

    def _words(self, said, text, whose: str, doc, position, unit: str, lang: str,
               ordered: bool = True) -> None:
        items = said if isinstance(said, list) else [said]
        after = 0
        for n, item in enumerate(items):
            found = text.find(item, after if ordered else 0)
            label = unit or (f" (item {n + 1})" if len(items) > 1 else "")
            if found is None and text.find(item) is not None:
                self._problem(doc, position(n), f"the {_name(lang)} text{label} is in "
                              f"the words of {whose}, but before the item above it: keep the "
                              "source's order")
            elif found is None:
                self._problem(doc, position(n), f"the {_name(lang)} text{label} is labelled as "
                              f"the words of {whose}, but the text does not have them. The "
                              f"closest passage: «{text.closest(item)}». Quote the source "
                              "exactly (mark left-out text with … and your own words with [ ]), "
                              "or label the text `use: adaptation` (with `original`) or "
                              "`use: paraphrase`")
            else:
                after = found[1]

    def _locator(self, o, doc, where: tuple, text, read_in: str) -> None:
        locator = o.get("locator") or {}
        if text is None:
            return
        titles = [(k, locator[k]) for k in TITLES if k in locator]
        titles += [("slides", t) for t in locator.get("slides", [])]
        for key, title in titles:
            if text.find(title) is None:
                self._problem(doc, where + ("locator", key), f"`{read_in}` has no {key} "
                              f"titled «{title}». The closest passage: «{text.closest(title)}»: "
                              "write the title as the source does")

    def _own_words(self, part, o, doc, at: tuple, unit: str, cited: list) -> None:
        """Text in the guide's words must not be a source's words."""
        sources = cited if o == origins.GUIDE else [o["source"], o.get("via", o["source"])]
        for sid in dict.fromkeys(sources):
            source, grams = self.sources.get(sid), self._grams.get(sid)
            lang = source["written_in"] if source else ""
            own = _in_language(part, lang) if source and grams else None
            for n, text in enumerate(own if isinstance(own, list) else [own] if own else []):
                run = _shared_run(text, grams)
                if run:
                    label = "the guide's own" if o == origins.GUIDE else f"a {o['use']}"
                    where = at + ((n,) if isinstance(own, list) else ()) + (
                        (lang,) if not isinstance(part, str) else ())
                    self._problem(doc, where, f"the {_name(source['written_in'])} text{unit} is "
                                  f"labelled {label}, but «{run}» is word for word from "
                                  f"`{sid}`: label it `use: quote` (with a `locator`) or write "
                                  "it in the guide's own words")
                    return

    def _problem(self, doc, path: tuple, message: str) -> None:
        self.problems.append(Problem(doc.path, *doc.where(path), message))

    def warnings(self, doc, ids: list) -> list[Problem]:
        """One warning per source with quotations that cannot be checked."""
        return [Problem(doc.path, *doc.where((ids.index(sid), "id")), f"warning: {n} "
                        f"quotation{'s' if n != 1 else ''} from `{sid}` cannot be checked: the "
                        "folder of source texts has no text of it (see `text`)")
                for sid, n in sorted(self.unchecked.items())]


def _part(value, i: int | None):
    """The whole value, or its i-th paragraph (per language) or item."""
    if i is None:
        return value
    if isinstance(value, list):
        return value[i] if i < len(value) else None
    if isinstance(value, dict):
        return {k: _nth(origins.paragraphs(v), i) for k, v in value.items() if isinstance(v, str)}
    return _nth(origins.paragraphs(value), i)


def _nth(items: list, i: int):
    return items[i] if i < len(items) else ""


def _in_language(value, lang: str):
    """A value's text (or list of texts) in `lang`: a plain string counts as any language; a
    table gives its cells, row by row."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "language" in value and "text" in value:   # a quotation
        return value["text"] if value["language"] == lang else None
    if isinstance(value, dict) and _is_table(value):
        cells = _in_language([v for v in value.values() if isinstance(v, list)], lang)
        return None if cells is None else _flat(cells)
    if isinstance(value, dict):
        return value.get(lang)
    if isinstance(value, list):
        found = [_in_language(v, lang) for v in value]
        return None if any(f is None for f in found) else found
    return None


def _is_table(value) -> bool:
    return isinstance(value, dict) and any(isinstance(v, list) for v in value.values())


def _flat(value) -> list:
    return [x for v in value for x in (_flat(v) if isinstance(v, list) else [v])]


def _name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, f"`{lang}`")


def _grams(text: SourceText) -> set:
    plain = [plain_word(w.lower()) for w in text.words]
    return {tuple(plain[i:i + WORDS_IN_A_ROW]) for i in range(len(plain) - WORDS_IN_A_ROW + 1)}


def _shared_run(text: str, grams: set) -> str:
    said = words(text)
    mine = [plain_word(w) for w in said]
    for i in range(len(mine) - WORDS_IN_A_ROW + 1):
        if tuple(mine[i:i + WORDS_IN_A_ROW]) in grams:
            return " ".join(said[i:i + WORDS_IN_A_ROW]) + " …"
    return ""
