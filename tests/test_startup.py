"""How a page starts: the guide's scripts only where they work, the theme's bundle after the
page is parsed, no class change on <html> when it starts, and no-JavaScript readers served."""

import re

import pytest
from conftest import built, where
from test_quality import pages_of

# A guide script and what it works on: loaded on every page that has it.
HOOKS = {"filter": r"<form[^>]*data-guide-filter", "cards": r"<form[^>]*data-guide-cards",
         "matrix": r'class="guide-matrix"', "assessment": r'<form class="guide-assessment"',
         "review": r"data-next-review=", "kit": r"data-guide-kit="}
EVERYWHERE = ("md", "search", "skip", "switch", "print")


def scripts(html: str) -> set[str]:
    return set(re.findall(r'<script defer src="[^"]*assets/javascripts/guide-([a-z]+)\.js"', html))


def test_each_page_loads_the_guide_scripts_it_uses(site):
    checked = 0
    for path in pages_of(site):
        html = (site / path).read_text("utf-8")
        if "assets/javascripts/" not in html:   # redirect pages
            continue
        loaded = scripts(html)
        assert set(EVERYWHERE) <= loaded, path
        for name, hook in HOOKS.items():
            assert (name in loaded) == bool(re.search(hook, html)), (path, name)
        checked += 1
    assert checked > 200
    home = scripts(built(site, "nb", "").read_text("utf-8"))
    assert "assessment" not in home and "matrix" not in home   # 34 kB the home page never runs
    assert "assessment" in scripts(built(site, "sv", "assess/attendance").read_text("utf-8"))


def test_the_theme_bundle_is_held_back_in_the_page(site):
    html = built(site, "sv", "matrix/plc").read_text("utf-8")
    held = re.findall(r'<script type="text/plain" data-guide-later src="([^"]+)"></script>', html)
    assert len(held) == 1 and re.search(r"assets/javascripts/bundle\.\w+\.min\.js$", held[0])
    assert not re.search(r'<script[^>]*src="[^"]*bundle\.', html.replace(
        '<script type="text/plain" data-guide-later src=', ""))   # not also loaded directly
    tag = re.search(r"<html[^>]*>", html).group(0)
    assert tag == '<html lang="sv" class="js js-focus-visible" data-js-focus-visible="">'


# When the trusted DOMContentLoaded came, and the classes on <html> as the page arrived.
RECORD = """window.__start = {};
document.addEventListener('DOMContentLoaded', e => {
  if (e.isTrusted) window.__start.ready = performance.now(); }, true);
new MutationObserver(() => {
  const h = document.documentElement;
  if (h && !window.__start.served) window.__start.served = [h.className, h.getAttributeNames()];
}).observe(document, {childList: true, subtree: true});"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["nb/", "sv/matrix/plc/", "sv/assess/attendance/"])
def test_the_theme_starts_after_the_page_is_parsed_and_changes_nothing_on_html(
        browser, server, path):
    context = browser.new_context()
    context.add_init_script(RECORD)
    tab = context.new_page()
    requests, errors = [], []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    lang, _, source = path.partition("/")
    tab.goto(f"{server}/{lang}/{where(lang, source)}", wait_until="networkidle")
    tab.wait_for_function("typeof window.component$ === 'object'")   # the theme started
    start = tab.evaluate("window.__start")
    bundle = tab.evaluate("performance.getEntriesByType('resource').find("
                          "r => /bundle\\.\\w+\\.min\\.js$/.test(r.name))")
    assert bundle and bundle["startTime"] >= start["ready"]   # fetched after the page was parsed
    now = tab.evaluate("[document.documentElement.className, "
                       "document.documentElement.getAttributeNames()]")
    assert start["served"] == now   # the bundle's own marks were already there
    assert "js" in now[0].split()
    assert [url for url in requests if url.endswith("sitemap.xml")] == []
    assert errors == []
    # What the theme does on start-up still happens: the search opens and answers.
    tab.click("input.md-search__input")
    tab.keyboard.type("rektor", delay=20)
    tab.wait_for_selector(".md-search-result__item")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_the_home_search_button_has_its_place_before_any_guide_script_runs(browser, server,
                                                                           lang):
    """Shown by a script, it pushed the ways in down after the first paint (a layout shift)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.route("**/assets/javascripts/**", lambda route: route.abort())
    tab.goto(f"{server}/{lang}/")
    button = tab.locator("[data-open-search]")
    assert button.is_visible() and button.bounding_box()["height"] >= 24
    context.close()


@pytest.mark.browser
def test_without_javascript_nothing_that_needs_it_shows(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(f"{server}/nb/")
    assert tab.locator("label.md-header__button[for=__search]").is_hidden()
    assert tab.locator(".md-search").is_hidden()
    assert tab.locator("[data-open-search]").is_hidden()
    assert tab.locator(".md-sidebar--primary").evaluate("s => getComputedStyle(s).height") != "0px"
    assert tab.locator(".md-content h1").is_visible()
    context.close()
