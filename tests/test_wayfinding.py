"""Knowing where you are: breadcrumbs on every page, a language switcher that keeps the view."""

import posixpath
import re

import pytest
from conftest import built, source_at, where

from guide.outputs import KITS, entity_uri

LANGS = ["nb", "sv"]
PART = {"area": "actions", "action": "actions", "dimension": "dimensions",
        "plc-characteristic": "plc", "attendance-factor": "attendance"}


def crumbs(html: str) -> list[tuple[str | None, str]]:
    """(href or None for the current page, text) of the page's breadcrumb trail."""
    nav = re.search(r'<nav class="guide-crumbs" aria-label="([^"]+)">(.*?)</nav>', html, re.DOTALL)
    assert nav, "no breadcrumbs"
    assert nav.group(1) in ("Du er her", "Du är här")
    body = nav.group(2)
    assert body.strip().startswith("<ol>") and body.strip().endswith("</ol>")
    items = re.findall(r'<li>(?:<a href="([^"]+)">|<span aria-current="page">)([^<]*)<', body)
    return [(href or None, text) for href, text in items]


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_page_and_kit_has_a_trail_through_its_part(site, content, lang):
    for kind, entities in content.entities.items():
        if kind == "capability":
            continue   # the capabilities share one page
        for e in entities:
            address = where(lang, entity_uri(e)).rstrip("/")
            html = built(site, lang, entity_uri(e)).read_text("utf-8")
            trail = crumbs(html)
            part = PART.get(kind) or e.data.get("pillar")
            hrefs = [posixpath.normpath(posixpath.join(address, h)) for h, _ in trail if h]
            assert hrefs[0] == "." and hrefs[1] == where(lang, part).rstrip("/"), \
                (kind, e.id, hrefs)
            if kind == "action":
                assert hrefs[2] == where(lang, f"areas/{e.data['area']}").rstrip("/")
            assert trail[-1] == (None, e.data["title"][lang].replace("&", "&amp;")) or \
                trail[-1][0] is None
            for h in hrefs:
                assert h == "." or source_at(lang, h) and (site / lang / h / "index.html").is_file()
            if kind in KITS:
                kit = KITS[kind].format(id=e.id)
                kit_address = where(lang, kit).rstrip("/")
                kit_trail = crumbs(built(site, lang, kit).read_text("utf-8"))
                kit_hrefs = [posixpath.normpath(posixpath.join(kit_address, h))
                             for h, _ in kit_trail if h]
                assert kit_hrefs == hrefs + [address]


@pytest.mark.parametrize("lang", LANGS)
def test_every_other_page_has_a_trail_and_the_home_page_none(site, lang):
    for page in sorted((site / lang).rglob("index.html")):
        address = page.parent.relative_to(site / lang).as_posix()
        if address == "." or address.startswith(("pagefind", "search")):
            continue
        html = page.read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue   # an old address that sends readers on
        trail = crumbs(html)
        assert trail[0][1] in ("Forside", "Startsida") and trail[-1][0] is None, address
    assert 'class="guide-crumbs"' not in (site / lang / "index.html").read_text("utf-8")


@pytest.mark.browser
def test_the_language_switcher_keeps_the_query_and_the_anchor(page, server, content):
    area = content.entities["area"][0]
    page.goto(f"{server}/nb/{where('nb', 'reflection')}")
    page.select_option(".guide-cards-filter select", f"area:{area.id}")
    page.evaluate("location.hash = '#areas'")
    page.locator("a.md-select__link[hreflang=sv]").dispatch_event("click")
    page.wait_for_url(re.compile(f"/sv/{re.escape(where('sv', 'reflection'))}"))
    assert f"part=area%3A{area.id}" in page.url or f"part=area:{area.id}" in page.url
    assert page.url.endswith("#areas")
    visible = page.locator(".guide-card:visible").count()
    actions = [a for a in content.entities["action"] if a.data["area"] == area.id]
    assert visible == 1 + len(actions)
    # Without a query or anchor the link is the plain page.
    page.goto(f"{server}/sv/{where('sv', 'matrix/index')}")
    page.locator("a.md-select__link[hreflang=nb]").dispatch_event("click")
    page.wait_for_url(f"{server}/nb/{where('nb', 'matrix/index')}")


NAV_PAGE = re.compile(r'<a href="\.?/?" class="md-nav__link md-nav__link--active" '
                      r'aria-current="page">')
