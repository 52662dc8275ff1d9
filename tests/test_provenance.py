"""Whose words: every text says where it comes from, pages and open data show it, no page credits
the guide's own writing to a source; review dates and owners on every entry."""

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, built, href, where

from guide import load_content
from guide.origin import GUIDE, paragraphs
from guide.outputs import entity_uri
from guide.render import localize
from guide.text import segments

LANGS = ["nb", "sv"]
TEXT_DEFS = ("#/$defs/text", "#/$defs/title", "#/$defs/texts", "#/$defs/reflection")
ENTITY_SCHEMAS = ["action", "area", "dimension", "capability", "plc-characteristic",
                  "attendance-factor", "topic", "actions-background"]


@pytest.fixture
def tree(tmp_path) -> Path:
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path / "content"


def problems(content: Path) -> list[str]:
    return [str(p) for p in load_content(content).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


# -----------------------------------------------------------------------------
# The model: every text has an origin, or the content is refused
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ENTITY_SCHEMAS)
def test_every_text_field_has_a_documented_origin_default(name):
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                if isinstance(child, dict) and child.get("$ref", "").endswith(TEXT_DEFS) and \
                        "x-origin" not in child:
                    missing.append(path + (key,))
                if isinstance(child, dict) and "x-origin" not in child:   # a table is one block
                    walk(child, path + (key,))
            if isinstance(node.get("items"), dict):
                walk(node["items"], path + ("*",))
    walk(schema, ())
    assert missing == []
    assert "origin" in schema["properties"]
    assert "Origin by default" in json.dumps(schema)


def test_a_section_that_does_not_say_where_its_text_comes_from_is_refused(tree):
    path = tree / "topics" / "inquiry-cycle.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"\n    origin:\n(      .*\n)+", "\n", text, count=1), "utf-8")
    found = problems(tree)
    assert found and all("comes from cannot be determined" in p for p in found), found
    assert all("inquiry-cycle.yaml:" in p for p in found)


def test_an_origin_names_a_known_source_a_known_field_and_a_listed_source(tree):
    action = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    edit(action, "\nrevised:", "\norigin:\n  description: {source: robinson-2012, use: quote}"
         "\nrevised:")
    assert any("there is no source with the id `robinson-2012`: did you mean `robinson-2011`"
               in p for p in problems(tree))
    edit(action, "robinson-2012", "robinson-2011")
    edit(action, "\nrevised:", "\n  descripton: guide\nrevised:")
    found = "\n".join(problems(tree))
    assert "`origin` names `descripton`, which is not a text field here: did you mean " \
           "`description`?" in found
    assert "comes from `robinson-2011`, which is not in its `sources`: add it there" in found


def test_one_origin_per_paragraph_must_match_the_paragraphs(tree):
    action = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    edit(action, "\nrevised:", "\norigin:\n  description: [guide, guide, guide]\nrevised:")
    found = "\n".join(problems(tree))
    assert "`origin › description` gives 3 origins, but `description` has 1 paragraph: give " \
           "one per paragraph, in order" in found


def test_review_dates_must_follow_each_other(tree):
    action = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    edit(action, "next_review: 2027-11-23", "next_review: 2026-01-01")
    assert any("the next review (2026-01-01) must come after the last one" in p
               for p in problems(tree))


# -----------------------------------------------------------------------------
# Pages: every block names its origin; nothing of the guide is credited to a source
# -----------------------------------------------------------------------------

class _Origins(HTMLParser):
    """The text of a page by the data-origin of the block it stands in ("" outside any)."""

    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"})
    INLINE = frozenset({"a", "span", "em", "strong", "abbr", "code", "b", "i", "q", "cite"})

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], {}

    def _gap(self, tag):
        """Blocks are separated by a space; inline elements run on with their text."""
        if tag not in self.INLINE:
            self.handle_data(" ")

    def handle_starttag(self, tag, attrs):
        self._gap(tag)
        if tag in self.VOID:
            return
        origin = dict(attrs).get("data-origin")
        self.stack.append(origin if origin is not None else (self.stack[-1] if self.stack
                                                             else ""))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()
        self._gap(tag)

    def handle_data(self, data):
        where = self.stack[-1] if self.stack else ""
        self.text[where] = self.text.get(where, "") + data


def origins_of(page: Path) -> dict[str, str]:
    parser = _Origins()
    parser.feed(page.read_text("utf-8"))
    return {k: " ".join(v.split()) for k, v in parser.text.items()}


def guide_texts(data, lang):
    """(field, first words) of every text of an entry whose origin is the guide's."""
    for field, origin in data.get("origin", {}).items():
        value = localize(data[field], set(LANGS), lang)
        parts = value if isinstance(value, list) else paragraphs(value)
        origins = origin if isinstance(origin, list) else [origin] * len(parts)
        for part, this in zip(parts, origins, strict=True):
            if this == GUIDE and isinstance(part, str):   # as shown: {sv: …} marks without braces
                shown = "".join(words for _, words in segments(" ".join(part.split())))
                yield field, shown[:60]


