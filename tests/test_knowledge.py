"""PLC, attendance, the school owner and the sources: complete, in order, linked both ways."""

import re

import pytest
from conftest import built, href, where
from test_links import hrefs_in_section

# Bullets under each of the eight characteristics in skoleeierskap-plc-robinson.txt.
PLC_INDICATORS = [4, 2, 4, 4, 4, 4, 3, 4]
PLC_ORDER = ["shared-values-and-vision", "collective-responsibility",
             "collaboration-for-learning", "group-and-individual-learning", "reflective-inquiry",
             "openness-networks-partnerships", "inclusive-membership",
             "mutual-trust-respect-support"]
# The seven "Suksessfaktorer for tilstedeværelse" in skolefravaer-ledelse.txt; "Snakk om
# skolefravær" is a heading of its own there, so a topic page here.
FACTOR_ORDER = ["safe-adults-clear-frames", "community-against-exclusion",
                "listen-to-the-children", "early-intervention-collaboration",
                "flexible-provision", "relationships-and-safety", "long-term-follow-up"]
# Where each kind's pages live, and the field in which an action names them.
SERVED = {"dimension": ("dimensions", "dimensions"),
          "plc-characteristic": ("plc", "plc_characteristics"),
          "attendance-factor": ("attendance", "attendance_factors")}
LANGS = ["nb", "sv"]


def read(site, lang, *parts) -> str:
    """The built page known by its source path (its address is in its language)."""
    return built(site, lang, "/".join(parts)).read_text("utf-8")


def test_plc_has_the_eight_characteristics_with_every_indicator(content):
    plc = content.entities["plc-characteristic"]
    assert [c.id for c in plc] == PLC_ORDER
    assert [c.data["number"] for c in plc] == list(range(1, 9))
    assert [len(c.data["indicators"]) for c in plc] == PLC_INDICATORS


def test_attendance_has_the_seven_success_factors_in_the_sources_order(content):
    factors = content.entities["attendance-factor"]
    assert [f.id for f in factors] == FACTOR_ORDER
    assert [f.data["number"] for f in factors] == list(range(1, 8))
    talk = content.get("topic", "talk-about-absence")   # its own heading in the slides
    assert talk.data["pillar"] == "attendance" and talk.data["title"]["nb"] == "Snakk om skolefravær"


def test_every_entity_has_reflection_questions_in_both_languages(content):
    for kind, entities in content.entities.items():
        if kind in ("topic",):
            continue
        for entity in entities:
            questions = entity.data["reflection"]
            assert questions, (kind, entity.id)
            assert all(q["nb"].strip() and q["sv"].strip() for q in questions), entity.id


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(SERVED))
def test_pages_list_exactly_the_actions_that_name_them(site, content, kind, lang):
    folder, field = SERVED[kind]
    for target in content.entities[kind]:
        page = f"{folder}/{target.id}"
        wanted = {href(lang, page, f"actions/{a.id}") for a in content.entities["action"]
                  if target.id in a.data.get(field, [])}
        html = read(site, lang, page)
        listed = [h for h in hrefs_in_section(html, "actions")
                  if f"/{where(lang, 'actions/index')}" in h]   # into the actions' folder
        assert sorted(listed) == sorted(wanted), target.id


def test_actions_link_to_plc_and_attendance(content):
    """The links exist in both directions' data: every characteristic has actions."""
    plc = {c for a in content.entities["action"] for c in a.data.get("plc_characteristics", [])}
    assert plc == set(PLC_ORDER)
    factors = {f for a in content.entities["action"] for f in a.data.get("attendance_factors", [])}
    assert len(factors) >= 4


@pytest.mark.parametrize("lang", LANGS)
def test_action_pages_show_the_characteristics_and_factors_they_serve(site, content, lang):
    for action in content.entities["action"]:
        html = read(site, lang, "actions", action.id)
        for section, folder, field in (("plc", "plc", "plc_characteristics"),
                                       ("attendance", "attendance", "attendance_factors")):
            named = action.data.get(field, [])
            if named:
                assert hrefs_in_section(html, section) == [
                    href(lang, f"actions/{action.id}", f"{folder}/{x}") for x in sorted(
                        named, key=lambda x: [e.id for e in content.entities[
                            "plc-characteristic" if section == "plc" else
                            "attendance-factor"]].index(x))]
            else:
                assert f'id="{section}"' not in html


@pytest.mark.parametrize("lang", LANGS)
def test_characteristic_pages_show_every_indicator_with_its_anchor(site, content, lang):
    for c in content.entities["plc-characteristic"]:
        html = read(site, lang, "plc", c.id)
        for indicator in c.data["indicators"]:
            assert re.search(rf'<li[^>]* id="{indicator["id"]}"', html), indicator["id"]


def test_every_source_is_cited(content):
    cited = {s for entities in content.entities.values() for e in entities
             for s in e.data.get("sources", [])} | set(content.background["sources"])
    cited |= {d.data["effect_size"]["source"] for d in content.entities["dimension"]}
    cited |= {s for term in content.glossary for s in term.get("sources", [])}
    assert set(content.sources) == cited


