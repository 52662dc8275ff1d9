"""Quality gates: accessibility (axe and keyboard), privacy and CSP, links, reproducible builds."""

import json
import os
import posixpath
import re
import subprocess
import sys
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, built, where

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations']})).violations.map(v => v.id + ': ' + v.help + ' at '
  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""
FOCUSED = """() => { const e = document.activeElement, s = getComputedStyle(e),
  r = e.getBoundingClientRect();
  return {tag: e.tagName, cls: String(e.className), href: e.getAttribute('href') || '',
          hreflang: e.getAttribute('hreflang') || '', inContent: !!e.closest('.md-content'),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          shadow: s.boxShadow !== 'none', visible: r.width > 0 && r.height > 0
                  && s.visibility !== 'hidden'}; }"""
CSP_LISTENER = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def is_redirect(site: Path, path: str) -> bool:
    """A page left at an old address, which only sends readers on (tests/test_addresses.py)."""
    return 'http-equiv="refresh"' in (site / path).read_text("utf-8")


def address(path: str) -> str:
    """"nb/actions/x/" (a language and a source path) -> "nb/lederhandlinger/…/": the page's
    address in its language; the root, "nb/" and "nb/404.html" stay as they are."""
    lang, _, source = path.partition("/")
    if not lang or source.endswith(".html"):
        return path
    return f"{lang}/{where(lang, source)}"


def page_types(content) -> list[str]:
    """One page of every kind the site has, in both languages, and the root."""
    first = {kind: entities[0].id for kind, entities in content.entities.items()}
    topic = content.entities["topic"][0]
    return [address(path) for path in [
        "", "nb/", "sv/actions/", f"nb/areas/{first['area']}/",
        f"sv/actions/{first['action']}/", f"nb/dimensions/{first['dimension']}/",
        "sv/capabilities/", f"nb/plc/{first['plc-characteristic']}/",
        f"sv/attendance/{first['attendance-factor']}/",
        f"nb/{topic.data['pillar']}/{topic.id}/", "sv/references/", "nb/whats-new/",
        "sv/accessibility/", "nb/404.html"]]


# -----------------------------------------------------------------------------
# Accessibility
# -----------------------------------------------------------------------------

@pytest.mark.browser
def test_every_page_has_no_axe_violations(browser, server, site):
    import axe_playwright_python
    axe = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(axe)
    tab = context.new_page()
    found, paths = {}, [p for p in pages_of(site) if not is_redirect(site, p)]
    assert len(paths) > 200
    for path in paths:
        tab.goto(f"{server}/{path}")
        violations = tab.evaluate(AXE_RUN, AXE_TAGS)
        if violations:
            found[path] = violations
    # Beyond the WCAG tags: the search dialog has a name (axe's aria-dialog-name).
    tab.goto(f"{server}/nb/")
    dialog = tab.evaluate("""async () => { const r = await axe.run(document, {runOnly:
        {type: 'rule', values: ['aria-dialog-name']}});
        return [r.violations.length, r.passes.length]; }""")
    assert dialog == [0, 1]
    context.close()
    assert found == {}


