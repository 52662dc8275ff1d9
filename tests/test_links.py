"""Links between entities: computed from the content, shown on both sides, never by hand."""

import re

import pytest
from conftest import built, href, where

# Skolverket (2024): the areas in the source's order and how many actions each has.
AREA_SIZES = [11, 10, 12, 9, 9, 5, 6, 0]


def hrefs_in_section(html: str, section_id: str) -> list[str]:
    """Link targets between the heading with `section_id` and the next h2."""
    start = re.search(rf'<h2[^>]* id="{section_id}"', html).start()
    end = html.find("<h2", start + 1)
    return re.findall(r'<a [^>]*href="([^"#]+)"', html[start:end if end > 0 else None])


def test_areas_have_the_sources_number_of_actions(content):
    sizes = [sum(a.data["area"] == area.id for a in content.entities["action"])
             for area in content.entities["area"]]
    assert sizes == AREA_SIZES
    statuses = [area.data["status"] for area in content.entities["area"]]
    assert statuses == ["published"] * 7 + ["in-preparation"]


def test_every_dimension_an_action_names_exists(content):
    dimensions = {d.id for d in content.entities["dimension"]}
    for action in content.entities["action"]:
        assert action.data["dimensions"], action.id
        assert set(action.data["dimensions"]) <= dimensions, action.id


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_dimension_pages_list_exactly_the_actions_that_name_them(site, content, lang):
    for dim in content.entities["dimension"]:
        page = f"dimensions/{dim.id}"
        wanted = {href(lang, page, f"actions/{a.id}") for a in content.entities["action"]
                  if dim.id in a.data["dimensions"]}
        html = built(site, lang, page).read_text("utf-8")
        listed = [h for h in hrefs_in_section(html, "actions")
                  if f"/{where(lang, 'actions/index')}" in h]   # into the actions' folder
        assert sorted(listed) == sorted(wanted), dim.id


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_area_pages_list_their_actions_in_order(site, content, lang):
    for area in content.entities["area"]:
        page = f"areas/{area.id}"
        html = built(site, lang, page).read_text("utf-8")
        actions = [a for a in content.entities["action"] if a.data["area"] == area.id]
        if not actions:
            assert 'id="actions"' not in html
            continue
        assert hrefs_in_section(html, "actions") == [href(lang, page, f"actions/{a.id}")
                                                     for a in actions]


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_every_action_has_its_own_page_linking_back_to_area_and_dimensions(site, content, lang):
    for action in content.entities["action"]:
        page = f"actions/{action.id}"
        html = built(site, lang, page).read_text("utf-8")
        assert f'href="{href(lang, page, "areas/" + action.data["area"])}"' in html
        for dim in action.data["dimensions"]:
            assert f'href="{href(lang, page, "dimensions/" + dim)}"' in html


def test_action_descriptions_have_two_to_four_sentences(content):
    for action in content.entities["action"]:
        for lang, text in action.data["description"].items():
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
            assert 2 <= len(sentences) <= 4, (action.id, lang, len(sentences))


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_background_page_has_the_method_the_six_patterns_and_owner_support(site, content, lang):
    html = built(site, lang, "actions/background").read_text("utf-8")
    for section in ("method", "patterns", "owner-support", "sources"):
        assert re.search(rf'<h2[^>]* id="{section}"', html), section
    patterns = html.split(' id="patterns"')[1].split("<h2")[0]
    assert patterns.count("<li>") == len(content.background["patterns"]) == 6
    steps = html.split('class="guide-cycle"')[1].split("</ol>")[0]
    assert steps.count("<li>") == len(content.background["method"]["steps"]) == 4
