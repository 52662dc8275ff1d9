"""The quotation check: a text labelled as a source's words is found in the source's text.

Unit tests of the matching (guide/sourcetext.py), then the check on a copy of the content with one
fixture source (tests/fixtures/quotes/texts/fixture-slides.txt) and fixture pages that quote it:
good.yaml must pass; bad.yaml declares the problems it must give in `# expect:` lines.
"""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, built
from test_validation import expected

from guide import load_content, quotes
from guide.sourcetext import SourceText

FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
TEXTS = FIXTURES / "texts"
FIXTURE_SOURCE = """- id: fixture-slides
  short: Fixture (udatert)
  reference: "Lysark til testene."
  written_in: nb
  text:
    file: fixture-slides.txt
    ocr: {ø: [g]}
    readings:
      - passage: "Skap felles Bli enige om\\nplattform hva som er viktig"
        reads: "Skap felles plattform. Bli enige om hva som er viktig."
"""


# -----------------------------------------------------------------------------
# Matching
# -----------------------------------------------------------------------------

SLIDE = """Skolefravaer — en ledelsesutfordring

Skoleledere ma ha handlingsrom og stgtte for a
skape et trygt miljg med mestring og til-
hørighet for alle elever.

• Felles planlegging og teamarbeid er vanlig
• Vi samarbeider på tvers av roller
"""
OCR = {"ø": ["g"], "æ": ["ae"]}


@pytest.mark.parametrize("quote", [
    "Skolefravær – en ledelsesutfordring",                # lost æ, another dash
    "skoleledere må ha handlingsrom og støtte",          # case, å lost, ø read as g
    "for å skape et trygt miljø med mestring og tilhørighet for alle elever.",  # hyphenation
    "Felles planlegging og teamarbeid er vanlig. Vi samarbeider",   # across a bullet
    "Skoleledere må … tilhørighet for alle elever",       # text left out
    "Skoleledere må ha [et] handlingsrom",                # the guide's insertion
    "«Felles planlegging» og teamarbeid",                 # punctuation
])
def test_a_quotation_is_found_however_the_text_file_breaks_and_spells_it(quote):
    assert SourceText(SLIDE, OCR).find(quote) is not None


@pytest.mark.parametrize("quote", [
    "Skoleledere må ha stort handlingsrom",     # a word added
    "Skoleledere har handlingsrom",             # a word changed
    "kolefravær",                               # part of a word
    "Felles planlegging og teamarbeid er vanlig hos oss",
    "tilhørighet for alle elever … Skoleledere må",   # parts out of order
])
def test_words_the_source_does_not_have_are_not_found(quote):
    assert SourceText(SLIDE, OCR).find(quote) is None


def test_stand_ins_apply_only_where_the_source_declares_them():
    assert SourceText(SLIDE).find("støtte for å skape") is None
    assert SourceText(SLIDE, OCR).find("støtte for å skape") is not None


def test_a_reading_replaces_a_scrambled_passage():
    raw = "Skap felles Bli enige om\nplattform hva som er viktig\n"
    assert SourceText(raw).find("Bli enige om hva som er viktig") is None
    reading = [("Skap felles Bli enige om plattform hva som er viktig",
                "Skap felles plattform. Bli enige om hva som er viktig.")]
    assert SourceText(raw, {}, reading).find("Bli enige om hva som er viktig") is not None


def test_the_closest_passage_is_the_sources_own_text():
    text = SourceText(SLIDE, OCR)
    assert text.closest("Skoleledere må ha stort handlingsrom og støtte") == \
        "Skoleledere ma ha handlingsrom og stgtte"
    assert text.closest("Vi samarbeider på tvers av yrkesroller") == \
        "Vi samarbeider på tvers av roller"


def test_order_is_kept_from_a_starting_word():
    text = SourceText(SLIDE, OCR)
    first = text.find("Felles planlegging")
    assert text.find("Vi samarbeider", first[1]) is not None
    assert text.find("Felles planlegging", first[1]) is None


# -----------------------------------------------------------------------------
# The check, on a copy of the content with a fixture source
# -----------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the content whose sources name no text but the fixture source's."""
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    sources = tmp_path / "content" / "sources.yaml"
    text = re.sub(r"\n  text:\n(    .*\n)+", "\n", sources.read_text("utf-8"))
    sources.write_text(text + FIXTURE_SOURCE, "utf-8")
    return tmp_path / "content"


def check(tree: Path, *pages: str, texts: Path = TEXTS):
    for page in pages:
        shutil.copy(FIXTURES / page, tree / "topics" / page)
    return load_content(tree, texts=texts)


