"""Ways into the knowledge: matrix, filters, reflection cards, print, open data, discovery."""

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, built, href, source_at, where
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from guide.links import SERVES
from guide.outputs import entity_uri

LANGS = ["nb", "sv"]


def read(site, lang, *parts) -> str:
    """The built page known by its source path (its address is in its language)."""
    return built(site, lang, "/".join(parts)).read_text("utf-8")


def questions(content) -> int:
    return sum(len(e.data.get("reflection", [])) for entities in content.entities.values()
               for e in entities)


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_crosses_every_action_with_every_column(site, content, lang):
    actions = content.entities["action"]
    pages = {"dimension": "dimensions", "plc-characteristic": "plc",
             "attendance-factor": "attendance"}
    assert set(pages) == set(SERVES)
    for kind, field in SERVES.items():
        page = f"matrix/{pages[kind]}"
        html = read(site, lang, page)
        assert html.count('<table class="guide-matrix__table">') == 1
        table = html.split(f'aria-labelledby="{kind}-caption"')[1].split("</table>")[0]
        columns = content.entities[kind]
        assert table.count('<th scope="col"') == len(columns) + 1
        assert table.count('<th scope="row">') == len(actions)
        assert table.count('<th scope="rowgroup"') == 7
        cells = re.findall(r'<td><a href="([^"]+)" aria-label="[^"]+">', table)
        wanted = sorted(href(lang, page, f"actions/{a.id}") for a in actions
                        for _ in a.data.get(field, []))
        assert sorted(cells) == wanted


@pytest.mark.parametrize("lang", LANGS)
def test_reflection_cards_hold_every_question_with_a_link_back(site, content, lang):
    html = read(site, lang, "reflection")
    cards = html.split('class="guide-card"')[1:]
    entries = sum(len(v) for v in content.entities.values()) - len(
        [t for t in content.entities["topic"] if not t.data.get("reflection")])
    assert len(cards) == entries
    # A card holds its questions as numbered lists, one per run of questions with one origin.
    def asked(card):
        card = card.split("<h2")[0].split("</article>")[0]
        return sum(ol.count("<li>") for ol in re.findall(r"<ol>(.*?)</ol>", card, re.DOTALL))
    assert sum(asked(card) for card in cards) == questions(content)
    for action in content.entities["action"][:10]:
        assert f'href="{href(lang, "reflection", f"actions/{action.id}#reflection")}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_whole_guide_print_view_has_everything(site, content, lang):
    html = read(site, lang, "print")
    for kind, entities in content.entities.items():
        for e in entities:
            assert f'id="print-{kind}--{e.id}"' in html, (kind, e.id)
    assert html.count("<li>") > 300


def test_open_data_is_the_whole_content_and_follows_the_schemas(site, content):
    data = json.loads((site / "data" / "guide.json").read_text("utf-8"))
    assert [x["code"] for x in data["languages"]] == LANGS
    assert data["licence"].startswith("CC BY 4.0")
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in (site / "schemas").glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(s, default_specification=DRAFT202012))
        for name, s in schemas.items())
    for kind, entries in data["entries"].items():
        assert [e["id"] for e in entries] == [e.id for e in content.entities[kind]]
        schema = schemas[Path(data["schemas"][kind]).name]
        validator = Draft202012Validator(schema, registry=registry)
        for entry in entries:
            assert not list(validator.iter_errors(entry)), (kind, entry["id"])
            entity = content.get(kind, entry["id"])
            for code, address in data["pages"][kind][entry["id"]].items():
                assert address == f"{code}/{where(code, entity_uri(entity))}", address
                page, _, _anchor = address.partition("#")
                assert (site / page / "index.html").is_file(), address
    assert len(data["sources"]) == len(content.sources)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "data/guide.json" in readme and "CC BY 4.0" in readme


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_names_its_counterparts_and_the_sitemap_too(site, lang):
    """Each page names itself and the same page in the other language, at its address there."""
    pages = sorted((site / lang).rglob("index.html"))
    for path in pages:
        html = path.read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        rel = path.parent.relative_to(site / lang).as_posix()
        source = source_at(lang, rel)
        assert source is not None, rel
        for other in LANGS:
            there = where(other, source)
            assert f'hreflang="{other}" href="http://127.0.0.1:8000/{other}/{there}"' in html, rel
            assert built(site, other, source).is_file()
        assert 'hreflang="x-default"' in html
    sitemap = (site / lang / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<url>") == sitemap.count('hreflang="nb"') == sitemap.count(
        'hreflang="sv"')


