"""What a reader does, in Chromium: search, switch language, reach a language from the root."""

import pytest
from conftest import href, where
from test_search import SETTLED

pytestmark = pytest.mark.browser


def heading(page) -> str:
    """The page's h1 without its permalink sign."""
    return page.inner_text("h1").removesuffix("¶").strip()


def search(page, words: str) -> list[dict]:
    """Type into Material's search and return the results as {href, title}."""
    page.click("input.md-search__input")
    page.type("input.md-search__input", words, delay=40)
    page.wait_for_selector(".md-search-result__meta")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('...')")
    page.wait_for_function(SETTLED, timeout=20000)   # results of the last letter, not an earlier one
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        "links => links.map(a => ({href: a.href.split(/[?#]/)[0],"
        " title: a.querySelector('h1')?.textContent}))")


@pytest.mark.parametrize("lang, words, expected", [
    # "utviklingen" is not on the page; "utvikling" and "utviklingsarbeid" are: the stemmer joins them
    ("nb", "lærernes utviklingen", "dimensions/teacher-learning"),
    ("sv", "lärarnas utvecklingen", "dimensions/teacher-learning"),
])
def test_search_finds_inflected_forms_in_its_own_language(page, server, lang, words, expected):
    page.goto(f"{server}/{lang}/")
    results = search(page, words)
    hrefs = [r["href"] for r in results]
    assert f"{server}/{lang}/{where(lang, expected)}" in hrefs
    assert all(h.startswith(f"{server}/{lang}/") for h in hrefs), hrefs


def test_search_for_another_languages_word_finds_nothing_of_it(page, server):
    page.goto(f"{server}/sv/")
    results = search(page, "lærernes")
    assert all("/sv/" in r["href"] for r in results)


@pytest.mark.parametrize("start, target", [("nb", "sv"), ("sv", "nb")])
def test_language_switcher_lands_on_the_same_dimension(page, server, start, target):
    dim = "dimensions/strategic-resourcing"
    page.goto(f"{server}/{start}/{where(start, dim)}")
    page.hover(".md-header__option .md-select")   # the menu opens on hover on desktop
    page.click(f".md-select__link[hreflang={target}]")
    page.wait_for_url(f"{server}/{target}/{where(target, dim)}")
    assert page.get_attribute("html", "lang") == target
    assert page.locator("h1").count() == 1


def test_language_switcher_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/sv/{where('sv', 'capabilities')}")
    link = page.get_attribute(".md-select__link[hreflang=nb]", "href")
    page.goto(f"{server}/sv/{where('sv', 'capabilities')}{link}")
    assert page.url == f"{server}/nb/{where('nb', 'capabilities')}"
    context.close()


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_root_reaches_each_language_without_javascript(browser, server, lang):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto(f"{server}/")
    page.click(f"a[hreflang={lang}]")
    page.wait_for_url(f"{server}/{lang}/")
    assert page.get_attribute("html", "lang") == lang
    context.close()


@pytest.mark.parametrize("locale, lang", [("sv-SE", "sv"), ("nb-NO", "nb"), ("nn", "nb")])
def test_root_sends_the_reader_by_browser_language(browser, server, locale, lang):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{server}/")
    page.wait_for_url(f"{server}/{lang}/")
    context.close()


def test_root_stays_put_for_other_languages(page, server):
    page.goto(f"{server}/")
    page.wait_for_load_state("load")
    assert page.url == f"{server}/"
    assert page.locator("a[hreflang]").count() == 2


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_effect_sizes_are_revealed_on_request(page, server, content, lang):
    page.goto(f"{server}/{lang}/{where(lang, 'dimensions')}")
    chart = page.locator("details.guide-reveal table")
    assert not chart.is_visible()
    page.click("details.guide-reveal > summary")
    assert chart.is_visible()
    rows = chart.locator("tbody tr").all_inner_texts()
    values = [f"{d.data['effect_size']['value']:.2f}".replace(".", ",")
              for d in content.entities["dimension"]]
    assert [row.split("\t")[1].strip() for row in rows] == values


@pytest.mark.parametrize("path", ["", "nb/", "sv/dimensions/", "nb/dimensions/teacher-learning/",
                                  "sv/capabilities/"])
def test_pages_request_nothing_from_other_hosts(page, server, path):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    lang, _, source = path.partition("/")
    page.goto(f"{server}/{lang}/{where(lang, source)}" if lang else f"{server}/",
              wait_until="networkidle")
    if path:
        search(page, "ledelse" if path.startswith("nb") else "ledarskap")
    assert requests, "no request was recorded"
    assert [url for url in requests if not url.startswith(server)] == []