NAV_PART = re.compile(r'<a href="([^"]+)" class="md-nav__link md-nav__link--active" '
                      r'aria-current="true">')


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_is_grouped_by_part_and_marks_where_the_reader_is(site, content, lang):
    home = (site / lang / "index.html").read_text("utf-8")
    nav = home.split('class="md-nav md-nav--primary"')[1].split("md-sidebar--secondary")[0]
    for key in ("pillar_area", "pillar_dimension", "pillar_plc_characteristic",
                "pillar_attendance_factor", "pillar_school_owner", "pillar_assessment",
                "nav_more"):
        assert content.ui[key][lang] in nav, key
    assert len(NAV_PAGE.findall(home)) == 1
    for kind, entities in content.entities.items():
        if kind in ("capability", "topic"):
            continue   # one shared page; topics are in the menu themselves
        for e in entities[:3]:
            address = where(lang, entity_uri(e))
            html = built(site, lang, entity_uri(e)).read_text("utf-8")
            marked = NAV_PART.findall(html)
            assert len(marked) == 1 and not NAV_PAGE.search(html), (kind, e.id)
            part = posixpath.normpath(posixpath.join(address, marked[0]))
            assert part == where(lang, PART[kind]).rstrip("/"), (kind, e.id, part)
    for topic in content.entities["topic"][:3]:
        html = built(site, lang, entity_uri(topic)).read_text("utf-8")
        assert len(NAV_PAGE.findall(html)) == 1 and not NAV_PART.search(html)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_the_same_way_to_give_feedback_first_in_its_footer(site, content, lang):
    """Consistent help (WCAG 3.2.6): same link, same place. Without a repository (as in this
    build) it leads to the accessibility statement's contact section."""
    label = content.ui["feedback_link"][lang]
    for page in sorted((site / lang).rglob("index.html")):
        html = page.read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        footer = html.split('<nav class="guide-footer-links"')[1].split("</nav>")[0]
        first = re.search(r'<a href="([^"]+)">([^<]+)</a>', footer)
        assert first and first.group(2) == label, page
        if first.group(1).startswith("https://"):   # a repository is known ($REPO_URL, CI)
            assert first.group(1).endswith("/issues/new?template=reader-feedback.yml")
            continue
        link, _, anchor = first.group(1).partition("#")
        target = posixpath.normpath(posixpath.join(
            page.parent.relative_to(site / lang).as_posix(), link))
        assert (target, anchor) == (where(lang, "accessibility").rstrip("/"), "contact"), \
            (page, target)
    statement = built(site, lang, "accessibility").read_text("utf-8")
    assert 'id="contact"' in statement


def test_the_readers_issue_form_is_valid_and_asks_for_no_personal_data():
    import yaml
    from conftest import ROOT
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "reader-feedback.yml")
                          .read_text("utf-8"))
    assert form["name"] and form["description"]
    fields = [f for f in form["body"] if f["type"] != "markdown"]
    assert {f["id"] for f in fields} == {"page", "kind", "what"}
    assert all(f["attributes"]["label"] for f in fields)
    notice = form["body"][0]["attributes"]["value"]
    assert "personopplysninger" in notice and "personuppgifter" in notice


@pytest.mark.browser
def test_a_filter_with_no_results_says_how_to_widen_it_and_the_contents_follow(page, server,
                                                                                 content):
    page.goto(f"{server}/nb/{where('nb', 'actions/index')}")
    # A dimension and a characteristic no action shares.
    actions = content.entities["action"]
    pair = next((d.id, c.id) for d in content.entities["dimension"]
                for c in content.entities["plc-characteristic"]
                if not any(d.id in a.data["dimensions"] and
                           c.id in a.data.get("plc_characteristics", []) for a in actions))
    page.select_option("select[name=dimension]", pair[0])
    page.select_option("select[name=plc]", pair[1])
    status = page.inner_text(".guide-filter__count")
    assert status.startswith("Viser 0 av ") and content.ui["filter_none"]["nb"] in status
    hidden = page.eval_on_selector_all(".md-nav--secondary a[href^='#list--']",
                                       "as => as.filter(a => a.closest('li').hidden).length")
    assert hidden == len([a for a in content.entities["area"]
                          if any(x.data["area"] == a.id for x in actions)])
    page.click(".guide-filter button[type=reset]")   # the form applies it one task later
    page.wait_for_function("none => !document.querySelector('.guide-filter__count')"
                           ".innerText.includes(none)", arg=content.ui["filter_none"]["nb"])
    assert page.inner_text(".guide-filter__count").startswith(f"Viser {len(actions)} av {len(actions)} ")
    assert page.eval_on_selector_all(".md-nav--secondary li[hidden]", "ls => ls.length") == 0


