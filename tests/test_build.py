"""The real build: both languages, --strict, right language everywhere, nothing external."""

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, built, copy_project, source_at, sources, where

LANGS = {"nb": "no", "sv": "sv"}   # guide language -> the theme's search language (mkdocs.<lang>.yml)


def html_of(site: Path, lang: str, source: str = "") -> str:
    """The built page known by its source path (its address is in its language)."""
    return built(site, lang, source).read_text("utf-8")


def redirects(site: Path, lang: str) -> set[Path]:
    """The pages left at old addresses, which only send readers on (tests/test_addresses.py)."""
    return {p for p in (site / lang).rglob("index.html")
            if 'http-equiv="refresh"' in p.read_text("utf-8")}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_the_language_of_its_build(site, lang):
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        assert f'<html lang="{lang}"' in page.read_text("utf-8"), page


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_has_its_language_and_a_stemmer(site, lang):
    entry = json.loads((site / lang / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == [lang]                 # results in the page's language
    assert entry["languages"][lang]["wasm"] == lang           # Pagefind's stemmer for it
    assert (site / lang / "pagefind" / f"wasm.{lang}.pagefind").is_file()
    assert entry["languages"][lang]["page_count"] > 100


@pytest.mark.parametrize("lang", LANGS)
def test_one_page_per_dimension_outside_the_navigation(site, content, lang):
    for dim in content.entities["dimension"]:
        page = html_of(site, lang, f"dimensions/{dim.id}")
        title = dim.data["title"][lang]
        assert re.search(r"<h1 [^>]*id=", page) and title in page
        nav = page.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
        assert where(lang, f"dimensions/{dim.id}") not in nav


def test_root_page_links_to_every_language(site, content):
    root = (site / "index.html").read_text("utf-8")
    for lang in content.language_codes:
        assert f'href="{lang}/" hreflang="{lang}"' in root
    assert (site / "root.js").exists() and (site / "root.css").exists()


def test_no_page_requests_another_host(site):
    external = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(?:https?:)?//',
                          re.IGNORECASE)
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        offenders = [m.group(0) for m in external.finditer(text)
                     if 'rel="alternate"' not in m.group(0) and 'rel="canonical"' not in m.group(0)]
        assert offenders == [], page
    for sheet in site.rglob("*.css"):
        assert "fonts.googleapis" not in sheet.read_text("utf-8"), sheet


@pytest.mark.parametrize("lang", LANGS)
def test_strict_build_prints_no_warning(lang, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", f"mkdocs.{lang}.yml",
         "-d", str(tmp_path / lang)], cwd=ROOT, capture_output=True, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, check=False)
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr


def test_invalid_content_stops_the_build_with_file_line_and_column(tmp_path):
    project = copy_project(tmp_path)
    broken = project / "content" / "dimensions" / "teacher-learning.yaml"
    broken.write_text(broken.read_text("utf-8").replace("number: 4", "number: 04\nnumber: 4"),
                      "utf-8")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.nb.yml",
                          "-d", str(tmp_path / "out")], cwd=project, capture_output=True,
                         text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}, check=False)
    assert run.returncode == 1
    line = next(n for n, text in enumerate(broken.read_text("utf-8").splitlines(), 1)
                if text == "number: 4")
    assert f"content/dimensions/teacher-learning.yaml:{line}:1: the field `number` appears " \
           "twice" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out" / "index.html").exists()

    script = subprocess.run([sys.executable, "scripts/build.py", "--site-dir",
                             str(tmp_path / "site")], cwd=project, capture_output=True, text=True, check=False)
    assert script.returncode == 1 and "appears twice" in script.stderr
    assert not (tmp_path / "site").exists()


def test_every_page_exists_in_every_language(site, content):
    """Every page in each language, at the address named in that language: the same pages,
    and nothing else but the 404 page and the old addresses that send readers on."""
    first, *others = (set(sources(lang)) for lang in content.language_codes)
    for other in others:
        assert first == other
    for lang in content.language_codes:
        pages = {p.relative_to(site / lang).as_posix()
                 for p in set((site / lang).rglob("*.html")) - redirects(site, lang)}
        named = {f"{where(lang, source)}index.html" for source in sources(lang)}
        assert pages == named | {"404.html"}, lang
        assert len({where(lang, source) for source in sources(lang)}) == len(first)


HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> {{ config.site_name }} {% raw %}'


def test_content_text_is_shown_as_text_never_run(tmp_path):
    project = copy_project(tmp_path)
    entry = project / "content" / "dimensions" / "teacher-learning.yaml"
    text = entry.read_text("utf-8")
    for field in ("summary", "title"):
        start = text.index(f"\n{field}:\n  nb: ") + len(f"\n{field}:\n  nb: ")
        end = text.index("\n", start)
        text = text[:start] + "'" + HOSTILE + "'" + text[end:]
    entry.write_text(text, "utf-8")
    refused = subprocess.run([sys.executable, "scripts/build.py", "--site-dir",
                              str(tmp_path / "r")], cwd=project, capture_output=True, text=True,
                             check=False)
    assert refused.returncode == 1 and not (tmp_path / "r").exists()
    assert "the Norwegian Bokmål (nb) title of dimension `teacher-learning` contains HTML (`<script>`)" in \
        refused.stderr
    # Escaping must hold on its own, even for text that validation refuses.
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(tmp_path / "s")],
                         cwd=project, capture_output=True, text=True, check=False,
                         env=os.environ | {"GUIDE_TEST_ALLOW_MARKUP": "1"})
    assert run.returncode == 0, run.stderr
    for path in ("dimensions/teacher-learning", "dimensions"):   # its slug stays (content)
        page = built(tmp_path / "s", "nb", path).read_text("utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "{{ config.site_name }}" in page and "{% raw %}" in page
    title = built(tmp_path / "s", "nb", "dimensions/teacher-learning").read_text(
        "utf-8").split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "&lt;script&gt;" in title


def test_language_switcher_on_every_page_targets_its_counterpart(site, content):
    """The switcher leads to the same page in the other language, at its address there."""
    link = re.compile(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+"\s+target="_self"')
    for lang in content.language_codes:
        for page in set((site / lang).rglob("*.html")) - redirects(site, lang):
            targets = {code: href for href, code in link.findall(page.read_text("utf-8"))}
            assert set(targets) == set(content.language_codes), page
            source = source_at(lang, page.parent.relative_to(site / lang).as_posix())
            for code, href in targets.items():
                if page.name == "404.html":   # served at any address: absolute link home
                    assert posixpath.normpath(href) == f"/{code}"
                    continue
                assert source is not None, page
                resolved = (page.parent / href).resolve()
                resolved = resolved / "index.html" if href.endswith("/") else resolved
                assert resolved == built(site, code, source).resolve(), page
                assert resolved.is_file(), page
