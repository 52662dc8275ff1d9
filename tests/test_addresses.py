"""Pages at addresses in their own language: plain words of that language, every old address
sending readers on, the switcher and the alternates leading to the same page in the other
language, and no two entries at one address."""

import posixpath
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, built, moved, redirect_target, source_at, sources, where

from guide import load_content, text
from guide.outputs import entity_uri

LANGS = ["nb", "sv"]
# The folders and hand-written pages as the guide's code names them: never in an address.
ENGLISH = {"actions", "areas", "dimensions", "attendance", "worksheets", "assess", "matrix",
           "glossary", "references", "reflection", "whats-new", "print", "capabilities",
           "accessibility", "school-owner", "background"}
SWITCH = re.compile(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+"\s+target="_self"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">')


def is_redirect(html: str) -> bool:
    return 'http-equiv="refresh"' in html


def pages(site: Path, lang: str) -> dict[str, str]:
    """The language's pages (not the 404 page, not the old addresses): address -> HTML."""
    found = {}
    for path in sorted((site / lang).rglob("index.html")):
        html = path.read_text("utf-8")
        if not is_redirect(html):
            address = path.parent.relative_to(site / lang).as_posix()
            found["" if address == "." else address] = html
    return found


def resolve(page: Path, link: str) -> Path:
    """The file a relative link on `page` leads to."""
    target = (page.parent / unquote(urlsplit(link).path)).resolve()
    return target / "index.html" if target.is_dir() or link.endswith("/") else target


def base_url(site: Path) -> str:
    """The site's address as its pages name it (the x-default alternate, the root)."""
    home = built(site, "nb", "").read_text("utf-8")
    return re.search(r'hreflang="x-default" href="([^"]+)/"', home).group(1)


# -----------------------------------------------------------------------------
# 1. Addresses in the language's own plain words
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_at_an_address_in_plain_words_of_its_language(site, lang):
    found = pages(site, lang)
    assert len(found) == len(sources(lang)) > 150
    assert set(found) == {where(lang, s).rstrip("/") for s in sources(lang)}
    for address in found:
        assert re.fullmatch(r"[a-z0-9/-]*", address), address
        segments = address.split("/") if address else []
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in segments), address
        assert not ENGLISH & set(segments), (lang, address)
    # The two languages name their folders differently (where they have different words).
    assert where(lang, "actions/index") == {"nb": "lederhandlinger/", "sv": "ledarhandlingar/"}[lang]


# -----------------------------------------------------------------------------
# 2. Every old address sends readers on
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_old_address_sends_readers_to_the_page_at_its_new_address(site, content, lang):
    olds = moved(lang)
    # Every page named differently from its source path: the entries, their kits, the parts.
    for source in ("actions/index.md", "actions/background.md", "glossary.md", "print.md",
                   "assess/plc.md", "matrix/dimensions.md"):
        assert source in olds.values(), source
    entries = {entity_uri(e): e for entities in content.entities.values() for e in entities
               if "#" not in entity_uri(e)}
    assert set(entries) <= set(olds.values())
    checked = 0
    for old, source in olds.items():
        stub = site / lang / old / "index.html"
        html = stub.read_text("utf-8")
        target = redirect_target(lang, old)
        assert is_redirect(html), old
        assert f'<html lang="{lang}">' in html
        assert '<meta name="robots" content="noindex">' in html, old
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html, old
        assert f'<link rel="canonical" href="{target}">' in html, old
        assert f'<a href="{target}">' in html, old
        # It leads to the page's address in its language: a page, not another old address.
        page = resolve(stub, target)
        assert page == built(site, lang, source).resolve() and page.is_file(), old
        assert not is_redirect(page.read_text("utf-8")), old
        if source in entries:   # it names the page it leads to, as the page names itself
            title = text.inline_html(entries[source].data["title"][lang])
            link = re.search(rf'<a href="{re.escape(target)}">([^<]*)</a>', html).group(1)
            assert unescape(link) == unescape(re.sub(r"<[^>]+>", "", title)), old
        checked += 1
    assert checked > 150