@pytest.mark.browser
def test_every_kind_of_page_passes_axe_on_a_phone_with_targets_of_24px(browser, server, content):
    """At 390 px too: WCAG 2.2's target size (2.5.8) among the rules, and it really ran."""
    import axe_playwright_python
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script((Path(axe_playwright_python.__file__).parent / "axe.min.js")
                            .read_text("utf-8"))
    tab = context.new_page()
    area = content.entities["area"][0].id
    found, checked = {}, 0
    for path in page_types(content)[1:] + [address(p) for p in [
            "sv/", "nb/matrix/", "nb/matrix/plc/", "sv/matrix/attendance/",
            "sv/assess/attendance/", f"nb/worksheets/areas/{area}/", "sv/reflection/"]]:
        tab.goto(f"{server}/{path}")
        violations = tab.evaluate(AXE_RUN, AXE_TAGS)
        if violations:
            found[path] = violations
        checked += tab.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'rule',
            values: ['target-size']}})).passes.reduce((n, r) => n + r.nodes.length, 0)""")
    context.close()
    assert found == {}
    assert checked > 500   # the target-size rule measured the pages' links and buttons


@pytest.mark.browser
def test_skip_link_moves_focus_to_the_content(page, server, content):
    dim = content.entities["dimension"][3]
    page.goto(f"{server}/{address(f'nb/dimensions/{dim.id}/')}")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert "md-skip" in skip["cls"] and skip["outline"]
    page.keyboard.press("Enter")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "H1" and focused["inContent"]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["inContent"]


@pytest.mark.browser
@pytest.mark.parametrize("lang, words", [("nb", "ledelse"), ("sv", "ledarskap")])
def test_search_opens_and_closes_with_the_keyboard(page, server, lang, words):
    page.goto(f"{server}/{lang}/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.evaluate(FOCUSED)["cls"].startswith("md-search__input")
    page.keyboard.type(words, delay=30)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    result = page.evaluate(FOCUSED)
    assert "md-search-result__link" in result["cls"] and result["outline"]
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")
    # Focus leaves the closed dialog: nothing hidden keeps it.
    page.wait_for_function("!document.activeElement.closest('.md-search')")


@pytest.mark.browser
def test_language_switcher_is_reachable_and_works_with_the_keyboard(page, server, content):
    area = content.entities["area"][1]
    page.goto(f"{server}/{address(f'sv/areas/{area.id}/')}")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["hreflang"] == "nb":
            break
    else:
        pytest.fail("the Norwegian link of the language switcher was not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/{address(f'nb/areas/{area.id}/')}")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["nb/dimensions/teacher-learning/", "sv/",
                                  "nb/school-owner/value-chain/"])
def test_focus_is_always_visible(page, server, path):
    page.goto(f"{server}/{address(path)}")
    page.wait_for_load_state("networkidle")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    hidden = [s for s in stops if s["tag"] != "BODY" and not (
        s["visible"] and (s["outline"] or s["shadow"]))]
    assert hidden == []
    assert len({s["href"] for s in stops}) > 20   # it really moved through the page


# Where the focused element shows: the middle of its part inside the viewport must be the element
# itself, not the sticky header, a sticky table head or column, or the back-to-top button.
UNCOVERED = """() => { const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getClientRects()[0] || e.getBoundingClientRect();   // a wrapped link: its first line
  if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') return null;
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight),
        left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  const label = e.tagName + ' ' + (e.getAttribute('href') || e.id || e.name || e.textContent.trim().slice(0, 30));
  if (bottom <= top || right <= left) return 'off screen: ' + label;
  const at = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  return at && (at === e || e.contains(at)) ? '' : 'under ' + (at ? at.tagName + '.'
    + String(at.className).split(' ')[0] : 'nothing') + ': ' + label; }"""


@pytest.mark.browser
@pytest.mark.parametrize("path, width, height", [
    ("nb/actions/{action}/", 1280, 800), ("nb/actions/{action}/", 390, 844),
    ("sv/assess/attendance/", 390, 844), ("nb/", 390, 844),
    ("nb/matrix/plc/", 1280, 800), ("sv/matrix/dimensions/", 390, 844)])
def test_focus_is_never_hidden_under_sticky_parts(browser, server, content, path, width, height):
    """WCAG 2.4.11: Tab forwards and then back; every focused element stays in sight."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.goto(f"{server}/{address(path.format(action=content.entities['action'][0].id))}")
    tab.wait_for_load_state("networkidle")
    # From the first link of the content, 100 stops forwards and back up to the header (whose
    # search and language list have keyboard tests of their own).
    tab.evaluate("document.querySelector('.md-content a[href]').focus()")
    hidden, seen, key = [], {"Tab": set(), "Shift+Tab": set()}, "Tab"
    for _ in range(240):
        before = tab.evaluate("!!document.activeElement.closest('.md-select')")
        tab.keyboard.press(key)
        tab.wait_for_timeout(400 if before else 20)   # the language list fades out in 0.25 s
        if tab.evaluate("!!document.activeElement.closest('.md-header')") or len(seen[key]) >= 100:
            if key == "Shift+Tab":
                break
            key = "Shift+Tab"   # past the end of the page (or 100 stops): back up to the top
            tab.evaluate("document.querySelector('.md-footer a[href]:last-of-type').focus()")
            continue
        found = tab.evaluate(UNCOVERED)
        if found is not None:
            seen[key].add(tab.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        if found:
            hidden.append(f"{key}: {found}")
    context.close()
    assert len(seen["Tab"]) > 15 and len(seen["Shift+Tab"]) > 15   # it really moved both ways
    assert hidden == []


@pytest.mark.parametrize("lang, title, sections", [
    ("nb", "Tilgjengelighetserklæring",
     ["Status", "Kjente mangler", "Slik har vi testet", "Tilbakemelding", "Klage"]),
    ("sv", "Tillgänglighetsredogörelse",
     ["Hur tillgänglig är webbplatsen?", "Innehåll som inte är tillgängligt",
      "Hur vi testat webbplatsen", "Kontakta oss om du hittar brister",
      "Kontakta tillsynsmyndigheten"]),
])
def test_accessibility_statement_has_the_required_parts(site, lang, title, sections):
    html = built(site, lang, "accessibility").read_text("utf-8")
    assert re.search(rf"<h1[^>]*>{title}", html)
    headings = [unescape(re.sub(r"<[^>]+>", "", h)).rstrip("¶").strip()
                for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    assert headings == sections
    assert "2026" in html and ("uutilsynet.no" in html or "digg.se" in html)
    assert "/issues" in html   # the feedback channel (the test build has a repository)


def test_every_page_links_to_the_accessibility_statement_in_its_footer(site):
    for path in pages_of(site):
        if path == "index.html" or is_redirect(site, path):
            continue
        html = (site / path).read_text("utf-8")
        footer = html.split('class="guide-footer-links"')[1].split("</nav>")[0]
        # The statement's own link, after the feedback link (which may lead to its #contact).
        first = re.findall(r'href="([^"]+)"', footer)[1]
        target = first.strip("/") if first.startswith("/") else \
            posixpath.normpath(posixpath.join(posixpath.dirname(path), first))
        lang = path.split("/")[0]
        assert target == f"{lang}/{where(lang, 'accessibility')}".rstrip("/"), path


# -----------------------------------------------------------------------------
# Privacy and Content-Security-Policy
# -----------------------------------------------------------------------------

@pytest.mark.browser
def test_every_page_type_stays_on_the_site_and_within_its_csp(browser, server, content):
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    tab = context.new_page()
    requests, console = [], []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    for path in page_types(content):
        tab.goto(f"{server}/{path}", wait_until="networkidle")
        if path.startswith(("nb", "sv")) and not path.endswith("404.html"):
            tab.click("input.md-search__input")
            tab.keyboard.type("ledelse" if path[:2] == "nb" else "ledarskap", delay=20)
            tab.wait_for_selector(".md-search-result__item")
        assert tab.evaluate("window.__violations") == [], path
    context.close()
    assert len(requests) > 50
    assert [url for url in requests if not url.startswith(server)] == []
    assert [m for m in console if "Content Security Policy" in m] == []


def test_every_page_carries_the_content_security_policy(site):
    from guide.csp import POLICY
    for path in pages_of(site):
        html = (site / path).read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert meta and meta.group(1).replace("&#39;", "'") == POLICY, path
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", html), \
            f"inline script in {path}"
    assert "frame-ancestors 'none'" in (site / "_headers").read_text("utf-8")


# -----------------------------------------------------------------------------
# Links
# -----------------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.links.append(attrs[name])


def test_every_internal_link_and_anchor_resolves(site):
    parsed = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text("utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken, checked = [], 0
    for rel in pages_of(site):
        source = site / rel
        for link in page(source).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")):
                continue
            base = site if parts.path.startswith("/") else source.parent   # 404 pages: absolute
            target = (base / unquote(parts.path.lstrip("/"))).resolve() if parts.path else source
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{rel}: {link}")
            elif parts.fragment and target.suffix == ".html" and \
                    unquote(parts.fragment) not in page(target).ids:
                broken.append(f"{rel}: {link} (no such anchor)")
    assert checked > 10000
    assert broken == []


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_sitemap_points_at_pages_that_exist(site, lang):
    # The search index's addresses: tests/test_search.py.
    sitemap = (site / lang / "sitemap.xml").read_text("utf-8")
    for url in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urlsplit(url).path.split(f"/{lang}/", 1)[1]
        assert (site / lang / path / "index.html").is_file(), url


# -----------------------------------------------------------------------------
# Content is never code
# -----------------------------------------------------------------------------

HOSTILE = {
    "script": "<script>alert('x1')</script>",
    "handler": '<img src=x onerror="alert(\'x2\')">',
    "quote": '" onmouseover="alert(\'x3\')" data-x="',
    "js-link": "[klikk](javascript:alert('x4'))",
    "attr-list": "tekst {: onclick=\"alert('x5')\" }",
    "jinja": "{{ config.site_name }} {% raw %}x6{% endraw %}",
    "close-title": "</title><script>alert('x7')</script>",
}


class _Markup(HTMLParser):
    """Everything that would run: event handlers, javascript: URLs, script contents."""

    def __init__(self):
        super().__init__()
        self.running, self.text, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.running.append(f"<{tag} {name}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.running.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.running.append("script: " + data[:40])
        self.text.append(data)


def test_hostile_content_is_shown_as_text_in_every_built_file(tmp_path):
    from conftest import copy_project
    project = copy_project(tmp_path)
    values = list(HOSTILE.values())
    action = project / "content" / "actions" / "genomfor-spontana-lektionsbesok.yaml"
    text = action.read_text("utf-8")
    text = re.sub(r'(title:\n  nb: )"[^"]*"', lambda m: m.group(1) + json.dumps(values[6]), text)
    text = re.sub(r"(description:\n  nb: \|\n)((?:    .*\n)+)",
                  lambda m: m.group(1) + "".join(f"    {v}\n\n" for v in values), text)
    action.write_text(text, "utf-8")
    topic = project / "content" / "topics" / "value-chain.yaml"
    text = topic.read_text("utf-8")
    text = re.sub(r"(title:\n  nb: ).*", lambda m: m.group(1) + json.dumps(values[2]), text,
                  count=1)
    topic.write_text(text, "utf-8")
    env = os.environ | {"GUIDE_TEST_ALLOW_MARKUP": "1", "REPO_URL": ""}
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(tmp_path / "s")],
                         cwd=project, capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr

    running, shown = [], ""
    # The action's page in each language (its slug in content keeps its address).
    action_pages = {built(tmp_path / "s", lang, "actions/genomfor-spontana-lektionsbesok")
                    for lang in ("nb", "sv")}
    for path in (tmp_path / "s").rglob("*"):
        if path.suffix == ".html":
            parser = _Markup()
            parser.feed(path.read_text("utf-8"))
            running += [f"{path.name}: {r}" for r in parser.running]
            if path in action_pages:
                shown += " ".join(parser.text)
        # Search results show stored text as HTML: tests/test_search.py searches such a title.
    assert running == []
    for value in values:
        assert " ".join(value.split()) in " ".join(shown.split()), value


# -----------------------------------------------------------------------------
# Reproducible builds
# -----------------------------------------------------------------------------

def build_files(folder: Path, generator: str = "mkdocs") -> dict[str, bytes]:
    """Every file of a build of this commit at a fixed SOURCE_DATE_EPOCH."""
    env = os.environ | {"SOURCE_DATE_EPOCH": "1763856000", "GUIDE_GENERATOR": generator}
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(folder)],
                         cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def mkdocs_build(tmp_path_factory):
    return build_files(tmp_path_factory.mktemp("mkdocs") / "site")


def differences(first: dict, second: dict) -> list[str]:
    return sorted(set(first) ^ set(second)) + [p for p in first if p in second
                                               and first[p] != second[p]]


def test_two_builds_of_the_same_commit_are_byte_identical(mkdocs_build, tmp_path):
    assert len(mkdocs_build) > 250
    assert differences(mkdocs_build, build_files(tmp_path / "again")) == []


def test_properdocs_builds_the_same_site_as_mkdocs(mkdocs_build, tmp_path):
    """The fallback if MkDocs 1.x stops working: ProperDocs, its maintained fork, builds the
    guide byte for byte as MkDocs does (README: Toolchain)."""
    assert differences(mkdocs_build, build_files(tmp_path / "properdocs", "properdocs")) == []


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_text_in_another_language_is_marked_with_its_language(site, content, lang):
    marked = 0
    references = built(site, lang, "references").read_text("utf-8")
    for source in content.sources.values():
        code = source.get("language")
        if code and code != lang:
            start = escape(source["reference"][:30], quote=False)
            assert f'<span lang="{code}">{start}' in references, source["id"]
            marked += 1
    assert marked >= 10
    dim = content.entities["dimension"][0]
    page = built(site, lang, f"dimensions/{dim.id}").read_text("utf-8")
    assert f'<span lang="en">{dim.data["original_title"]}</span>' in page
    topic = built(site, lang, "attendance/leadership-against-absence").read_text()
    assert '<blockquote lang="en">' in topic
