"""Ways into the knowledge: matrix, filters, reflection cards, print, open data, discovery."""

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from guide.links import SERVES

LANGS = ["nb", "sv"]


def read(site, *parts) -> str:
    return (site.joinpath(*parts) / "index.html").read_text("utf-8")


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
        html = read(site, lang, f"matrix/{pages[kind]}")
        assert html.count('<table class="guide-matrix__table">') == 1
        table = html.split(f'aria-labelledby="{kind}-caption"')[1].split("</table>")[0]
        columns = content.entities[kind]
        assert table.count('<th scope="col"') == len(columns) + 1
        assert table.count('<th scope="row">') == len(actions)
        assert table.count('<th scope="rowgroup"') == 7
        cells = re.findall(r'<td><a href="\.\./\.\./actions/([^/]+)/" aria-label="[^"]+">', table)
        wanted = sorted(a.id for a in actions for _ in a.data.get(field, []))
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
        assert f'href="../actions/{action.id}/#reflection"' in html


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
            for address in data["pages"][kind][entry["id"]].values():
                page, _, _anchor = address.partition("#")
                assert (site / page / "index.html").is_file(), address
    assert len(data["sources"]) == len(content.sources)
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "data/guide.json" in readme and "CC BY 4.0" in readme


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_names_its_counterparts_and_the_sitemap_too(site, lang):
    pages = sorted((site / lang).rglob("index.html"))
    for path in pages:
        html = path.read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        rel = path.parent.relative_to(site / lang).as_posix()
        rel = "" if rel == "." else rel + "/"
        for other in LANGS:
            assert f'hreflang="{other}" href="http://127.0.0.1:8000/{other}/{rel}"' in html, rel
            assert (site / other / rel / "index.html").is_file()
        assert 'hreflang="x-default"' in html
    sitemap = (site / lang / "sitemap.xml").read_text("utf-8")
    assert sitemap.count("<url>") == sitemap.count('hreflang="nb"') == sitemap.count(
        'hreflang="sv"')


@pytest.mark.parametrize("lang", LANGS)
def test_pages_describe_themselves_from_the_content(site, content, lang):
    action = content.entities["action"][3]
    html = read(site, lang, "actions", action.id)
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
    page.goto(f"{server}/nb/actions/?dimension={dim}")
    wanted = [f"{a.id}/" for a in content.entities["action"] if dim in a.data["dimensions"]]
    assert visible_actions(page) == wanted
    assert page.inner_text(".guide-filter__count").startswith(f"Viser {len(wanted)} av 62")
    page.select_option("select[name=plc]", plc)
    both = [f"{a.id}/" for a in content.entities["action"]
            if dim in a.data["dimensions"] and plc in a.data.get("plc_characteristics", [])]
    assert visible_actions(page) == both and 0 < len(both) < len(wanted)
    assert page.url == f"{server}/nb/actions/?dimension={dim}&plc={plc}"
    page.goto(page.url)   # the shared address gives the same view
    assert visible_actions(page) == both
    page.select_option("select[name=time]", "5")
    short = [f"{a.id}/" for a in content.entities["action"] if dim in a.data["dimensions"]
             and plc in a.data.get("plc_characteristics", [])
             and content.get("area", a.data["area"]).data["duration"]["max_months"] <= 5]
    assert visible_actions(page) == short
    page.click(".guide-filter button[type=reset]")
    page.wait_for_url(f"{server}/nb/actions/")
    assert len(visible_actions(page)) == 62


@pytest.mark.browser
def test_without_javascript_the_actions_overview_is_the_whole_list(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/sv/actions/?dimension=teacher-learning")
    assert not tab.is_visible(".guide-filter")
    assert len(visible_actions(tab)) == 62
    context.close()


@pytest.mark.browser
def test_a_matrix_cell_leads_to_its_action(page, server, content):
    action = next(a for a in content.entities["action"] if a.data.get("attendance_factors"))
    factor = content.get("attendance-factor", action.data["attendance_factors"][0])
    page.goto(f"{server}/sv/matrix/attendance/")
    page.click(f'[aria-labelledby="attendance-factor-caption"] td a[href="../../actions/{action.id}/"]'
               f'[aria-label$="{factor.data["title"]["sv"]}"]')
    page.wait_for_url(f"{server}/sv/actions/{action.id}/")


@pytest.mark.browser
def test_print_view_is_content_only_and_fits_a4(page, server, content, tmp_path):
    area = content.entities["area"][5]
    page.goto(f"{server}/nb/worksheets/areas/{area.id}/")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-sidebar--primary") and not page.is_visible(".md-header")
    assert page.is_visible(".guide-write")
    sheet = tmp_path / "sheet.pdf"
    page.pdf(path=str(sheet), format="A4", print_background=False)
    sheet_pages = sheet.read_bytes().count(b"/Type /Page\n") or \
        len(re.findall(rb"/Type\s*/Page[^s]", sheet.read_bytes()))
    assert 1 <= sheet_pages <= 4
    page.goto(f"{server}/sv/print/")
    whole = tmp_path / "whole.pdf"
    page.pdf(path=str(whole), format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", whole.read_bytes())) > 30


@pytest.mark.parametrize("lang", LANGS)
def test_the_matrix_page_leads_to_each_table_and_keeps_its_old_anchors(site, lang):
    """The three tables were one page: links to matrix/#plc-characteristic still land on
    the way to that table."""
    html = read(site, lang, "matrix")
    for page, kind in (("dimensions", "dimension"), ("plc", "plc-characteristic"),
                       ("attendance", "attendance-factor")):
        assert re.search(rf'<a href="{page}/" id="{kind}">', html), kind
    assert "guide-matrix" not in html