@pytest.mark.parametrize("lang", LANGS)
def test_references_page_lists_every_source_once_with_its_citing_pages(site, content, lang):
    html = read(site, lang, "references")
    for source_id in content.sources:
        assert html.count(f'id="{source_id}"') == 1, source_id
    timperley = html.split('id="timperley-2011"')[1].split('class="guide-reference"')[0]
    assert f'href="{href(lang, "references", "plc/inquiry-cycle")}"' in timperley


@pytest.mark.parametrize("lang", LANGS)
def test_page_sources_link_to_the_references_page(site, content, lang):
    topic = content.entities["topic"][0]
    page = f"{topic.data['pillar']}/{topic.id}"
    html = read(site, lang, page)
    section = html.split('<h2 id="sources"')[1].split("</ul>")[0]
    links = re.findall(r'<a href="([^"#]+)', section)
    assert links == [href(lang, page, "references")] * len(topic.data["sources"])
    for source_id in topic.data["sources"]:
        assert f'href="{href(lang, page, f"references#{source_id}")}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_topic_tables_have_captions_and_header_cells(site, content, lang):
    tables = 0
    for topic in content.entities["topic"]:
        html = read(site, lang, topic.data["pillar"], topic.id)
        for table in re.findall(r"<table>.*?</table>", html, re.DOTALL):
            tables += 1
            assert "<caption>" in table and '<th scope="col">' in table
            assert table.count('<th scope="row">') == table.count("<tr>") - 1
    assert tables >= 4  # value chain, accountability, drivers, Løten's periods


@pytest.mark.parametrize("lang", LANGS)
def test_topics_follow_their_part_in_the_navigation(site, content, lang):
    html = read(site, lang)
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"', html)
    nav += re.findall(r'href="([^"]+)"[^>]*class="md-nav__link', html)
    order = [h for h in dict.fromkeys(nav)]
    for pillar in ("plc", "attendance", "school-owner"):
        topics = [where(lang, f"{pillar}/{t.id}") for t in content.entities["topic"]
                  if t.data["pillar"] == pillar]
        index = order.index(where(lang, pillar))
        assert order[index + 1:index + 1 + len(topics)] == topics


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_presents_every_pillar(site, lang):
    cards = read(site, lang).split('class="grid cards"')[1].split("</div>")[0]
    for section in ("actions/", "dimensions/", "capabilities/", "plc/", "attendance/",
                    "school-owner/", "references/"):
        assert f'href="{where(lang, section)}"' in cards, section


@pytest.mark.parametrize("lang", LANGS)
def test_section_pages_list_their_entities_and_topics(site, content, lang):
    for folder, kind in (("plc", "plc-characteristic"), ("attendance", "attendance-factor")):
        html = read(site, lang, folder)
        for entity in content.entities[kind]:
            assert f'href="{href(lang, f"{folder}/index", f"{folder}/{entity.id}")}"' in html
    for topic in content.entities["topic"]:
        pillar = topic.data["pillar"]
        html = read(site, lang, pillar)
        assert f'href="{href(lang, f"{pillar}/index", f"{pillar}/{topic.id}")}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_section_pages_cite_their_sources(site, content, lang):
    for folder in ("plc", "attendance", "school-owner"):
        html = read(site, lang, folder)
        references = re.escape(href(lang, f"{folder}/index", "references"))
        cited = re.findall(rf'href="{references}#([a-z0-9-]+)"', html)
        assert cited and set(cited) <= set(content.sources), folder


# Lists the sources give in full: (topic, section) -> number of items or table rows.
SOURCE_LISTS = {
    ("inquiry-cycle", "steps"): 5,                          # Timperley (2011), adapted
    ("leading-professional-learning", "leading-professional-learning"): 3,
    ("leadership-against-absence", "big-picture"): 3,
    ("leadership-against-absence", "leadership-and-structure"): 4,
    ("leadership-against-absence", "professional-community"): 4,
    ("leadership-against-absence", "early-intervention-and-participation"): 4,
    ("leadership-against-absence", "bridging-school-home-services"): 4,
    ("leadership-against-absence", "learning-points"): 5,
    ("value-chain", "four-points-four-questions"): 4,
    ("value-chain", "pedagogical-value-chain"): 4,
    ("accountability-and-drivers", "inner-and-outer-accountability"): 4,
    ("accountability-and-drivers", "wrong-and-right-drivers"): 4,
    ("accountability-and-drivers", "learning-organisation"): 5,  # Senge's five disciplines
    ("building-capacity", "collaborative-professionalism"): 6,
    ("cross-sector-collaboration", "ten-recommendations"): 10,
    ("loten-follow-up-plan", "indicators"): 3,
    ("loten-follow-up-plan", "six-areas-of-measures"): 6,
    ("loten-follow-up-plan", "goals-at-four-levels"): 4,
}


@pytest.mark.parametrize("topic_id, section_id", sorted(SOURCE_LISTS))
def test_topic_keeps_every_item_of_the_sources_list(content, topic_id, section_id):
    section = next(s for s in content.get("topic", topic_id).data["sections"]
                   if s["id"] == section_id)
    found = len(section.get("items", [])) or len(section.get("table", {}).get("rows", []))
    assert found == SOURCE_LISTS[topic_id, section_id]