@pytest.mark.parametrize("lang", LANGS)
def test_old_addresses_are_not_listed_as_pages(site, lang):
    """The sitemap names the pages at their new addresses only."""
    sitemap = (site / lang / "sitemap.xml").read_text("utf-8")
    listed = {unquote(urlsplit(u).path).removeprefix(f"/{lang}/").rstrip("/")
              for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert listed == {where(lang, s).rstrip("/") for s in sources(lang)}
    assert not listed & set(moved(lang))


# -----------------------------------------------------------------------------
# 3. The switcher and the alternates lead to the same page in the other language
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_switcher_and_the_alternates_lead_to_the_same_page(site, lang):
    base = base_url(site)
    checked = 0
    for address, html in pages(site, lang).items():
        source = source_at(lang, address)
        assert source is not None, address
        page = site / lang / address / "index.html"
        # The language switcher: each language's link leads to this page in that language.
        switch = {code: link for link, code in SWITCH.findall(html)}
        assert set(switch) == set(LANGS), address
        # Alternates: every language's address of this page, and the root as x-default.
        alternates = dict(ALTERNATE.findall(html))
        assert set(alternates) == {*LANGS, "x-default"}, address
        assert alternates["x-default"] == f"{base}/"
        assert f'<link rel="canonical" href="{base}/{lang}/{where(lang, source)}">' in html
        for code in LANGS:
            there = built(site, code, source)
            assert there.is_file() and not is_redirect(there.read_text("utf-8")), (address, code)
            assert resolve(page, switch[code]) == there.resolve(), (address, code)
            assert alternates[code] == f"{base}/{code}/{where(code, source)}", (address, code)
        checked += 1
    assert checked == len(sources(lang))
    # The sitemap gives each page's alternates too.
    sitemap = (site / lang / "sitemap.xml").read_text("utf-8")
    for entry in re.findall(r"<url>(.*?)</url>", sitemap, re.DOTALL):
        loc = re.search(r"<loc>([^<]+)</loc>", entry).group(1)
        source = source_at(lang, loc.removeprefix(f"{base}/{lang}/"))
        assert source is not None, loc
        found = dict(re.findall(r'hreflang="([a-z-]+)" href="([^"]+)"', entry))
        assert found == {code: f"{base}/{code}/{where(code, source)}" for code in LANGS}, loc


def test_each_language_names_the_same_page_in_its_own_words(site):
    """The same action: a Norwegian address on the Norwegian page, a Swedish one on the Swedish."""
    action = "actions/planera-och-genomfor-verksamhetsrundor"
    assert where("nb", action) == "lederhandlinger/planlegg-og-gjennomfor-skolevandringer/"
    assert where("sv", action) == "ledarhandlingar/planera-och-genomfor-verksamhetsrundor/"
    nb = built(site, "nb", action)
    link = {code: href for href, code in SWITCH.findall(nb.read_text("utf-8"))}["sv"]
    assert posixpath.normpath(posixpath.join(where("nb", action), link)) == \
        "../sv/" + where("sv", action).rstrip("/")


# -----------------------------------------------------------------------------
# Links go straight to the pages
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_no_page_links_to_an_old_address(site, lang):
    """Every link between the guide's pages leads to a page's address, never through an old
    address that only sends readers on."""
    olds = {(site / lang / old / "index.html").resolve() for old in moved(lang)}
    found, checked = [], 0
    for path in sorted((site / lang).rglob("*.html")):
        html = path.read_text("utf-8")
        if is_redirect(html):
            continue
        for link in re.findall(r'<a [^>]*href="([^"]+)"', html):
            parts = urlsplit(unescape(link))
            if parts.scheme or link.startswith(("//", "#", "mailto:")) or not parts.path:
                continue
            target = (site / unquote(parts.path.lstrip("/"))).resolve() if parts.path.startswith(
                "/") else resolve(path, parts.path)
            target = target / "index.html" if target.is_dir() else target
            checked += 1
            if target in olds:
                found.append((path.relative_to(site).as_posix(), link))
    assert checked > 5000
    assert found == [], (f"{len(found)} links on {len({p for p, _ in found})} pages lead to old "
                         f"addresses: {sorted({link for _, link in found})}")


# -----------------------------------------------------------------------------
# 4. Two entries with one slug in a language are refused
# -----------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of content/, schemas/ and docs/ to change; returns the copy's content/."""
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path / "content"


def set_slug(path: Path, lang: str, slug: str) -> None:
    """Give an entry `slug` in `lang` (its other languages' slugs stay)."""
    text = path.read_text("utf-8")
    line = re.search(r"^slug: \{(.*)\}$", text, re.MULTILINE)
    given = dict(part.split(": ") for part in line.group(1).split(", ")) if line else {}
    given[lang] = slug
    new = "slug: {" + ", ".join(f"{code}: {value}" for code, value in given.items()) + "}"
    if line:
        text = text[:line.start()] + new + text[line.end():]
    else:
        text = re.sub(r"^(id: .*)$", lambda m: f"{m.group(1)}\n{new}", text, count=1,
                      flags=re.MULTILINE)
    path.write_text(text, "utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_two_entries_with_one_slug_in_a_language_are_refused_naming_both(tree, content, lang):
    first, second = content.entities["action"][:2]
    taken = where(lang, entity_uri(first)).rstrip("/").rsplit("/", 1)[1]
    set_slug(tree / "actions" / f"{second.id}.yaml", lang, taken)
    found = [str(p) for p in load_content(tree, texts=None).problems]
    clashes = [p for p in found if "would be published at" in p]
    assert len(clashes) == 1, found
    message = clashes[0]
    assert message.split(":", 1)[0].endswith(f"actions/{second.id}.yaml"), message   # its line
    assert f"action `{second.id}`" in message and f"action `{first.id}`" in message
    assert f"actions/{first.id}.yaml:" in message.split(" ", 1)[1]   # where the other one is
    assert f"{lang}/{where(lang, entity_uri(first))}" in message
    assert "give one of them another `slug` in that language" in message


def test_one_slug_in_two_languages_is_no_clash(tree, content):
    """Each language has its own addresses: a slug may stand in both."""
    first, second = content.entities["action"][:2]
    taken = where("nb", entity_uri(first)).rstrip("/").rsplit("/", 1)[1]
    set_slug(tree / "actions" / f"{second.id}.yaml", "sv", taken)
    found = [str(p) for p in load_content(tree, texts=None).problems]
    assert not [p for p in found if "would be published at" in p], found
