"""Search: what each page gives the index, Pagefind's index of a built language, and the word list
the search worker uses to match what readers type (overrides/assets/javascripts/workers/).

Pages mark their main text with data-pagefind-body (overrides/main.html); pages without it (the
print view, reflection cards, worksheets, the self-assessments) are not indexed. `rank` scales a
page's score: aggregates (overviews, home, references) come after the pages they list.
"""

import gzip
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from guide.outputs import PAGE_ANCHORS, PAGES, entity_uri

OUTPUT = "pagefind"                 # site/<lang>/pagefind/
# Pagefind's own interfaces: the guide uses its API from Material's dialog instead.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")
WORDS = "guide-words.json"         # beside Pagefind's files
# Pages not indexed: they repeat the pages they are made of (the self-assessments repeat the
# statements with an answer scale each; their overview, assess/index.md, is indexed).
NOT_INDEXED = ("print.md", "reflection.md", "worksheets/", "assess/")
INDEXED_ANYWAY = ("assess/index.md",)
# Aggregates: listed after the pages they list. A part's own page (actions/index.md ...) and the
# glossary come between.
AGGREGATES = ("index.md", "matrix/index.md", "matrix/dimensions.md", "matrix/plc.md",
              "matrix/attendance.md", "references.md", "whats-new.md", "accessibility.md")
AGGREGATE_RANK = 0.5
PART_RANK = 0.8
# Elements whose text the index leaves out: permalinks, origin notes, review dates.
EXCLUDE = (".headerlink", ".guide-origin__note", ".guide-review", ".guide-overdue",
           ".guide-pager", ".guide-filter")
MIN_WORD = 3
CELL_END = re.compile(r"</t[dh]>")


def page_search(src_uri: str, kinds: dict[str, str], ui: dict) -> dict | None:
    """What the page gives the index: {"kind": label, "rank": number}, or None (not indexed)."""
    if src_uri.startswith(NOT_INDEXED) and src_uri not in INDEXED_ANYWAY:
        return None
    if src_uri in kinds:
        return {"kind": ui[f"search_kind_{kinds[src_uri].replace('-', '_')}"], "rank": 1}
    if src_uri in AGGREGATES:
        return {"kind": ui["search_kind_overview"], "rank": AGGREGATE_RANK}
    if src_uri == PAGE_ANCHORS["term"]:
        return {"kind": ui["search_kind_glossary"], "rank": PART_RANK}
    if src_uri.endswith("/index.md"):
        return {"kind": ui["search_kind_overview"], "rank": PART_RANK}
    return {"kind": ui["search_kind_page"], "rank": 1}


def page_kinds(renderer) -> dict[str, str]:
    """Source path of each generated entity page -> its kind (kinds with a page of their own)."""
    return {entity_uri(e): kind for kind, entities in renderer.content.entities.items()
            if "#" not in PAGES[kind] for e in entities}


def index(site_dir: Path, glossary: list, lang: str, other: list[str],
          stop_words: list[str] = ()) -> None:
    """Pagefind's index of one built language, and the word list beside it."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir",
               OUTPUT, "--exclude-selectors", ", ".join(EXCLUDE), "--quiet"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode:
        raise RuntimeError(f"Pagefind could not index {site_dir}:\n{run.stdout}{run.stderr}")
    for name in UNUSED:
        (site_dir / OUTPUT / name).unlink(missing_ok=True)
    words = indexed_words(site_dir / OUTPUT)
    data = {"words": [[w, n] for w, n in sorted(words.items())],
            "synonyms": synonyms(glossary, lang, other), "stop": sorted(set(stop_words))}
    (site_dir / OUTPUT / WORDS).write_text(json.dumps(data, ensure_ascii=False,
                                                      separators=(",", ":")), "utf-8")


def spaced_cells(html: str) -> str:
    """Table cells end with a space, so that Pagefind keeps their words apart."""
    return CELL_END.sub(r" \g<0>", html)


def key(word: str) -> str:
    """The same key for a word with and without å ä ö æ ø (or written aa, ae, oe).
    The search worker's `key` does the same."""
    word = word.lower()
    for old, new in (("æ", "a"), ("ä", "a"), ("ø", "o"), ("ö", "o"), ("å", "a")):
        word = word.replace(old, new)
    word = "".join(c for c in unicodedata.normalize("NFD", word)
                   if unicodedata.category(c) != "Mn")
    return word.replace("ae", "a").replace("oe", "o").replace("aa", "a")


def synonyms(glossary: list, lang: str, other: list[str]) -> dict[str, list[str]]:
    """Words a reader may type -> the glossary term the guide uses: the term's forms to avoid,
    its name in the other language, and its `search` words."""
    found: dict[str, list[str]] = {}
    for term in glossary:
        target = term["term"][lang]
        typed = list(term.get("avoid", {}).get(lang, [])) + list(term.get("search", {}).get(lang, []))
        for code in other:
            typed += [term["term"][code], *term.get("forms", {}).get(code, [])]
        for word in (w.rstrip("*") for w in typed):   # a pattern to avoid: its stem
            if key(word) == key(target):
                continue
            targets = found.setdefault(key(word), [])
            if target not in targets:
                targets.append(target)
    return found


def indexed_words(folder: Path) -> Counter:
    """The words of every indexed page, as Pagefind stored them (its fragments: gzip, a marker,
    then JSON with the page's text)."""
    words = Counter()
    for path in (folder / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        text = json.loads(data)["content"]
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", text) if len(w) >= MIN_WORD)
    return words