def test_reader_goes_from_overview_to_area_action_dimension_and_back(page, server, content):
    action = content.entities["action"][0]
    area = content.get("area", action.data["area"])
    dim = action.data["dimensions"][0]
    overview, area_page, action_page, dim_page = (
        "actions/index", f"areas/{area.id}", f"actions/{action.id}", f"dimensions/{dim}")
    page.goto(f"{server}/nb/{where('nb', overview)}")
    page.click(f"a[href='{href('nb', overview, area_page)}']")
    page.wait_for_url(f"{server}/nb/{where('nb', area_page)}")
    page.click(f"#actions ~ ol a[href='{href('nb', area_page, action_page)}']")
    page.wait_for_url(f"{server}/nb/{where('nb', action_page)}")
    assert heading(page) == action.data["title"]["nb"]
    page.click(f"#dimensions ~ ul a[href='{href('nb', action_page, dim_page)}']")
    page.wait_for_url(f"{server}/nb/{where('nb', dim_page)}")
    page.click(f"#actions ~ ul a[href='{href('nb', dim_page, action_page)}']")
    page.wait_for_url(f"{server}/nb/{where('nb', action_page)}")
    page.click(".md-content .guide-kicker a")
    page.wait_for_url(f"{server}/nb/{where('nb', area_page)}")
    page.go_back()
    page.go_back()
    page.wait_for_url(f"{server}/nb/{where('nb', dim_page)}")


@pytest.mark.parametrize("start, target", [("sv", "nb"), ("nb", "sv")])
def test_language_switcher_on_an_area_lands_on_the_same_area(page, server, content, start,
                                                             target):
    area = content.entities["area"][2]
    page.goto(f"{server}/{start}/{where(start, f'areas/{area.id}')}")
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={target}]")
    page.wait_for_url(f"{server}/{target}/{where(target, f'areas/{area.id}')}")
    assert heading(page) == area.data["title"][target]


def test_reader_goes_from_a_success_factor_to_an_action_and_back(page, server, content):
    action = next(a for a in content.entities["action"] if a.data.get("attendance_factors"))
    factor = action.data["attendance_factors"][0]
    section, factor_page, action_page = ("attendance/index", f"attendance/{factor}",
                                         f"actions/{action.id}")
    page.goto(f"{server}/sv/{where('sv', section)}")
    page.click(f"a[href='{href('sv', section, factor_page)}']")
    page.wait_for_url(f"{server}/sv/{where('sv', factor_page)}")
    page.click(f"#actions ~ ul a[href='{href('sv', factor_page, action_page)}']")
    page.wait_for_url(f"{server}/sv/{where('sv', action_page)}")
    assert heading(page) == action.data["title"]["sv"]
    page.click(f"#attendance ~ ul a[href='{href('sv', action_page, factor_page)}']")
    page.wait_for_url(f"{server}/sv/{where('sv', factor_page)}")
    assert heading(page) == content.get("attendance-factor", factor).data["title"]["sv"]


@pytest.mark.parametrize("start, target", [("nb", "sv"), ("sv", "nb")])
def test_language_switcher_on_a_characteristic_and_a_topic(page, server, content, start, target):
    c = content.entities["plc-characteristic"][4]
    topic = content.entities["topic"][-1]
    for path, title in ((f"plc/{c.id}", c.data["title"]),
                        (f"{topic.data['pillar']}/{topic.id}", topic.data["title"])):
        page.goto(f"{server}/{start}/{where(start, path)}")
        page.hover(".md-header__option .md-select")
        page.click(f".md-select__link[hreflang={target}]")
        page.wait_for_url(f"{server}/{target}/{where(target, path)}")
        assert heading(page) == title[target]


@pytest.mark.parametrize("lang, words, path", [
    ("sv", "spontana lektionsbesöken", "actions/genomfor-spontana-lektionsbesok/"),
    ("nb", "spontane klasseromsbesøkene", "actions/genomfor-spontana-lektionsbesok/"),
    ("nb", "gjensidig tilliten", "plc/mutual-trust-respect-support/"),
    ("sv", "ömsesidiga tilliten", "plc/mutual-trust-respect-support/"),
])
def test_search_finds_an_entry_by_inflected_words_of_its_text(page, server, lang, words, path):
    page.goto(f"{server}/{lang}/")
    hrefs = [r["href"] for r in search(page, words)]
    assert f"{server}/{lang}/{where(lang, path)}" in hrefs