@pytest.mark.parametrize("lang", LANGS)
def test_pages_describe_themselves_from_the_content(site, content, lang):
    action = content.entities["action"][3]
    html = read(site, lang, f"actions/{action.id}")
    description = " ".join(action.data["description"][lang].split())
    assert f'<meta name="description" content="{description}">' in html
    assert f'<meta property="og:title" content="{action.data["title"][lang]}">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    locale = {"nb": "nb_NO", "sv": "sv_SE"}[lang]
    assert f'<meta property="og:locale" content="{locale}">' in html


# -----------------------------------------------------------------------------
# In the browser
# -----------------------------------------------------------------------------

def visible_actions(page) -> list[str]:
    return page.eval_on_selector_all(
        ".guide-filter__group a[data-dimension]",
        "links => links.filter(a => a.offsetParent !== null).map(a => a.getAttribute('href'))")


@pytest.mark.browser
def test_filters_narrow_the_list_and_live_in_the_address(page, server, content):
    dim, plc = "teacher-learning", "reflective-inquiry"
    overview = f"{server}/nb/{where('nb', 'actions/index')}"

    def link(action):   # as the overview links to an action
        return href("nb", "actions/index", f"actions/{action.id}")

    page.goto(f"{overview}?dimension={dim}")
    wanted = [link(a) for a in content.entities["action"] if dim in a.data["dimensions"]]
    assert visible_actions(page) == wanted
    assert page.inner_text(".guide-filter__count").startswith(f"Viser {len(wanted)} av 62")
    page.select_option("select[name=plc]", plc)
    both = [link(a) for a in content.entities["action"]
            if dim in a.data["dimensions"] and plc in a.data.get("plc_characteristics", [])]
    assert visible_actions(page) == both and 0 < len(both) < len(wanted)
    assert page.url == f"{overview}?dimension={dim}&plc={plc}"
    page.goto(page.url)   # the shared address gives the same view
    assert visible_actions(page) == both
    page.select_option("select[name=time]", "5")
    short = [link(a) for a in content.entities["action"] if dim in a.data["dimensions"]
             and plc in a.data.get("plc_characteristics", [])
             and content.get("area", a.data["area"]).data["duration"]["max_months"] <= 5]
    assert visible_actions(page) == short
    page.click(".guide-filter button[type=reset]")
    page.wait_for_url(overview)
    assert len(visible_actions(page)) == 62


@pytest.mark.browser
def test_without_javascript_the_actions_overview_is_the_whole_list(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/sv/{where('sv', 'actions/index')}?dimension=teacher-learning")
    assert not tab.is_visible(".guide-filter")
    assert len(visible_actions(tab)) == 62
    context.close()


@pytest.mark.browser
def test_a_matrix_cell_leads_to_its_action(page, server, content):
    action = next(a for a in content.entities["action"] if a.data.get("attendance_factors"))
    factor = content.get("attendance-factor", action.data["attendance_factors"][0])
    page.goto(f"{server}/sv/{where('sv', 'matrix/attendance')}")
    cell = href("sv", "matrix/attendance", f"actions/{action.id}")
    page.click(f'[aria-labelledby="attendance-factor-caption"] td a[href="{cell}"]'
               f'[aria-label$="{factor.data["title"]["sv"]}"]')
    page.wait_for_url(f"{server}/sv/{where('sv', f'actions/{action.id}')}")


@pytest.mark.browser
def test_print_view_is_content_only_and_fits_a4(page, server, content, tmp_path):
    area = content.entities["area"][5]
    page.goto(f"{server}/nb/{where('nb', f'worksheets/areas/{area.id}')}")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-sidebar--primary") and not page.is_visible(".md-header")
    assert page.is_visible(".guide-write__print")   # each field prints as a box to write in
    sheet = tmp_path / "sheet.pdf"
    page.pdf(path=str(sheet), format="A4", print_background=False)
    sheet_pages = sheet.read_bytes().count(b"/Type /Page\n") or \
        len(re.findall(rb"/Type\s*/Page[^s]", sheet.read_bytes()))
    assert 1 <= sheet_pages <= 4
    page.goto(f"{server}/sv/{where('sv', 'print')}")
    whole = tmp_path / "whole.pdf"
    page.pdf(path=str(whole), format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", whole.read_bytes())) > 30


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_page_leads_to_each_table_and_keeps_its_old_anchors(site, lang):
    """The three tables were one page: links to matrix/#plc-characteristic still land on
    the way to that table."""
    html = read(site, lang, "matrix/index")
    for page, kind in (("dimensions", "dimension"), ("plc", "plc-characteristic"),
                       ("attendance", "attendance-factor")):
        table = re.escape(href(lang, "matrix/index", f"matrix/{page}"))
        assert re.search(rf'<a href="{table}" id="{kind}">', html), kind
    assert "guide-matrix" not in html