def page(site, lang, kind, entity) -> Path:
    """The built page of an entry (its address is in its language)."""
    assert entity.kind == kind
    return built(site, lang, entity_uri(entity))


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_credits_the_guides_writing_to_a_source(site, content, lang):
    checked = 0
    for kind in ("action", "area", "dimension", "plc-characteristic", "attendance-factor",
                 "topic"):
        for e in content.entities[kind]:
            shown = origins_of(page(site, lang, kind, e))
            credited = " ".join(v for k, v in shown.items() if k not in ("guide", ""))
            for field, start in guide_texts(e.data, lang):
                if kind == "topic" and field == "summary":   # only in the page's description
                    continue
                assert start not in credited, (kind, e.id, field)
                assert start in shown.get("guide", "") or escape(start) in shown.get(
                    "guide", ""), (kind, e.id, field)
                checked += 1
    assert checked > 250   # texts of the guide's own on entry pages (291 on 2026-12-06)


@pytest.mark.parametrize("lang", LANGS)
def test_action_pages_say_whose_words_each_part_is(site, content, lang):
    labels = {"nb": ("Veiviserens beskrivelse", "Veiviserens refleksjonsspørsmål",
                     "oversatt av veiviseren"),
              "sv": ("Guidens beskrivning", "Guidens reflektionsfrågor", "Citat ur")}[lang]
    for action in content.entities["action"]:
        html = page(site, lang, "action", action).read_text("utf-8")
        assert re.search(r'<h1 [^>]*data-origin="skolverket-ledarhandlingar-2024"', html)
        for label in labels:
            assert label in html, (action.id, label)
        assert 'data-origin="guide"' in html


def test_every_origin_of_a_source_links_to_its_reference(site, content):
    factor = "attendance/safe-adults-clear-frames"
    html = built(site, "sv", factor).read_text()
    reference = href("sv", factor, "references#skolefravaer-ledelse-slides")
    assert f'<a href="{reference}">' in html
    assert "översatt av guiden" in html    # a Norwegian slide's words on a Swedish page


def test_open_data_gives_every_text_its_origin(site, content):
    data = json.loads((site / "data" / "guide.json").read_text("utf-8"))
    sources = {s["id"] for s in data["sources"]}
    counted = 0
    for kind, entries in data["entries"].items():
        for entry in entries:
            origin = entry["origin"]
            for field in ("title", "reflection"):
                if field in entry:
                    assert field in origin, (kind, entry["id"], field)
            for value in _origins(origin):
                assert value == GUIDE or value["source"] in sources and value["use"] in (
                    "quote", "translation", "adaptation", "paraphrase", "summary")
                counted += 1
    assert counted > 300
    action = data["entries"]["action"][0]
    assert action["origin"]["description"] == "guide"
    assert action["origin"]["title"]["source"] == "skolverket-ledarhandlingar-2024"


def _origins(origin):
    for value in origin.values():
        yield from value if isinstance(value, list) else [value]


# -----------------------------------------------------------------------------
# Review dates and owners
# -----------------------------------------------------------------------------

def test_pages_show_review_dates_and_owner(site, content):
    action = content.entities["action"][0]
    html = page(site, "nb", "action", action).read_text("utf-8")
    for text in ("Sist gjennomgått", "Neste gjennomgang", "Innholdsansvar",
                 "Redaksjonen for veiviseren", f'datetime="{action.data["next_review"]}"'):
        assert text in html
    notice = re.search(r'<div class="guide-overdue"[^>]*>', html).group()
    assert "hidden" in notice


def test_an_overdue_review_is_a_warning_in_validation_and_status():
    env = os.environ | {"GUIDE_TODAY": "2030-01-01"}
    run = subprocess.run([sys.executable, "scripts/validate.py"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0
    lines = [line for line in run.stdout.splitlines() if ": warning: the review of " in line]
    assert len(lines) > 100 and all(": warning:" in line for line in run.stdout.splitlines())
    status = subprocess.run([sys.executable, "scripts/translation_status.py"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    assert "Reviews overdue on 2030-01-01:" in status.stdout
    assert "due 2027-11-23" in status.stdout


@pytest.mark.browser
def test_a_page_past_its_review_date_tells_the_reader(browser, server, content):
    action = content.entities["action"][0]
    context = browser.new_context()
    context.clock.set_fixed_time(datetime(2030, 1, 1))
    tab = context.new_page()
    tab.goto(f"{server}/nb/{where('nb', f'actions/{action.id}')}")
    notice = tab.locator(".guide-overdue")
    notice.wait_for(state="visible")
    assert "skulle vært gjennomgått" in notice.inner_text()
    context.close()
