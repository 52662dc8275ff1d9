"""Search as readers use it, in Chromium: the query set, what a page view loads, what is indexed,
and that content reaches the results as text."""

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, serve, where

from guide.search import key

# Each query's expected pages by their source path (tests/conftest.py where() gives their
# address in the language).
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text("utf-8"))
# Share of queries whose expected page is among the first three results (measured: all of them;
# README, "Search"). Below this, a change made search worse for readers.
TOP3_THRESHOLD = 0.95
NOT_INDEXED = ("print/", "reflection/", "worksheets/", "assess/plc/", "assess/dimensions/",
               "assess/attendance/")   # source paths: where() gives their addresses
SETTLED = """() => new Promise(resolve => {
    const list = document.querySelector('.md-search-result__list');
    let timer = setTimeout(() => resolve(true), 2500);   // a question takes several searches
    new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(() => resolve(true), 600); })
      .observe(list, {childList: true, subtree: true, characterData: true});
})"""


def results(page, words: str) -> list[dict]:
    """Type a query into Material's dialog; the results once they stop changing."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    box.fill(words)
    box.press("End")          # Material sends the query on keyup
    page.wait_for_function(SETTLED, timeout=20000)
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        """links => links.map(a => ({
            path: new URL(a.href).pathname,
            title: a.querySelector('h1, h2')?.textContent ?? '',
            kind: a.querySelector('.md-tag')?.textContent ?? '',
            html: a.innerHTML}))""")


def fragments(site: Path, lang: str) -> list[dict]:
    """What Pagefind stored for each indexed page."""
    found = []
    for path in (site / lang / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


# -----------------------------------------------------------------------------
# The index
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_the_index_holds_the_pages_readers_look_for_and_not_their_copies(site, lang):
    pages = {f["url"]: f for f in fragments(site, lang)}
    not_indexed = tuple(where(lang, path) for path in NOT_INDEXED)
    for url in pages:
        assert (site / lang / url.strip("/") / "index.html").is_file(), url
        assert 'http-equiv="refresh"' not in (site / lang / url.strip("/") / "index.html"
                                               ).read_text("utf-8"), url
        assert not url.lstrip("/").startswith(not_indexed), url
    action_url = f"/{where(lang, 'actions/hitta-nyckelpersoner')}"
    assert action_url in pages and f"/{where(lang, 'assess')}" in pages
    assert len(pages) > 100
    action = pages[action_url]
    assert action["meta"]["kind"] in ("Lederhandling", "Ledarhandling")
    assert action["meta"]["rank"] == "1" and "¶" not in action["meta"]["title"]
    assert pages["/"]["meta"]["rank"] == "0.5"
    # The index holds the page's text, not the permalinks or the notes on where a text is from.
    assert "¶" not in action["content"]
    assert not (site / lang / "search" / "search_index.json").exists()


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_the_word_list_carries_the_glossarys_synonyms(site, lang):
    """Synonyms are keyed by the word without å ä ö æ ø, as readers may type it."""
    data = json.loads((site / lang / "pagefind" / "guide-words.json").read_text("utf-8"))
    words = dict(data["words"])
    assert words.get("skolefravær" if lang == "nb" else "skolfrånvaro", 0) > 5
    target = {"nb": "foresatte", "sv": "vårdnadshavare"}[lang]
    typed = {"nb": "foreldre", "sv": "föräldrar"}[lang]
    assert target in data["synonyms"][key(typed)]
    assert data["synonyms"]["eht"] == [{"nb": "ressursteam", "sv": "elevhälsoteam"}[lang]]
    assert {"nb": "hvordan", "sv": "hur"}[lang] in data["stop"]   # short words of a question


# -----------------------------------------------------------------------------
# In the browser
# -----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_the_query_set_finds_its_pages_among_the_first_three(page, server, lang):
    page.goto(f"{server}/{lang}/")
    page.keyboard.press("/")
    misses, kinds = [], {}
    for query in QUERIES[lang]:
        top = [r["path"].removeprefix(f"/{lang}/") for r in results(page, query["q"])[:3]]
        hit = any(where(lang, e) in top for e in query["expect"])
        kinds.setdefault(query["kind"], []).append(hit)
        if not hit:
            misses.append((query["q"], top))
    assert len(QUERIES[lang]) >= 90
    assert {"plain", "inflection", "compound", "diacritics", "typo", "synonym", "question",
            "everyday"} <= set(kinds)
    assert len(kinds["question"] + kinds["everyday"]) >= 30
    rate = 1 - len(misses) / len(QUERIES[lang])
    assert rate >= TOP3_THRESHOLD, misses
    asked = kinds["question"] + kinds["everyday"]
    assert sum(asked) / len(asked) >= TOP3_THRESHOLD, misses   # questions as well as words


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_a_page_view_loads_no_search_data_until_the_reader_searches(browser, server, lang):
    context = browser.new_context()
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(f"{server}/{lang}/{where(lang, 'dimensions/teacher-learning')}",
             wait_until="networkidle")
    assert [u for u in requests if "/pagefind/" in u or "search_index" in u or "/lunr/" in u] == []
    tab.keyboard.press("/")
    found = results(tab, "fravær" if lang == "nb" else "frånvaro")
    assert found and all(r["path"].startswith(f"/{lang}/") for r in found)
    index = [u for u in requests if "/pagefind/" in u]
    assert index and all(u.startswith(f"{server}/{lang}/pagefind/") for u in index), index
    context.close()


@pytest.mark.browser
def test_the_dialog_says_how_many_pages_match_when_more_than_it_shows(page, server):
    page.goto(f"{server}/nb/")
    page.keyboard.press("/")
    found = results(page, "elever")
    meta = page.locator(".md-search-result__meta").inner_text()
    shown, total = re.fullmatch(r"(\d+) av (\d+) treff, de beste først", meta).groups()
    assert int(total) > 100 and 0 < len(found) <= int(shown)
    # Material lists ten at a time and the rest as the reader scrolls: all that were counted.
    page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length"
                           " === n", arg=int(shown), timeout=10000)


@pytest.mark.browser
def test_a_question_is_answered_by_its_meaningful_words(page, server):
    page.goto(f"{server}/nb/")
    page.keyboard.press("/")
    top = [r["path"] for r in results(page, "hvordan få elever til å komme på skolen")[:3]]
    assert any("/skolefravaer/" in path for path in top), top
    fixed = [r["path"] for r in results(page, "tilitt")[:3]]   # two letters off: tillit
    assert any("gjensidig-tillit" in path or "lederferdigheter" in path for path in fixed), fixed


@pytest.mark.browser
def test_each_result_says_what_kind_of_page_it_is(page, server):
    page.goto(f"{server}/nb/")
    page.keyboard.press("/")
    found = results(page, "elevhälsoteamet")
    assert found[0]["kind"] == "Lederhandling"
    assert found[0]["title"].startswith("Gjør opp status med elevhälsoteamet")
    assert "<mark>" in found[0]["html"]


@pytest.mark.browser
def test_content_reaches_the_results_as_text(browser, tmp_path):
    """A title with markup, built with the markup check off, is shown in the results as text."""
    project = copy_project(tmp_path)
    action = project / "content" / "actions" / "hitta-nyckelpersoner.yaml"
    hostile = 'Finn <img src=x onerror="window.__ran=1"> nøkkelpersoner'
    text = action.read_text("utf-8")
    action.write_text(re.sub(r"(title:\n  nb: ).*", lambda m: m.group(1) + json.dumps(hostile),
                             text, count=1), "utf-8")
    env = os.environ | {"GUIDE_TEST_ALLOW_MARKUP": "1", "REPO_URL": ""}
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(tmp_path / "s")],
                         cwd=project, capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    with serve(tmp_path / "s") as url:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{url}/nb/", wait_until="networkidle")
        tab.keyboard.press("/")
        found = results(tab, "onerror")
        assert any(hostile in r["title"] for r in found), found
        assert tab.evaluate("window.__ran") is None
        assert tab.locator(".md-search-result img").count() == 0
        context.close()


def test_the_key_matches_words_typed_without_their_letters():
    assert key("tilstedeværelse") == key("tilstedevarelse") == key("tilstedevaerelse")
    assert key("Løten") == key("loten") == key("Loeten")
    assert key("närvaro") == key("narvaro") and key("åtgärdstrappa") == key("atgardstrappa")


@pytest.mark.browser
@pytest.mark.parametrize("lang, words, width", [("nb", "fravaer", 1280), ("sv", "vårdnadshavare", 390)])
def test_the_dialog_with_results_has_no_accessibility_violations(browser, server, lang, words,
                                                                 width):
    import axe_playwright_python
    from test_quality import AXE_RUN, AXE_TAGS
    context = browser.new_context(viewport={"width": width, "height": 850})
    context.add_init_script((Path(axe_playwright_python.__file__).parent / "axe.min.js")
                            .read_text("utf-8"))
    tab = context.new_page()
    tab.goto(f"{server}/{lang}/{where(lang, 'dimensions/teacher-learning')}",
             wait_until="networkidle")
    tab.keyboard.press("/")
    assert len(results(tab, words)) >= 5
    assert tab.evaluate(AXE_RUN, AXE_TAGS + ["wcag22aa"]) == []
    context.close()


def test_the_policy_allows_webassembly_and_nothing_more():
    from guide.csp import POLICY
    directives = dict(d.split(" ", 1) for d in POLICY.split("; "))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert "'unsafe-eval'" not in POLICY and "'unsafe-inline'" not in POLICY
    assert directives["connect-src"] == "'self'" and directives["worker-src"] == "'self'"


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_table_cells_stay_separate_words_in_the_index(site, lang):
    url = f"/{where(lang, 'school-owner/loten-follow-up-plan')}"
    plan = next(f for f in fragments(site, lang) if f["url"] == url)
    heading = {"nb": "Periode", "sv": "Period"}[lang]
    assert re.search(rf"\b{heading}\b", plan["content"]), plan["content"][:400]
