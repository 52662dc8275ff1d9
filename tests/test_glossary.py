"""One vocabulary per language: the glossary, its pages, the terminology lint, first-use links,
and words of the other language marked with their lang on every page."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, built, href, sources

from guide import load_content, text
from guide.terms import Linker

LANGS = ["nb", "sv"]
# Short words that only one of the two languages has: seen in a text of the other language
# without its lang, they betray an untagged part (WCAG 3.1.2).
MARKERS = {"nb": {"och", "inte", "är", "också", "hur", "vad", "vilka", "deras", "måste",
                  "mycket", "bara", "eleverna", "skolan"},
           "sv": {"ikke", "og", "hva", "hvordan", "også", "hvilke", "skal", "være", "elevene",
                  "skolen", "hvor", "bare"}}


@pytest.fixture
def tree(tmp_path) -> Path:
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path / "content"


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text("utf-8")
    assert old in content, (path, old)
    path.write_text(content.replace(old, new, 1), "utf-8")


# -----------------------------------------------------------------------------
# The lint
# -----------------------------------------------------------------------------

def test_an_avoided_form_is_an_error_with_the_preferred_term(tree):
    action = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    edit(action, "description:\n  nb: |\n", "description:\n  nb: |\n    Stem av med ledelsen.\n")
    found = [str(p) for p in load_content(tree).problems]
    assert len(found) == 1, found
    assert re.search(r"genomfor-spontana-lektionsbesok\.yaml:\d+:\d+: «Stem av» is a form the "
                     r"glossary avoids in Norwegian Bokmål \(nb\): write «gjøre opp status» "
                     r"\(glossary: take-stock\)$", found[0])


def test_the_other_language_and_a_sources_own_words_may_use_the_form(tree):
    # The Swedish title is Skolverket's own words (a quote): any form may stand in it; the
    # Norwegian form "stem av" is only avoided in Norwegian.
    action = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    edit(action, '  sv: "Genomför spontana lektionsbesök"',
         '  sv: "Rektorn och kollegerna stem av"')
    assert [str(p) for p in load_content(tree).problems] == []


def test_a_hand_written_page_gets_the_exact_line_and_column(tree):
    page = tree.parent / "docs" / "nb" / "matrix" / "index.md"
    edit(page, "\n\n", "\n\nVi stemmer av med skolen.\n\n")
    found = [str(p) for p in load_content(tree).problems]
    line = page.read_text("utf-8").split("Vi stemmer av")[0].count("\n") + 1
    assert found == [(f"docs/nb/matrix/index.md:{line}:4: «stemmer av» is a form the glossary avoids "
                     "in Norwegian Bokmål (nb): write «gjøre opp status» (glossary: take-stock)")]


def test_a_form_belongs_to_one_term(tree):
    edit(tree / "glossary.yaml", "  forms: {sv: [rektorn, rektorns, rektorer, rektorerna]}",
         "  forms: {sv: [rektorn, rektorns, rektorer, rektorerna]}\n  avoid: {sv: [kollegorna]}")
    found = [str(p) for p in load_content(tree).problems]
    assert any("«kollegorna» belongs to the term `colleagues` already" in p
               or "«kollegorna» belongs to the term `principal` already" in p for p in found)


def test_words_in_another_language_are_marked_and_nothing_else_uses_braces(tree):
    action = tree / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    edit(action, "description:\n  nb: |\n", "description:\n  nb: |\n    Se {xx: noe} og {ikke}.\n")
    found = "\n".join(str(p) for p in load_content(tree).problems)
    assert "uses { or }: braces only mark words in another language" in found
    edit(action, "{ikke}", "ikke")
    found = "\n".join(str(p) for p in load_content(tree).problems)
    assert "marks words as `xx`, which is not a language code the guide knows" in found


def test_marked_words_render_with_their_language():
    assert text.md("Lysarket {nb: Snakk om skolefravær} sier") == \
        'Lysarket <span lang="nb">Snakk om skolefravær</span> sier'
    assert text.html("Lysarket {nb: Snakk om <b>} sier") == "Lysarket Snakk om &lt;b&gt; sier"
    assert text.inline_html("{sv: Citat} här") == '<span lang="sv">Citat</span> här'


# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_explains_every_term_and_marks_the_other_language(site, content, lang):
    other = next(code for code in LANGS if code != lang)
    html = built(site, lang, "glossary").read_text("utf-8")
    for term in content.glossary:
        assert f'id="{term["id"]}"' in html, term["id"]
        assert f'<span lang="{other}">{text.html(term["term"][other])}</span>' in html
    home = built(site, lang, "").read_text("utf-8")
    assert f'href="{href(lang, "index", "glossary")}"' in home
    footer = home.split('class="guide-footer-links"')[1].split("</nav>")[0]
    assert f'href="{href(lang, "index", "glossary")}"' in footer


@pytest.mark.parametrize("lang", LANGS)
def test_a_pages_first_use_of_a_term_links_to_the_glossary(site, content, lang):
    linked = 0
    for source in sources(lang):
        if not source.startswith("actions/") or source == "actions/index.md":
            continue   # the actions' pages and the background, below the actions' overview
        html = built(site, lang, source).read_text("utf-8")
        article = html.split('<article')[1].split("</article>")[0]
        glossary = re.escape(href(lang, source, "glossary"))
        targets = re.findall(rf'<a class="guide-term" href="{glossary}#([a-z0-9-]+)"', article)
        assert len(targets) == len(set(targets)), source   # the first use only
        linked += len(targets)
    assert linked > 40


def test_linker_links_each_term_once_and_keeps_the_text():
    glossary = [{"id": "principal", "term": {"nb": "rektor"}},
                {"id": "school-owner", "term": {"nb": "skoleeier"}, "forms": {"nb": ["skoleeiere"]}}]
    linker = Linker(glossary, "nb", "glossary.md")
    first = linker.line("Rektor og skoleeiere møtes. Rektor leder.")
    assert first == ("[Rektor](glossary.md#principal){: .guide-term } og "
                     "[skoleeiere](glossary.md#school-owner){: .guide-term } møtes\\. Rektor leder\\.")
    assert linker.line("Rektor igjen.") == "Rektor igjen\\."


class _Untagged(HTMLParser):
    """Text of the page's language that contains words only the other language has."""

    SKIP = frozenset({"script", "style", "code", "svg", "pre"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"})

    def __init__(self, page_lang):
        super().__init__()
        self.stack, self.found, self.page_lang = [], [], page_lang

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else self.page_lang)
        skip = tag in self.SKIP or bool(self.stack and self.stack[-1][2])
        self.stack.append((tag, lang, skip))

    def handle_endtag(self, tag):
        while self.stack and tag not in self.VOID:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.stack or self.stack[-1][2] or "://" in data:
            return
        words = set(re.findall(r"[a-zæøåäö]+", data.lower()))
        if words & MARKERS.get(self.stack[-1][1], set()):
            self.found.append(" ".join(data.split())[:80])


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_has_untagged_words_of_the_other_language(site, lang):
    found, pages = {}, 0
    for page in sorted((site / lang).rglob("*.html")):
        parser = _Untagged(lang)
        parser.feed(page.read_text("utf-8"))
        if parser.found:
            found[page.relative_to(site).as_posix()] = parser.found[:3]
        pages += 1
    assert pages > 100 and found == {}