def test_quotations_that_are_the_sources_words_pass(tree):
    content = check(tree, "good.yaml")
    assert content.problems == []
    unchecked = [w.message for w in content.warnings if "cannot be checked" in w.message]
    assert unchecked and not any("fixture-slides" in w for w in unchecked)   # it was checked
    # Leithwood's words are read where they are quoted (via), never counted as Leithwood's own.
    assert not any("`leithwood-et-al-2004`" in w for w in unchecked)


def test_every_untrue_label_is_refused_at_its_line(tree):
    content = check(tree, "bad.yaml")
    found = [(p.line, p.col, p.message) for p in content.problems]
    assert found == expected(FIXTURES / "bad.yaml")
    assert all(p.path.endswith("topics/bad.yaml") for p in content.problems)


def test_the_source_words_of_a_translation_or_adaptation_reach_the_page(tree):
    content = check(tree, "good.yaml")
    page = next(t for t in content.entities["topic"] if t.id == "good")
    adapted, quoted = page.data["sections"][1]["origin"]["text"], \
        page.data["sections"][1]["origin"]["quote"]
    assert adapted["original"] == "Bli enige om hva som er viktig"
    assert quoted["original"].startswith("Leadership is second only")
    items = page.data["sections"][0]["origin"]["items"]   # a quote: its own words in nb
    assert items["original"][0] == "Strategisk forankring av skolemiljøarbeidet"


def test_a_missing_text_file_and_a_stale_reading_are_problems_of_sources_yaml(tree):
    sources = tree / "sources.yaml"
    text = sources.read_text("utf-8").replace("file: fixture-slides.txt", "file: gone.txt")
    sources.write_text(text, "utf-8")
    found = [str(p) for p in check(tree).problems]
    assert len(found) == 1 and re.search(r"sources\.yaml:\d+:\d+: the text of `fixture-slides` "
                                         r"\(gone\.txt\) is not in the folder", found[0]), found
    sources.write_text(text.replace("gone.txt", "fixture-slides.txt").replace(
        "Skap felles Bli", "Skap sammen Bli"), "utf-8")
    found = [str(p) for p in check(tree).problems]
    assert len(found) == 1 and "fixture-slides.txt has no such passage" in found[0], found


def test_a_text_file_name_cannot_leave_the_folder(tree):
    sources = tree / "sources.yaml"
    for name in ("../content/sources.yaml", "/etc/passwd", "..txt/x.txt"):
        sources.write_text(sources.read_text("utf-8").replace(
            "file: fixture-slides.txt", f"file: {name}"), "utf-8")
        found = [str(p) for p in check(tree).problems]
        assert found and all("sources.yaml" in p for p in found), found
        assert any("`text › file`" in p or "text" in p for p in found)
        sources.write_text(sources.read_text("utf-8").replace(
            f"file: {name}", "file: fixture-slides.txt"), "utf-8")


def test_without_a_folder_nothing_is_checked_and_the_validator_says_so(tree):
    content = check(tree, "bad.yaml", texts=None)
    found = [p.message for p in content.problems]
    # What needs the source's text is not checked; what the content itself lacks still is.
    assert not any(w in m for m in found for w in ("does not have them", "no slide titled",
                                                   "word for word", "before the item"))
    assert [m for m in found if "add `original`" in m or "not a translation" in m] == found
    assert len(found) == 2
    assert any("quotations are not checked" in w.message for w in content.warnings)


def test_the_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(quotes.ENV, str(tmp_path))
    assert quotes.folder(ROOT) == tmp_path
    monkeypatch.delenv(quotes.ENV)
    default = ROOT.parent / "shared" / "sources"
    assert quotes.folder(ROOT) == (default if default.is_dir() else None)