# Filters: each label's text, and the longest choice in each list, fit without being cut off.
CUT_OFF = """() => { const c = document.createElement('canvas').getContext('2d'), cut = [];
  for (const form of document.querySelectorAll('form.guide-filter, form[data-guide-cards]')) {
    if (form.hidden) return ['form hidden'];
    for (const label of form.querySelectorAll('label')) {
      const text = label.firstChild.textContent.trim(), range = document.createRange();
      range.selectNodeContents(label.firstChild);
      const r = range.getBoundingClientRect(), box = form.getBoundingClientRect();
      if (r.right > box.right || r.left < box.left || label.scrollWidth > label.clientWidth)
        cut.push('label: ' + text);
      const select = label.querySelector('select'), cs = getComputedStyle(select);
      c.font = cs.font;
      const room = select.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
        - 20;   // the arrow
      for (const o of select.options)
        if (c.measureText(o.text).width > room) cut.push(text + ': ' + o.text);
    }
  }
  return cut; }"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [1280, 390])
def test_filter_labels_and_choices_are_not_cut_off(browser, server, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    for path in ("actions/", "reflection/"):
        tab.goto(f"{server}/{lang}/{where(lang, path)}")
        assert tab.locator("form.guide-filter select, form[data-guide-cards] select").count() >= 1
        assert tab.evaluate(CUT_OFF) == [], path
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page, kind", [("dimensions", "dimension"),
                                        ("plc", "plc-characteristic"),
                                        ("attendance", "attendance-factor")])
def test_the_matrix_names_its_columns_keeps_them_in_view_and_has_targets_of_24px(
        browser, server, content, width, page, kind):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(f"{server}/nb/{where('nb', f'matrix/{page}')}")
    heads = tab.locator(f"#{kind}-caption >> xpath=.. >> thead th").all_inner_texts()
    assert heads[1:] == [f"{i}. {d.data['title']['nb']}"
                         for i, d in enumerate(content.entities[kind], 1)]
    region = tab.locator(".guide-matrix").first
    if width > 1000:   # on a desktop the table fits the column: no sideways scrolling
        assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    region.evaluate("r => r.scrollTop = 900")   # 900 px down the table: the names stay on top
    assert region.evaluate("r => r.scrollTop") > 800
    top = region.evaluate("r => r.getBoundingClientRect().top + r.clientTop")
    assert tab.locator(".guide-matrix thead th").first.evaluate(
        "th => th.getBoundingClientRect().top") == pytest.approx(top, abs=1)
    sizes = tab.eval_on_selector_all(".guide-matrix td a", "as => as.map(a => { "
                                     "const r = a.getBoundingClientRect(); "
                                     "return [r.width, r.height]; })")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_home_page_shows_search_ways_in_and_the_parts_early(browser, server,
                                                                           lang):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    tab.goto(f"{server}/{lang}/")
    ways = tab.locator("#ways-in")
    cards = tab.locator(".grid.cards").first
    assert ways.evaluate("e => e.getBoundingClientRect().top") < 800
    assert cards.evaluate("e => e.getBoundingClientRect().top") < 2 * 800
    links = tab.locator("#ways-in + ul a").evaluate_all("as => as.map(a => a.href)")
    assert len(links) == 5
    for href in links:   # every way in leads to a page that exists
        assert tab.request.get(href).ok, href
    tab.click("button[data-open-search]")
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert tab.is_checked("#__search")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["nb/reflection/", "sv/print/", "nb/worksheets/areas/{area}/",
                                  "sv/worksheets/attendance/{factor}/"])
def test_pages_made_for_printing_have_a_print_button_on_a_phone(browser, server, content, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    tab = context.new_page()
    lang, _, source = path.format(area=content.entities["area"][0].id,
                                  factor=content.entities["attendance-factor"][0].id).partition("/")
    tab.goto(f"{server}/{lang}/{where(lang, source)}")
    button = tab.get_by_role("button", name=content.ui["kit_print"][path[:2]], exact=True)
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24 and box["x"] + box["width"] <= 390
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390   # fits the phone
    button.click()
    assert tab.evaluate("window.printed") == 1
    tab.emulate_media(media="print")
    assert not button.is_visible()   # the button is not printed
    context.close()
