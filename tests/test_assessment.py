"""Self-assessments: items and scale from the content; answers, scores, rounds on the device."""

import json
import re
from pathlib import Path

import pytest

from guide.links import STATEMENTS

LANGS = ["nb", "sv"]


def statements(content, assessment) -> int:
    return sum(len(e.data[assessment["items_from"]])
               for e in content.entities[assessment["kind"]])


@pytest.mark.parametrize("lang", LANGS)
def test_every_statement_of_the_content_is_an_item_with_the_whole_scale(site, content, lang):
    scale = content.assessment["scale"]
    for assessment in content.assessment["assessments"]:
        assert assessment["items_from"] == STATEMENTS[assessment["kind"]]
        html = (site / lang / "assess" / assessment["id"] / "index.html").read_text("utf-8")
        items = html.count('<fieldset class="guide-item">')
        assert items == statements(content, assessment)
        assert html.count('<fieldset class="guide-group"') == len(
            content.entities[assessment["kind"]])
        assert html.count('type="radio"') == items * (len(scale) + 1)
        for step in scale:
            assert f'value="{step["value"]}"> {step["label"][lang]}</label>' in html
        assert f'value="dk"> {content.assessment["dont_know"][lang]}</label>' in html
    plc = (site / lang / "assess" / "plc" / "index.html").read_text("utf-8")
    assert plc.count('<fieldset class="guide-item">') == 29


def fill(page, answer) -> dict:
    """Answer every item with answer(group, index); returns {group: mean}."""
    groups = page.eval_on_selector_all(
        ".guide-group", "gs => gs.map(g => [g.dataset.group, "
        "Array.from(g.querySelectorAll('.guide-item input[value=dk]')).map(i => i.name)])")
    means = {}
    for group, names in groups:
        values = []
        for i, name in enumerate(names):
            value = answer(group, i)
            page.check(f'input[name="{name}"][value="{value}"]')
            if value != "dk":
                values.append(int(value))
        means[group] = sum(values) / len(values) if values else None
    return means


def shown(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@pytest.mark.browser
def test_a_team_fills_in_sees_where_to_begin_and_finds_its_answers_again(page, server, content):
    page.goto(f"{server}/nb/assess/dimensions/")
    weak = "teacher-learning"
    means = fill(page, lambda g, i: "1" if g == weak else ("dk" if i == 0 else str(2 + i % 3)))
    rows = page.eval_on_selector_all(".guide-results__table tbody tr",
                                      "rs => rs.map(r => r.lastElementChild.textContent)")
    assert rows == [shown(means[d.id]) for d in content.entities["dimension"]]
    assert page.get_attribute(".guide-results__chart svg", "role") == "img"
    assert page.locator(".guide-results__bar").count() == 5
    first = page.locator(".guide-weak").first
    assert first.get_attribute("data-weak") == weak
    actions = {f"../../actions/{a.id}/" for a in content.entities["action"]
               if weak in a.data["dimensions"]}
    links = set(first.locator("a[href^='../../actions/']").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"))
    assert links == actions
    question = content.get("dimension", weak).data["reflection"][0]["nb"]
    assert question in first.inner_text()
    assert 2 <= page.locator(".guide-weak").count() <= 3

    page.reload()
    checked = page.eval_on_selector_all("input[type=radio]:checked", "is => is.length")
    assert checked == 18
    assert page.locator(".guide-weak").first.get_attribute("data-weak") == weak


@pytest.mark.browser
def test_two_rounds_are_compared_and_everything_can_be_deleted(page, server, content):
    page.goto(f"{server}/sv/assess/attendance/")
    first = fill(page, lambda g, i: "2")
    page.fill("input[name=round-date]", "2026-03-01")
    page.click("[data-action=save-round]")
    second = fill(page, lambda g, i: "4" if g == "listen-to-the-children" else "3")
    page.fill("input[name=round-date]", "2026-09-01")
    page.click("[data-action=save-round]")
    heads = page.eval_on_selector_all(".guide-rounds__table thead th",
                                      "hs => hs.map(h => h.textContent)")
    assert heads[1:] == ["2026-03-01", "2026-09-01"]
    rows = page.eval_on_selector_all(
        ".guide-rounds__table tbody tr",
        "rs => rs.map(r => Array.from(r.querySelectorAll('td')).map(c => c.textContent))")
    factors = [f.id for f in content.entities["attendance-factor"]]
    assert rows == [[shown(first[f]), shown(second[f])] for f in factors]

    stored = page.evaluate("JSON.stringify(localStorage)")
    assert "sv-attendance" in stored and "2026-09-01" in stored
    page.click("[data-action=delete]")
    assert page.evaluate("localStorage.length") == 0
    assert page.eval_on_selector_all("input[type=radio]:checked", "is => is.length") == 0
    assert page.is_hidden(".guide-rounds__table")
    assert page.inner_text(".guide-results__status") != ""
    page.reload()
    assert page.eval_on_selector_all("input[type=radio]:checked", "is => is.length") == 0


@pytest.mark.browser
def test_answers_export_as_csv_and_json(page, server, content):
    page.goto(f"{server}/nb/assess/plc/")
    fill(page, lambda g, i: "3")
    with page.expect_download() as info:
        page.click("[data-action=export-csv]")
    csv = Path(info.value.path()).read_text("utf-8").splitlines()
    assert csv[0] == "part,statement,answer" and len(csv) == 30
    assert all(line.endswith(',"3"') for line in csv[1:])
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    data = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert len(data["current"]) == 29 and {s["mean"] for s in data["scores"]} == {3}


@pytest.mark.browser
def test_without_javascript_it_is_a_readable_questionnaire(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/nb/assess/plc/")
    assert tab.locator("fieldset.guide-item").count() == 29
    assert tab.is_hidden(".guide-results") and tab.is_hidden(".guide-assessment__tools")
    tab.check("fieldset.guide-item >> nth=0 >> input[value='4']")   # still answerable on screen
    legends = tab.locator("fieldset.guide-group > legend").all_inner_texts()
    assert len(legends) == 8 and re.match(r"1\. ", legends[0])
    context.close()