def test_the_validator_prints_the_closest_passage(tree):
    shutil.copy(FIXTURES / "bad.yaml", tree / "topics" / "bad.yaml")
    script = tree.parent / "scripts"
    shutil.copytree(ROOT / "scripts", script)
    shutil.copytree(ROOT / "guide", tree.parent / "guide")
    run = subprocess.run([sys.executable, str(script / "validate.py")], cwd=tree.parent,
                         capture_output=True, text=True, check=False,
                         env={"GUIDE_SOURCE_TEXTS": str(TEXTS), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stdout.splitlines() if "warning:" not in line]
    assert len(lines) == len(expected(FIXTURES / "bad.yaml"))
    assert all(line.startswith("content/topics/bad.yaml:") for line in lines), lines
    assert any("The closest passage: «to classroom instruction among all school-related "
               "factors»" in line for line in lines), lines


# -----------------------------------------------------------------------------
# The real content (where the sources' texts are at hand)
# -----------------------------------------------------------------------------

@pytest.mark.skipif(quotes.folder(ROOT) is None, reason="no folder of source texts here "
                    f"(set {quotes.ENV}, or place the sources in ../shared/sources)")
def test_every_quotation_in_the_guide_is_the_sources_words(content):
    assert content.problems == []
    unchecked = [w.message for w in content.warnings if "cannot be checked" in w.message]
    assert unchecked == [("warning: 8 quotations from `bolam-et-al-2005` cannot be checked: "
                          "the folder of source texts has no text of it (see `text`)")]


# -----------------------------------------------------------------------------
# What readers see
# -----------------------------------------------------------------------------

class _Notes(HTMLParser):
    """The text of every origin note, without what is marked with another language."""

    def __init__(self):
        super().__init__()
        self.notes, self._depth, self._foreign = [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._depth:
            self._depth += 1
            self._foreign += 1 if "lang" in attrs or self._foreign else 0
        elif "guide-origin__note" in (attrs.get("class") or ""):
            self._depth, self._foreign = 1, 0
            self.notes.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            self._foreign = max(0, self._foreign - 1) if self._foreign else 0

    def handle_data(self, data):
        if self._depth and not self._foreign:
            self.notes[-1] += data


NOTE_WORDS = {"nb": ("lysarket", "lysarkene", "avsnittet", "området", "figuren", "ønskede"),
              "sv": ("bilden", "bilderna", "avsnittet", "området", "figuren", "önskvärda")}


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_source_notes_speak_the_readers_language(site, lang):
    other = "sv" if lang == "nb" else "nb"
    mine, theirs = set(NOTE_WORDS[lang]), set(NOTE_WORDS[other]) - set(NOTE_WORDS[lang])
    notes = []
    for page in (site / lang).rglob("index.html"):
        parser = _Notes()
        parser.feed(page.read_text("utf-8"))
        notes += parser.notes
    words = {w for note in notes for w in re.findall(r"\w+", note.lower())}
    assert not words & theirs, words & theirs
    assert words & mine and len(notes) > 500


@pytest.mark.parametrize("lang, label, summary", [
    ("nb", "Tilpasset av veiviseren etter", "Kildens egne ord (norsk)"),
    ("sv", "Bearbetat och översatt av guiden efter", "Källans egna ord (norska)")])
def test_an_adapted_statement_shows_the_sources_own_words_on_request(site, lang, label, summary):
    html = built(site, lang, "plc/collaboration-for-learning").read_text("utf-8")
    assert label in html
    blocks = re.findall(r'<details class="guide-words" data-pagefind-ignore[^>]*>\s*<summary>'
                        + re.escape(summary) + r'</summary>\s*<div lang="nb">(.*?)</div>', html,
                        re.DOTALL)
    assert "Samarbeid fokusert på utvikling/læring" in blocks[0]   # the title's own words
    assert any("barna/elevene" in block for block in blocks[1:])    # the statements'


@pytest.mark.parametrize("lang, cited", [("nb", "sitert i"), ("sv", "citerat i")])
def test_a_quotation_read_in_another_work_names_both(site, lang, cited):
    html = built(site, lang, "attendance/leadership-against-absence").read_text()
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.DOTALL).group(1)
    assert "leithwood-et-al-2004" in caption and "skolefravaer-ledelse-slides" in caption
    assert cited in caption and ("oversatt" not in caption and "översatt" not in caption)


def test_a_page_revised_after_its_review_says_so(tree):
    path = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    text = re.sub(r"^revised: \S+$", "revised: 2026-12-24", path.read_text("utf-8"),
                  flags=re.MULTILINE)
    path.write_text(re.sub(r"^reviewed: \S+$", "reviewed: 2026-12-01", text,
                           flags=re.MULTILINE), "utf-8")
    content = load_content(tree, texts=None)
    assert [w.message for w in content.warnings if "genomfor-spontana" in w.message] == [
        ("warning: action `genomfor-spontana-lektionsbesok` was revised on 2026-12-24, after "
         "its last review (2026-12-01): its page says it awaits review; check it against its "
         "sources, then set `reviewed`")]
    from guide.render import Renderer
    page = dict(Renderer(content, "nb").pages())["actions/genomfor-spontana-lektionsbesok.md"]
    assert "Teksten på denne siden ble endret 24\\.12\\.2026, etter siste gjennomgang" in page
