"""Self-assessments: items and scale from the content; answers, scores, rounds, the team view,
files in and out, all on the device (overrides/assets/javascripts/guide-assessment.js)."""

import csv
import json
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from html import unescape
from pathlib import Path

import pytest
from conftest import built, href, where

from guide import text
from guide.links import SERVES, STATEMENTS

LANGS = ["nb", "sv"]
HOSTILE = '=HYPERLINK("https://evil.example","klikk")'


def statements(content, assessment) -> int:
    return sum(len(e.data[assessment["items_from"]])
               for e in content.entities[assessment["kind"]])


@pytest.mark.parametrize("lang", LANGS)
def test_every_statement_of_the_content_is_an_item_with_the_whole_scale(site, content, lang):
    scale = content.assessment["scale"]
    for assessment in content.assessment["assessments"]:
        assert assessment["items_from"] == STATEMENTS[assessment["kind"]]
        html = built(site, lang, f"assess/{assessment['id']}").read_text("utf-8")
        items = html.count('<fieldset class="guide-item">')
        assert items == statements(content, assessment)
        assert html.count('<fieldset class="guide-group"') == len(
            content.entities[assessment["kind"]])
        assert html.count('type="radio"') == items * (len(scale) + 1)
        for step in scale:
            assert f'value="{step["value"]}"> {step["label"][lang]}</label>' in html
        assert f'value="dk"> {content.assessment["dont_know"][lang]}</label>' in html
    plc = built(site, lang, "assess/plc").read_text("utf-8")
    assert plc.count('<fieldset class="guide-item">') == 29


# -----------------------------------------------------------------------------
# Helpers: answers given in the browser, and the same numbers computed here
# -----------------------------------------------------------------------------

def ui(content, key: str, lang: str, **values) -> str:
    return text.fill(content.ui[key][lang], **{k: str(v) for k, v in values.items()})


def plain(value: str) -> str:
    """A content text as the page shows it (what textContent gives)."""
    return unescape(text.html(value))


def count(content, n: int, what: str, lang: str) -> str:
    return ui(content, f"assessment_count_{what}{'' if n == 1 else 's'}", lang, count=n)


def shown(value: float) -> str:
    """One decimal with a decimal comma, halves rounded up, as the page writes numbers."""
    tenths = Decimal(f"{value * 10:.12g}").quantize(Decimal(1), ROUND_HALF_UP)
    return f"{tenths / 10:.1f}".replace(".", ",")


def items_of(page) -> list[tuple[str, list[str]]]:
    """(part id, [item names]) in the page's order."""
    return page.eval_on_selector_all(
        ".guide-group", "gs => gs.map(g => [g.dataset.group, "
        "Array.from(g.querySelectorAll('.guide-item input[value=dk]')).map(i => i.name)])")


def fill(page, answer) -> dict:
    """Answer item i of each part with answer(part, i): "1".."4", "dk", or None to leave it as
    it is. Returns {part: [value or None]}."""
    given = {}
    for group, names in items_of(page):
        given[group] = []
        for i, name in enumerate(names):
            value = answer(group, i)
            if value is not None:
                page.check(f'input[name="{name}"][value="{value}"]')
            given[group].append(value)
    return given


def named(page, given: dict) -> dict:
    """{item name: value} of answers given by fill()."""
    return {name: value for group, names in items_of(page)
            for name, value in zip(names, given[group]) if value is not None}


def part_mean(values: list) -> float | None:
    numbers = [int(v) for v in values if v not in (None, "dk")]
    return sum(numbers) / len(numbers) if numbers else None


def checked(page) -> dict:
    return dict(page.eval_on_selector_all("input[type=radio]:checked",
                                          "is => is.map(i => [i.name, i.value])"))


def cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{selector} tbody tr",
        "rs => rs.map(r => Array.from(r.children).map(c => c.textContent))")


def download(page, action: str) -> bytes:
    with page.expect_download() as info:
        page.click(f"[data-action={action}]")
    return Path(info.value.path()).read_bytes()


def member_file(page, current: dict, respondent: str = "member0001", **changes) -> bytes:
    data = {"format": "guide-self-assessment", "version": 1,
            "assessment": page.get_attribute("form.guide-assessment", "data-id"),
            "lang": "nb", "exported": "2026-05-01T10:00:00.000Z", "respondent": respondent,
            "current": current, "rounds": []}
    return json.dumps(data | changes).encode("utf-8")


def upload(name: str, data: bytes) -> dict:
    return {"name": name, "mimeType": "application/json", "buffer": data}


class Dialogs:
    """Every dialog the page opens, answered with the next of `answers` (True: OK)."""

    def __init__(self, page):
        self.messages, self.answers = [], []
        page.on("dialog", self._answer)

    def _answer(self, dialog):
        self.messages.append(dialog.message)
        dialog.accept() if self.answers and self.answers.pop(0) else dialog.dismiss()

    def next(self, accept: bool):
        self.answers.append(accept)
        return self


# -----------------------------------------------------------------------------
# B. Results people can act on
# -----------------------------------------------------------------------------

def expected_actions(content, lang: str, kind: str, part: str, weak: list[str]):
    """[(action id, reason)] to start with for `part`: the actions serving it, ranked by how
    many of the weak parts they serve, the earliest step, the shorter area; 3, or up to 5 when
    the 4th and 5th serve another weak part too."""
    from guide.render import Renderer
    renderer = Renderer(content, lang)
    titles = {e["id"]: e["title"] for e in renderer.items[kind]}
    ranked = []
    for area, actions in renderer.links["actions_serving"][kind][part]:
        for action in actions:
            also = [w for w in weak if w != part and w in action[SERVES[kind]]]
            numbered = area.get("actions_numbered", True)
            months = area.get("duration") or {}
            reasons = [ui(content, "assessment_reason_also", lang, part=plain(titles[w]))
                       for w in also]
            if not numbered:
                reasons.append(ui(content, "assessment_reason_area", lang, area=plain(area["title"])))
            elif action["number"] == 1:
                reasons.append(ui(content, "assessment_reason_first", lang,
                                  area=plain(area["title"])))
            else:
                reasons.append(ui(content, "assessment_reason_step", lang, step=action["number"],
                                  area=plain(area["title"])))
            if months:
                reasons.append(ui(content, "assessment_reason_duration", lang,
                                  duration=plain(months["text"])))
            ranked.append(((-len(also), action["number"] if numbered else math.inf,
                            months.get("max_months", math.inf), months.get("min_months", math.inf),
                            len(ranked)), action["id"], " ".join(reasons), bool(also)))
    ranked.sort(key=lambda r: r[0])
    chosen = ranked[:3] + [r for r in ranked[3:5] if r[3]]
    return [(r[1], r[2]) for r in chosen], ranked


@pytest.mark.browser
def test_results_show_a_scale_the_basis_of_each_mean_and_where_to_begin(page, server, content):
    page.goto(f"{server}/nb/{where('nb', 'assess/dimensions')}")
    answers = {"teacher-learning": ["1", "1", "1"], "strategic-resourcing": ["1", "2", "dk", "2"],
               "orderly-environment": ["2", None, None, None],
               "goals-and-expectations": ["4", "4", "4"], "quality-teaching": ["3", "dk", "3", "3"]}
    given = fill(page, lambda g, i: answers[g][i])
    dims = content.entities["dimension"]
    label = {d.id: f"{n}. {plain(d.data['title']['nb'])}" for n, d in enumerate(dims, 1)}
    means = {g: part_mean(v) for g, v in given.items()}

    def basis(g):
        n = sum(v not in (None, "dk") for v in given[g])
        return ui(content, "assessment_based_on", "nb", answered=n, items=len(given[g]))

    # The table: how many answered, and the mean with its basis when a part is partly answered.
    expected = []
    for d in dims:
        n, m = sum(v not in (None, "dk") for v in given[d.id]), len(given[d.id])
        mean = shown(means[d.id]) + (f" ({basis(d.id)})" if n < m else "")
        expected.append([label[d.id], f"{n} av {m}", mean])
    assert cells(page, ".guide-results__table") == expected
    assert "basert på 1 av 4" in expected[4][2]

    # The chart: a scale 1..4, one label per part, every value in its accessible name.
    assert page.get_attribute(".guide-results__chart svg", "role") == "img"
    ticks = page.locator(".guide-results__tick").all_text_contents()
    assert ticks == ["1", "2", "3", "4"]
    assert page.locator(".guide-results__label").count() == 5
    assert page.locator(".guide-results__bar").count() == 5
    name = page.get_attribute(".guide-results__chart svg", "aria-label")
    for d in dims:
        assert f"{label[d.id]}: {shown(means[d.id])}" in name
    legend = page.inner_text(".guide-results__legend")
    for step in content.assessment["scale"]:
        assert f"{step['value']} = {step['label']['nb']}" in legend

    # Where to begin: the three weakest, each saying why, each with 3-5 actions ranked, each
    # with its reason.
    weak = ["teacher-learning", "strategic-resourcing", "orderly-environment"]
    assert page.eval_on_selector_all(".guide-weak", "ws => ws.map(w => w.dataset.weak)") == weak
    assert page.inner_text(".guide-weak__intro") == ui(content, "assessment_weakest_intro", "nb")
    assert page.locator(".guide-weak h4").all_text_contents() == [label[w] for w in weak]
    why = page.locator(".guide-weak__reason").all_text_contents()
    assert why[0] == "Hvorfor: " + ui(content, "assessment_why_low_own", "nb", mean="1,0")
    assert why[2] == "Hvorfor: " + ui(content, "assessment_why_low_own", "nb",
                                      mean=f"2,0 ({basis('orderly-environment')})")
    for part in weak:
        box = page.locator(f".guide-weak[data-weak='{part}']")
        shown_actions = box.locator(".guide-weak__actions > li")
        hrefs = shown_actions.locator("a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))")
        reasons = shown_actions.locator(".guide-weak__why").all_text_contents()
        wanted, ranked = expected_actions(content, "nb", "dimension", part, weak)
        assert hrefs == [href("nb", "assess/dimensions", f"actions/{a}") for a, _ in wanted]
        assert reasons == [r for _, r in wanted] and all(reasons)
        assert 3 <= len(hrefs) <= 5 if len(ranked) >= 3 else len(hrefs) == len(ranked)
    # An action that also serves another weak part comes first, and says so.
    first = page.locator(".guide-weak[data-weak='teacher-learning'] .guide-weak__actions > li").first
    assert first.get_attribute("data-also") != ""
    assert "Styrker også «" in first.inner_text()
    question = content.get("dimension", "teacher-learning").data["reflection"][0]["nb"]
    assert question in page.inner_text(".guide-weak[data-weak='teacher-learning']")

    page.reload()
    assert len(checked(page)) == sum(v is not None for vs in given.values() for v in vs)
    assert page.locator(".guide-weak").first.get_attribute("data-weak") == "teacher-learning"


@pytest.mark.browser
def test_a_weak_part_without_actions_shows_what_the_source_suggests(page, server, content):
    page.goto(f"{server}/sv/{where('sv', 'assess/attendance')}")
    factors = content.entities["attendance-factor"]
    bare = [f for f in factors if not any(
        f.id in a.data.get("attendance_factors", []) for a in content.entities["action"])]
    assert bare, "every factor has actions: this test needs one without"
    part = bare[0]
    fill(page, lambda g, i: "1" if g == part.id else "4")
    box = page.locator(f".guide-weak[data-weak='{part.id}']")
    assert ui(content, "assessment_no_actions", "sv") in box.inner_text()
    assert box.locator(".guide-recommend__statements li").all_text_contents() == [
        plain(s["sv"]) for s in part.data["leaders_do"]]


# -----------------------------------------------------------------------------
# A. The team: two members on their own devices, a leader who imports their files
# -----------------------------------------------------------------------------

VALUES = ["1", "2", "3", "4", "dk"]


def member_a(k: int, i: int):
    """Member A: some "Vet ikke", part 3 partly unanswered, part 5 only "Vet ikke"."""
    if k == 2 and i >= 2:
        return None
    if k == 4:
        return "dk"
    return VALUES[(k + i) % 5]


def member_b(k: int, i: int):
    return "dk" if (k, i) == (1, 0) else str(1 + (2 * k + 3 * i) % 4)


def answer_by_index(page, how):
    order = [g for g, _ in items_of(page)]
    return lambda g, i: how(order.index(g), i)


def tenths(value: float) -> int:
    """A value as the page shows it, in tenths (halves rounded up)."""
    return int(Decimal(f"{value * 10:.12g}").quantize(Decimal(1), ROUND_HALF_UP))


def exact(value: float) -> float:
    return float(f"{value:.12g}")


def team_rows(content, people: list[dict], lang: str = "nb") -> list[dict]:
    """Per attendance factor: the team's numbers from each person's {part: [values]}, each
    person counting once."""
    rows = []
    for k, factor in enumerate(content.entities["attendance-factor"]):
        means = [m for m in (part_mean(p[factor.id]) for p in people) if m is not None]
        n = len(means)
        mean = sum(means) / n if n else None
        rows.append({"id": factor.id, "index": k, "answered": n, "mean": mean,
                     "low": min(means) if n else None, "high": max(means) if n else None,
                     "sd": math.sqrt(sum((m - mean) ** 2 for m in means) / n) if n else None,
                     "dk": sum(v == "dk" for p in people for v in p[factor.id]),
                     "label": f"{k + 1}. {plain(factor.data['title'][lang])}"})
    return rows


def team_table(content, people: list[dict], lang: str = "nb"):
    """The team table's cells and the team's mean per part."""
    expected = [[r["label"], f"{r['answered']} av {len(people)}",
                 shown(r["mean"]) if r["answered"] else "–",
                 f"{shown(r['low'])}–{shown(r['high'])}" if r["answered"] else "–",
                 shown(r["sd"]) if r["answered"] else "–", str(r["dk"])]
                for r in team_rows(content, people, lang)]
    return expected, {r["id"]: r["mean"] for r in team_rows(content, people)}


def proposed(rows: list[dict]) -> list[tuple[str, str]]:
    """[(part, why)] as the page proposes them: the three lowest team means, then up to two
    parts where the lowest and highest member means, as shown, lie 1,0 or more apart, the
    largest standard deviation first; why: "low", "split" or "low split"."""
    scored = [r for r in rows if r["mean"] is not None]
    low = sorted(scored, key=lambda r: (exact(r["mean"]), r["index"]))[:3]
    split = sorted([r for r in scored if r["answered"] >= 2
                    and tenths(r["high"]) - tenths(r["low"]) >= 10],
                   key=lambda r: (-exact(r["sd"]), -(tenths(r["high"]) - tenths(r["low"])),
                                  r["index"]))
    chosen = [(r["id"], "low split" if r in split else "low") for r in low]
    return chosen + [(r["id"], "split") for r in split if r not in low][:2]


@pytest.mark.browser
def test_a_team_of_two_is_summed_up_part_by_part_and_a_member_counts_once(browser, server,
                                                                         content):
    files = {}
    for who, lang, how in (("a", "nb", member_a), ("b", "sv", member_b)):
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"{server}/{lang}/{where(lang, 'assess/attendance')}")
        files[who] = (fill(tab, answer_by_index(tab, how)), download(tab, "export-json"))
        context.close()
    for who in "ab":
        data = json.loads(files[who][1])
        assert data["format"] == "guide-self-assessment" and data["version"] == 1
        assert data["assessment"] == "attendance" and data["lang"] == ("nb" if who == "a" else "sv")
        assert re.fullmatch(r"[0-9a-f]{24}", data["respondent"])
    assert json.loads(files["a"][1])["respondent"] != json.loads(files["b"][1])["respondent"]

    # The leader answers too, and counts as one member among the others.
    leader = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = leader.new_page()
    page.goto(f"{server}/nb/{where('nb', 'assess/attendance')}")
    own = fill(page, lambda g, i: "3")
    page.set_input_files("input[name=team-files]", [upload("deltaker-a.json", files["a"][1]),
                                                     upload("deltagare-b.json", files["b"][1])])
    page.wait_for_selector(".guide-team__status li >> nth=1")
    member = lambda n: ui(content, "assessment_team_member", "nb", number=n)
    assert page.locator(".guide-team__status li").all_text_contents() == [
        ui(content, "assessment_team_added", "nb", file="deltaker-a.json", member=member(1)),
        ui(content, "assessment_team_added", "nb", file="deltagare-b.json", member=member(2))]
    assert page.inner_text(".guide-team__count") == ui(
        content, "assessment_team_count", "nb", members="3 deltakere")
    assert page.inner_text(".guide-team__alert") == ""

    # Every cell, computed here from what the leader and the two members answered.
    expected, team_means = team_table(content, [own, files["a"][0], files["b"][0]])
    table = cells(page, ".guide-team__table")
    assert table == expected
    assert table[4][1] == "2 av 3" and table[2][1] == "3 av 3"   # only "Vet ikke" from A in 5
    assert any(row[4] != "0,0" for row in table)

    # The same member again (the same answers) takes the earlier file's place: nothing counts
    # twice.
    page.set_input_files("input[name=team-files]", [upload("deltaker-a.json", files["a"][1])])
    page.wait_for_selector(".guide-team__status:has-text('fra før')")
    assert page.inner_text(".guide-team__status") == ui(
        content, "assessment_team_replaced", "nb", file="deltaker-a.json", member=member(1))
    assert page.inner_text(".guide-team__count") == ui(
        content, "assessment_team_count", "nb", members="3 deltakere")
    assert cells(page, ".guide-team__table") == expected

    # The team's means as a round, marked as the team's.
    page.fill("input[name=team-date]", "2026-06-01")
    page.click("[data-action=save-team-round]")
    heads = page.locator(".guide-rounds__table thead th").all_text_contents()
    assert heads[1:] == ["01.06.2026 (team, 3 deltakere)"]   # nb writes days as dd.mm.yyyy
    assert [row[1] for row in cells(page, ".guide-rounds__table")] == [
        shown(m) if m is not None else "–" for m in team_means.values()]

    # Kept on this device, and on a phone nothing scrolls sideways but the table's own box.
    page.reload()
    assert cells(page, ".guide-team__table") == expected
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function("document.querySelector('.guide-results__svg').getAttribute('width')"
                           " <= 360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    leader.close()


@pytest.mark.browser
def test_a_file_that_is_not_right_is_refused_by_name_and_the_rest_load(page, server, content):
    page.goto(f"{server}/nb/{where('nb', 'assess/attendance')}")
    names = [name for _, group in items_of(page) for name in group]
    good = {name: "2" for name in names}
    hostile_name = '<img src=x onerror="document.title=1">.json'
    page.set_input_files("input[name=team-files]", [
        upload("god.json", member_file(page, good | {"<img src=x onerror=alert(1)>": "3"})),
        upload("plc.json", member_file(page, good, assessment="plc")),
        upload("annet.json", member_file(page, good, format="something-else")),
        upload("ødelagt.json", b'{"format": "guide-self-assessment", '),
        upload("ni.json", member_file(page, good | {names[0]: "9"}, respondent="member0002")),
        upload("dato.json", member_file(page, good, respondent="member0003",
                                        rounds=[{"date": "2026-13-45", "answers": {}}])),
        upload("stor.json", b" " * (1024 * 1024 + 1)),
        upload(hostile_name, b"<script>alert(1)</script>"),
        upload("{reason}.json", b"{"),   # a name the message must show as it is
        # No statement this assessment knows (another version of the guide, or an empty form).
        upload("ukjent.json", member_file(page, {"old-part--1": "2", "old-part--2": "3"},
                                          respondent="member0004")),
        upload("tom.json", member_file(page, {}, respondent="member0005"))])
    page.wait_for_selector(".guide-team__alert li >> nth=9")
    reason = lambda key: ui(content, f"assessment_reason_{key}", "nb")
    refused = lambda file, key: ui(content, "assessment_file_rejected", "nb",
                                   file=file, reason=reason(key))
    assert page.locator(".guide-team__alert li").all_text_contents() == [
        refused("plc.json", "assessment"), refused("annet.json", "format"),
        refused("ødelagt.json", "json"), refused("ni.json", "values"),
        refused("dato.json", "values"), refused("stor.json", "size"),
        refused(hostile_name, "json"), refused("{reason}.json", "json"),
        refused("ukjent.json", "empty"), refused("tom.json", "empty")]
    assert page.get_attribute(".guide-team__alert", "role") == "alert"
    # The good file loads; the one statement it has that this page does not know is named.
    assert page.locator(".guide-team__status li").all_text_contents() == [
        ui(content, "assessment_unknown", "nb", file="god.json", count=1),
        ui(content, "assessment_team_added", "nb", file="god.json",
           member=ui(content, "assessment_team_member", "nb", number=1))]
    assert page.inner_text(".guide-team__count") == "Teamets resultat bygger på svar fra 1 deltaker."
    assert {row[2] for row in cells(page, ".guide-team__table")} == {"2,0"}
    # Markup in a file's name or keys stays text.
    assert page.locator(".guide-team img, .guide-results img").count() == 0
    assert page.title() != "1"
    assert "onerror" not in page.evaluate("localStorage.getItem('guide-assessment-team:nb-attendance')")

    # One's own file is checked the same way, and a refused one changes nothing.
    fill(page, lambda g, i: "4")
    before = checked(page)
    page.set_input_files("input[name=restore]", [upload("plc.json", member_file(
        page, good, assessment="plc"))])
    page.wait_for_selector(".guide-assessment__alert:has-text('plc.json')")
    assert page.inner_text(".guide-assessment__alert") == refused("plc.json", "assessment")
    assert checked(page) == before
    page.set_input_files("input[name=restore]", [upload("ukjent.json", member_file(
        page, {"old-part--1": "2"}))])
    page.wait_for_selector(".guide-assessment__alert:has-text('ukjent.json')")
    assert page.inner_text(".guide-assessment__alert") == refused("ukjent.json", "empty")
    assert checked(page) == before


@pytest.mark.browser
def test_ones_own_file_restores_answers_and_rounds_on_another_device(browser, server, content):
    first = browser.new_context()
    tab = first.new_page()
    tab.goto(f"{server}/nb/{where('nb', 'assess/dimensions')}")
    fill(tab, lambda g, i: "2")
    tab.fill("input[name=round-date]", "2026-02-01")
    tab.click("[data-action=save-round]")
    given = fill(tab, lambda g, i: "dk" if i == 0 else str(1 + (len(g) + i) % 4))
    exported = download(tab, "export-json")
    again = download(tab, "export-json")
    first.close()
    data = json.loads(exported)
    assert json.loads(again)["respondent"] == data["respondent"]   # once per device
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", data["exported"])
    assert [r["date"] for r in data["rounds"]] == ["2026-02-01"]
    assert set(data["rounds"][0]["scores"].values()) == {2}
    assert len(data["rounds"][0]["answers"]) == 18

    second = browser.new_context()
    page = second.new_page()
    dialogs = Dialogs(page)
    page.goto(f"{server}/nb/{where('nb', 'assess/dimensions')}")
    assert named(page, given) == data["current"]
    page.set_input_files("input[name=restore]", [upload("mine.json", exported)])
    page.wait_for_selector(".guide-assessment__status:has-text('mine.json')")
    assert dialogs.messages == []   # nothing here to replace: no question
    assert checked(page) == data["current"]
    assert page.locator(".guide-rounds__table thead th").all_text_contents()[1:] == ["01.02.2026"]
    assert page.inner_text(".guide-assessment__status") == ui(
        content, "assessment_restored", "nb", file="mine.json", answers=18,
        rounds=count(content, 1, "round", "nb"))

    # With answers here, it asks first; no keeps them, yes replaces them.
    name = next(iter(data["current"]))
    page.check(f'input[name="{name}"][value="4"]')
    dialogs.next(False)
    with page.expect_event("dialog"):
        page.set_input_files("input[name=restore]", [upload("mine.json", exported)])
    assert len(dialogs.messages) == 1 and "18 svar og 1 omgang" in dialogs.messages[0]
    assert checked(page)[name] == "4"
    dialogs.next(True)
    page.set_input_files("input[name=restore]", [upload("mine.json", exported)])
    page.wait_for_selector(".guide-assessment__status:has-text('mine.json')")
    assert len(dialogs.messages) == 2 and checked(page) == data["current"]
    page.reload()
    assert checked(page) == data["current"]
    second.close()


# Three members, each on their own device; the leader's file table, proposals and meeting plan
TEAM = {"a": [1, 2, 3, 3, 3, 4, 3], "b": [2, 2, 3, 3, 3, 1, 3], "c": [1, 3, 2, 3, 3, 2, 3]}
LEADER = [3, 3, 3, 3, 3, 3, 1]


def member_device(browser, server, lang: str, values: list[int], label: str = ""):
    """One member on a device of their own: ({part: [values]}, file name, file)."""
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    tab.goto(f"{server}/{lang}/{where(lang, 'assess/attendance')}")
    if label:
        tab.fill("input[name=label]", label)
    given = fill(tab, answer_by_index(tab, lambda k, i: str(values[k])))
    with tab.expect_download() as info:
        tab.click("[data-action=export-json]")
    name, data = info.value.suggested_filename, Path(info.value.path()).read_bytes()
    context.close()
    return given, name, data


def browser_day(page) -> str:
    """Today in the browser, YYYY-MM-DD."""
    return page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), "
                         "String(d.getMonth() + 1).padStart(2, '0'), "
                         "String(d.getDate()).padStart(2, '0')].join('-'); })()")


def written(content, lang: str, iso: str) -> str:
    """A day as the language writes it (content/languages.yaml date_format)."""
    fmt = next(x["date_format"] for x in content.languages if x["code"] == lang)
    year, month, day = iso.split("-")
    return fmt.replace("%Y", year).replace("%m", month).replace("%d", day)


def why_text(content, lang: str, row: dict, why: str, members: int) -> str:
    reasons = []
    if "low" in why:
        reasons.append(ui(content, "assessment_why_low_team", lang, mean=shown(row["mean"]),
                          answered=row["answered"], members=members))
    if "split" in why:
        reasons.append(ui(content, "assessment_why_split", lang, low=shown(row["low"]),
                          high=shown(row["high"]), sd=shown(row["sd"])))
    return content.ui["assessment_why"][lang] + " " + " ".join(reasons)


def check_proposals(page, content, lang: str, people: list[dict]):
    """The parts proposed, in order, each with why, its actions and its reflection questions."""
    rows = {r["id"]: r for r in team_rows(content, people, lang)}
    wanted = proposed(list(rows.values()))
    assert page.eval_on_selector_all(
        ".guide-weak", "ws => ws.map(w => [w.dataset.weak, w.dataset.why])") == [
        list(w) for w in wanted]
    assert page.inner_text(".guide-weak__intro") == ui(
        content, "assessment_weakest_team", lang, gap=shown(1),
        members=count(content, len(people), "member", lang))
    assert page.locator(".guide-weak__reason").all_text_contents() == [
        why_text(content, lang, rows[part], why, len(people)) for part, why in wanted]
    factors = {f.id: f for f in content.entities["attendance-factor"]}
    for part, _ in wanted:
        box = page.locator(f".guide-weak[data-weak='{part}']")
        assert box.locator(".guide-weak__actions > li a, .guide-recommend__statements li").count()
        assert box.locator(".guide-recommend__questions li").all_text_contents() == [
            plain(q[lang]) for q in factors[part].data["reflection"]]
    return wanted


@pytest.mark.browser
@pytest.mark.parametrize("lang, width", [("nb", 1280), ("sv", 390)])
def test_a_team_of_three_goes_from_their_files_to_a_printed_meeting_plan(browser, server,
                                                                         content, lang, width):
    files = {who: member_device(browser, server, lang, values, "Kari" if who == "a" else "")
             for who, values in TEAM.items()}
    leader = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True,
                                 accept_downloads=True)
    # Printing is recorded, with the classes the page has at that moment.
    leader.add_init_script("window.print = () => { window.printed = (window.printed || [])"
                           ".concat([document.documentElement.className]); };")
    page = leader.new_page()
    dialogs = Dialogs(page)
    page.goto(f"{server}/{lang}/{where(lang, 'assess/attendance')}")
    assert page.locator(".guide-weak").count() == 0
    page.set_input_files("input[name=team-files]",
                         [upload(name, data) for _, name, data in files.values()])
    page.wait_for_selector(".guide-team__status li >> nth=2")
    people = [given for given, _, _ in files.values()]
    assert cells(page, ".guide-team__table") == team_table(content, people, lang)[0]

    # Where to begin, from the team: the lowest means first, then where they disagree most.
    wanted = check_proposals(page, content, lang, people)
    assert wanted == [("safe-adults-clear-frames", "low split"),
                      ("community-against-exclusion", "low split"),
                      ("relationships-and-safety", "low split"),
                      ("listen-to-the-children", "split")]

    # The leader answers too, and imports their own file as well: counted once, as a member.
    own = fill(page, answer_by_index(page, lambda k, i: str(LEADER[k])))
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    page.set_input_files("input[name=team-files]", [upload(
        info.value.suggested_filename, Path(info.value.path()).read_bytes())])
    page.wait_for_selector(".guide-team__status:not(:empty)")
    assert page.inner_text(".guide-team__status") == ui(
        content, "assessment_team_own", lang, file=info.value.suggested_filename)
    assert page.locator(".guide-team__members li").count() == 5   # the form and four files
    assert page.inner_text(".guide-team__members li >> nth=4").count(
        content.ui["assessment_team_flag_own"][lang]) == 1
    people = [own] + people
    assert page.inner_text(".guide-team__count") == ui(
        content, "assessment_team_count", lang, members=count(content, 4, "member", lang))
    assert cells(page, ".guide-team__table") == team_table(content, people, lang)[0]
    wanted = check_proposals(page, content, lang, people)
    assert [why for _, why in wanted] == ["low split"] * 3 + ["split"] * 2

    # The meeting plan: the team table, the parts with their actions and questions; no form.
    button = page.locator("[data-action=print-plan]")
    box = button.bounding_box()
    assert box["height"] >= 24 and box["x"] + box["width"] <= width
    button.click()
    printed = page.evaluate("window.printed")
    assert len(printed) == 1 and "guide-print-plan" in printed[0].split()
    page.emulate_media(media="print")
    assert page.locator(".guide-plan__head p").all_inner_texts() == [
        content.ui["assessment_plan_title"][lang],
        ui(content, "assessment_plan_team", lang, members=count(content, 4, "member", lang),
           date=written(content, lang, browser_day(page)))]
    for visible in ["h1", ".guide-plan__head", ".guide-team__table", "#weakest",
                    ".guide-weak >> nth=4", ".guide-weak__actions li >> nth=0",
                    ".guide-recommend__questions li >> nth=0", ".guide-weak__reason >> nth=4"]:
        assert page.is_visible(visible), visible
    for hidden in ["form.guide-assessment", ".guide-results__table", ".guide-rounds",
                   ".guide-team__file", ".guide-team__members", "#results", "#rounds",
                   ".guide-plan__tools", ".guide-recommend__kit", ".guide-storage"]:
        assert all(not page.is_visible(f"{hidden} >> nth={n}")
                   for n in range(page.locator(hidden).count())), hidden
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
    # After printing, the page prints whole again (the form and the team table, no controls).
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.is_visible("form.guide-assessment") and page.is_visible(".guide-team__table")
    assert not page.is_visible(".guide-team__file")
    page.emulate_media(media="screen")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert dialogs.messages == []
    leader.close()


@pytest.mark.browser
def test_one_member_is_removed_after_saying_what_is_lost(browser, server, content):
    files = [member_device(browser, server, "nb", values) for values in TEAM.values()]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = Dialogs(page)
    page.goto(f"{server}/nb/{where('nb', 'assess/attendance')}")
    page.set_input_files("input[name=team-files]",
                         [upload(f"fil-{n}.json", data) for n, (_, _, data) in enumerate(files, 1)])
    page.wait_for_selector(".guide-team__status li >> nth=2")
    member = lambda n: ui(content, "assessment_team_member", "nb", number=n)
    remove = page.get_by_role("button", name=f"Fjern {member(2)}")
    answered = sum(len(v) for v in files[1][0].values())

    dialogs.next(False)
    remove.click()
    assert dialogs.messages == [ui(content, "assessment_team_remove_confirm", "nb",
                                   member=member(2), file="fil-2.json", answers=answered)]
    assert page.locator(".guide-team__members li").count() == 3

    dialogs.next(True)
    remove.click()
    assert len(dialogs.messages) == 2
    assert page.inner_text(".guide-team__status") == ui(content, "assessment_team_removed", "nb",
                                                        member=member(2))
    people = [files[0][0], files[2][0]]
    assert cells(page, ".guide-team__table") == team_table(content, people)[0]
    check_proposals(page, content, "nb", people)
    # The others keep their numbers; focus moves to the next member's button.
    assert page.evaluate("document.activeElement.textContent") == f"Fjern {member(3)}"
    page.reload()
    assert [li.split(":")[0] for li in page.locator(
        ".guide-team__members li").all_inner_texts()] == [member(1), member(3)]
    assert cells(page, ".guide-team__table") == team_table(content, people)[0]
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_exported_file_names_carry_the_member_and_the_date(page, server, content, lang):
    page.goto(f"{server}/{lang}/{where(lang, 'assess/attendance')}")
    title = next(a["title"][lang] for a in content.assessment["assessments"]
                 if a["id"] == "attendance")
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    fill(page, lambda g, i: "2")
    day = browser_day(page)

    # Without a label: "member" and the start of the respondent id.
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    data = json.loads(Path(info.value.path()).read_bytes())
    member = content.ui["assessment_team_member"][lang].split(" ")[0].lower()
    assert "label" not in data
    assert info.value.suggested_filename == (
        f"{slug}-{member}-{data['respondent'][:6]}-{day}.json")

    # With a label, made safe for a file name (and kept as it was typed in the file).
    label = 'Åse / "rektor" <b>: ..\\ 2'
    page.fill("input[name=label]", label)
    address = page.url
    page.press("input[name=label]", "Enter")   # sends nothing, stays on the page
    page.wait_for_timeout(500)
    assert page.url == address
    for action, ext in (("export-json", "json"), ("export-csv", "csv")):
        with page.expect_download() as info:
            page.click(f"[data-action={action}]")
        assert info.value.suggested_filename == f"{slug}-åse-rektor-b-2-{day}.{ext}"
    with page.expect_download() as info:
        page.click("[data-action=export-json]")
    labelled = json.loads(Path(info.value.path()).read_bytes())
    assert labelled["label"] == label and labelled["respondent"] == data["respondent"]
    assert labelled["version"] == 1
    page.reload()
    assert page.input_value("input[name=label]") == label

    # The leader sees the label in the team; a file from before labels still imports.
    page.set_input_files("input[name=team-files]", [
        upload("a.json", json.dumps(labelled).encode()),
        upload("old.json", member_file(page, {name: "3" for _, names in items_of(page)
                                              for name in names}, respondent="old0001"))])
    page.wait_for_selector(".guide-team__status li >> nth=1")
    lines = page.locator(".guide-team__members li").all_inner_texts()
    named_member = ui(content, "assessment_team_named", lang, label=label,
                      member=ui(content, "assessment_team_member", lang, number=1))
    assert any(line.startswith(named_member) for line in lines)


@pytest.mark.browser
def test_two_people_on_one_device_stay_apart(browser, server, content):
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    dialogs = Dialogs(tab)
    tab.goto(f"{server}/nb/{where('nb', 'assess/attendance')}")
    first = fill(tab, answer_by_index(tab, lambda k, i: str(TEAM["a"][k])))
    tab.fill("input[name=round-date]", "2026-02-01")
    tab.click("[data-action=save-round]")
    file_a = download(tab, "export-json")
    answered = sum(len(v) for v in first.values())

    # A new round is the same person: the respondent stays.
    tab.click("[data-action=new-round]")
    assert json.loads(download(tab, "export-json"))["respondent"] == json.loads(file_a)["respondent"]
    fill(tab, answer_by_index(tab, lambda k, i: str(TEAM["a"][k])))

    # A new person asks first, saying what moves to the team and what goes.
    member = ui(content, "assessment_team_member", "nb", number=1)
    dialogs.next(False)
    tab.click("[data-action=new-person]")
    assert dialogs.messages == [" ".join([
        ui(content, "assessment_new_person_confirm", "nb"),
        ui(content, "assessment_new_person_answers", "nb", answers=answered, member=member),
        ui(content, "assessment_new_person_rounds", "nb", rounds="1 omgang"),
        ui(content, "assessment_new_person_question", "nb")])]
    assert len(checked(tab)) == answered
    dialogs.next(True)
    tab.click("[data-action=new-person]")
    assert checked(tab) == {} and tab.is_hidden(".guide-rounds__table")
    assert tab.inner_text(".guide-assessment__status") == " ".join([
        ui(content, "assessment_new_person_done", "nb"),
        ui(content, "assessment_new_person_moved", "nb", member=member)])
    second = fill(tab, answer_by_index(tab, lambda k, i: str(TEAM["b"][k])))
    file_b = download(tab, "export-json")
    data_a, data_b = json.loads(file_a), json.loads(file_b)
    assert data_b["respondent"] != data_a["respondent"] and data_b["rounds"] == []
    assert data_b["current"] == named(tab, second)
    # On this device the first person still counts, as a member of the team.
    assert cells(tab, ".guide-team__table") == team_table(content, [second, first])[0]
    context.close()

    # The leader: the two files are two members; neither overwrites the other.
    page = browser.new_page()
    page.goto(f"{server}/nb/{where('nb', 'assess/attendance')}")
    page.set_input_files("input[name=team-files]", [upload("a.json", file_a),
                                                     upload("b.json", file_b)])
    page.wait_for_selector(".guide-team__status li >> nth=1")
    assert cells(page, ".guide-team__table") == team_table(content, [first, second])[0]

    # Files from before this fix: two people, one respondent. Both count, and the page says so.
    third = {name: "4" for _, names in items_of(page) for name in names}
    clash = json.dumps(data_a | {"current": third}).encode()
    page.set_input_files("input[name=team-files]", [upload("c.json", clash)])
    page.wait_for_selector(".guide-team__alert:not(:empty)")
    member = lambda n: ui(content, "assessment_team_member", "nb", number=n)
    assert page.inner_text(".guide-team__alert") == ui(
        content, "assessment_team_same_id", "nb", file="c.json", other=member(1),
        member=member(3), list=content.ui["assessment_team_members"]["nb"])
    fours = {g: ["4"] * len(v) for g, v in first.items()}
    assert cells(page, ".guide-team__table") == team_table(content, [first, second, fours])[0]
    flags = page.locator(".guide-team__flag").all_inner_texts()
    assert flags == [ui(content, "assessment_team_flag_same_id", "nb", other=member(3)),
                     ui(content, "assessment_team_flag_same_id", "nb", other=member(1))]
    # The same file again takes its own place, and only its own.
    page.set_input_files("input[name=team-files]", [upload("c2.json", clash)])
    page.wait_for_selector(".guide-team__status:has-text('c2.json')")
    assert page.inner_text(".guide-team__status") == ui(
        content, "assessment_team_replaced", "nb", file="c2.json", member=member(3))
    assert page.locator(".guide-team__members li").count() == 3
    page.close()


STORAGE_FULL = """
window.storageFull = true;
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (name, value) {
  if (window.storageFull && String(name).startsWith('guide-assessment')) {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  }
  return setItem.call(this, name, value);
};
"""


@pytest.mark.browser
@pytest.mark.parametrize("lang, width", [("nb", 1280), ("sv", 320)])
def test_a_full_storage_says_so_and_loses_nothing(browser, server, content, lang, width):
    import axe_playwright_python
    context = browser.new_context(viewport={"width": width, "height": 800}, accept_downloads=True)
    context.add_init_script(STORAGE_FULL)
    context.add_init_script((Path(axe_playwright_python.__file__).parent / "axe.min.js")
                            .read_text("utf-8"))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/{lang}/{where(lang, 'assess/attendance')}")
    notice = page.locator(".guide-storage__message")
    assert notice.inner_text() == "" and page.is_hidden(".guide-storage button")

    given = fill(page, lambda g, i: "dk" if i == 0 else str(1 + i % 4))
    assert notice.inner_text() == content.ui["assessment_storage"][lang]
    assert notice.get_attribute("role") == "alert"
    assert checked(page) == named(page, given)   # still in the form, and counted
    assert page.locator(".guide-results__table tbody tr").count() == 7
    # In sight at the bottom of the window while the form is read, and it fits a phone.
    box = page.locator(".guide-storage").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 800 and box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The file holds every answer.
    with page.expect_download() as info:
        page.click(".guide-storage button")
    saved = json.loads(Path(info.value.path()).read_bytes())
    assert saved["current"] == named(page, given)
    # The team works from what the page holds.
    page.set_input_files("input[name=team-files]", [upload("a.json", member_file(
        page, {name: "2" for _, names in items_of(page) for name in names}))])
    page.wait_for_selector(".guide-team__table tbody tr")
    assert page.locator(".guide-team__table tbody tr").count() == 7
    violations = page.evaluate("""async tags => (await axe.run({include: ['.md-content']},
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations
        .map(v => v.id)""", ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    assert violations == []

    # Once the browser stores again, everything held is stored and the notice goes.
    page.evaluate("window.storageFull = false")
    page.check(".guide-item >> nth=0 >> input[value='4']")
    assert notice.inner_text() == ""
    stored = json.loads(page.evaluate(
        f"localStorage.getItem('guide-assessment:{lang}-attendance')"))
    assert stored["current"] == checked(page)
    team = json.loads(page.evaluate(
        f"localStorage.getItem('guide-assessment-team:{lang}-attendance')"))
    assert [m["respondent"] for m in team["members"]] == ["member0001"]
    page.set_input_files("input[name=team-files]", [upload("b.json", member_file(
        page, {name: "3" for _, names in items_of(page) for name in names}, respondent="b0002"))])
    page.wait_for_selector(".guide-team__status:has-text('b.json')")
    page.reload()
    assert checked(page) == stored["current"]
    assert page.locator(".guide-team__members li").count() == 3   # the form and two files
    assert errors == []
    context.close()


@pytest.mark.browser
def test_storage_turned_off_says_so_from_the_start(browser, server, content):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { "
                            "throw new DOMException('denied', 'SecurityError'); }});")
    page = context.new_page()
    page.goto(f"{server}/nb/{where('nb', 'assess/plc')}")
    assert page.inner_text(".guide-storage__message") == content.ui["assessment_storage"]["nb"]
    given = fill(page, lambda g, i: "3")
    assert page.locator(".guide-results__table tbody tr").count() == 8
    with page.expect_download() as info:
        page.click(".guide-storage button")
    assert json.loads(Path(info.value.path()).read_bytes())["current"] == named(page, given)
    context.close()


# -----------------------------------------------------------------------------
# C. Careful with people's data
# -----------------------------------------------------------------------------

@pytest.mark.browser
def test_deleting_asks_first_and_says_what_would_be_lost(page, server, content):
    page.goto(f"{server}/nb/{where('nb', 'assess/plc')}")
    given = fill(page, lambda g, i: None if i == 0 else "3")
    answered = sum(v is not None for vs in given.values() for v in vs)
    page.click("[data-action=save-round]")
    page.set_input_files("input[name=team-files]", [upload("a.json", member_file(
        page, named(page, given)))])
    page.wait_for_selector(".guide-team__status:not(:empty)")
    messages = []

    def answer(accept: bool):
        def handle(dialog):
            messages.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()
        return handle

    page.once("dialog", answer(False))
    page.click("[data-action=delete]")
    assert messages == [ui(content, "assessment_delete_confirm", "nb", answers=answered,
                           rounds="1 omgang", members="1 deltaker")]
    assert f"{answered} svar, 1 omgang og teamdata fra 1 deltaker" in messages[0]
    assert page.evaluate("localStorage.length") == 2
    assert len(checked(page)) == answered
    assert page.is_visible(".guide-rounds__table") and page.is_visible(".guide-team__table")

    page.once("dialog", answer(True))
    page.click("[data-action=delete]")
    assert len(messages) == 2
    assert page.evaluate("localStorage.length") == 0
    assert checked(page) == {}
    assert page.is_hidden(".guide-rounds__table") and page.is_hidden(".guide-team__table")
    assert page.inner_text(".guide-assessment__status") == ui(content, "assessment_deleted", "nb")
    page.reload()
    assert checked(page) == {} and page.evaluate("localStorage.length") == 0
    # The delete button stands apart from the exports, in a row of its own.
    assert page.locator(".guide-assessment__danger [data-action=delete]").count() == 1
    assert page.locator(".guide-assessment__danger button").count() == 1


@pytest.mark.browser
def test_a_taken_date_asks_first_and_a_new_round_starts_from_a_clean_form(page, server, content):
    page.goto(f"{server}/sv/{where('sv', 'assess/attendance')}")
    dialogs = Dialogs(page)
    first = fill(page, lambda g, i: "2")
    page.fill("input[name=round-date]", "2026-03-01")
    page.click("[data-action=save-round]")
    assert page.inner_text(".guide-rounds__status") == "Omgången 2026-03-01 är sparad."
    fill(page, lambda g, i: "3")

    dialogs.next(False)
    page.click("[data-action=save-round]")
    assert dialogs.messages == [ui(content, "assessment_round_exists", "sv", date="2026-03-01")]
    assert {row[1] for row in cells(page, ".guide-rounds__table")} == {"2,0"}
    dialogs.next(True)
    page.click("[data-action=save-round]")
    assert len(dialogs.messages) == 2
    assert page.locator(".guide-rounds__table thead th").all_text_contents()[1:] == ["2026-03-01"]
    assert {row[1] for row in cells(page, ".guide-rounds__table")} == {"3,0"}

    second = fill(page, lambda g, i: "4" if g == "listen-to-the-children" else "3")
    page.fill("input[name=round-date]", "2026-09-01")
    page.click("[data-action=save-round]")
    assert len(dialogs.messages) == 2   # a new date: no question
    factors = [f.id for f in content.entities["attendance-factor"]]
    assert [row[1:] for row in cells(page, ".guide-rounds__table")] == [
        ["3,0", shown(part_mean(second[f]))] for f in factors]
    assert part_mean(first[factors[0]]) == 2

    # Saved: a new round clears the form without asking, and keeps the rounds.
    page.click("[data-action=new-round]")
    assert len(dialogs.messages) == 2 and checked(page) == {}
    assert page.inner_text(".guide-rounds__status") == ui(content, "assessment_new_round_done", "sv")
    assert page.locator(".guide-rounds__table thead th").count() == 3
    # Not saved: it asks; no keeps the answer, yes clears it.
    page.check(".guide-item >> nth=0 >> input[value='1']")
    dialogs.next(False)
    page.click("[data-action=new-round]")
    assert dialogs.messages[2] == ui(content, "assessment_new_round_confirm", "sv", answers=1)
    assert len(checked(page)) == 1
    dialogs.next(True)
    page.click("[data-action=new-round]")
    assert checked(page) == {}
    page.reload()
    assert checked(page) == {} and page.locator(".guide-rounds__table thead th").count() == 3


# -----------------------------------------------------------------------------
# D. Exports that open in Nordic spreadsheets
# -----------------------------------------------------------------------------

QUOTED = re.compile(r'"(?:[^"]|"")*"(?:;"(?:[^"]|"")*")*')


DAY = {"nb": "15.01.2026", "sv": "2026-01-15"}   # 2026-01-15 as each language writes it


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_csv_has_labels_rounds_and_means_and_no_formulas(page, server, content, lang):
    page.goto(f"{server}/{lang}/{where(lang, 'assess/plc')}")
    before = fill(page, lambda g, i: None if (len(g) + i) % 6 == 0 else VALUES[(len(g) + i) % 5])
    page.fill("input[name=round-date]", "2026-01-15")
    page.click("[data-action=save-round]")
    now = fill(page, lambda g, i: None if before[g][i] is None else VALUES[(len(g) + 2 * i) % 5])
    page.eval_on_selector(".guide-item legend", "(legend, value) => legend.textContent = value",
                          HOSTILE)
    raw = download(page, "export-csv")

    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw.decode("utf-8")[1:]
    assert body.endswith("\r\n") and "\n" not in body.replace("\r\n", "")
    lines = body.split("\r\n")[:-1]
    assert all(line == "" or QUOTED.fullmatch(line) for line in lines)
    rows = list(csv.reader(lines, delimiter=";"))

    scale = {str(s["value"]): s["label"][lang] for s in content.assessment["scale"]}
    scale["dk"] = content.assessment["dont_know"][lang]
    label = lambda v: scale[v] if v else ""
    expected = [[content.ui["assessment_group"][lang], content.ui["assessment_statement"][lang],
                 content.ui["assessment_answer_now"][lang], DAY[lang]]]
    means = [[content.ui["assessment_group"][lang], content.ui["assessment_mean_now"][lang],
              DAY[lang]]]
    for k, entry in enumerate(content.entities["plc-characteristic"], 1):
        part = f"{k}. {plain(entry.data['title'][lang])}"
        for i, statement in enumerate(entry.data["indicators"]):
            expected.append([part, plain(statement["text"][lang]), label(now[entry.id][i]),
                             label(before[entry.id][i])])
        mean_now, mean_before = part_mean(now[entry.id]), part_mean(before[entry.id])
        means.append([part, shown(mean_now) if mean_now else "",
                      shown(mean_before) if mean_before else ""])
    expected[1][1] = "'" + HOSTILE   # defused: a spreadsheet shows it, never runs it
    assert rows == expected + [[]] + means
    assert {"Vet ikke" if lang == "nb" else "Vet inte", ""} <= {r[2] for r in rows[1:30]}
    cells_ = [cell for row in rows for cell in row]
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in cells_)


@pytest.mark.browser
def test_without_javascript_it_is_a_readable_questionnaire(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/nb/{where('nb', 'assess/plc')}")
    assert tab.locator("fieldset.guide-item").count() == 29
    assert tab.is_hidden(".guide-results") and tab.is_hidden(".guide-assessment__tools")
    tab.check("fieldset.guide-item >> nth=0 >> input[value='4']")   # still answerable on screen
    legends = tab.locator("fieldset.guide-group > legend").all_inner_texts()
    assert len(legends) == 8 and re.match(r"1\. ", legends[0])
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, width", [("nb", 1280), ("sv", 390)])
def test_results_and_team_view_pass_axe_wcag22(browser, server, lang, width):
    """The parts the script draws (chart, tables, advice, team view, messages) are checked
    after they appear, which the every-page axe test cannot see."""
    import axe_playwright_python
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script((Path(axe_playwright_python.__file__).parent / "axe.min.js")
                            .read_text("utf-8"))
    tab = context.new_page()
    tab.goto(f"{server}/{lang}/{where(lang, 'assess/attendance')}")
    answers = fill(tab, lambda g, i: "dk" if i == 0 else str(1 + i % 4))
    assert any(v is not None for v in answers.values())
    mine = download(tab, "export-json")
    tab.fill("input[name=round-date]", "2026-03-01")
    tab.click("[data-action=save-round]")
    other = json.loads(mine) | {"respondent": "other0002"}
    clash = other | {"current": {name: "1" for name in json.loads(mine)["current"]}}
    tab.set_input_files("input[type=file][multiple]",
                        [upload("a.json", mine), upload("b.json", json.dumps(other).encode()),
                         upload("c.json", json.dumps(clash).encode()), upload("bad.json", b"{")])
    tab.wait_for_selector(".guide-team__table tbody tr")
    assert tab.inner_text(".guide-team__alert") != ""
    # Every kind of member line: the form, one's own file, a file that clashes with another.
    assert tab.locator(".guide-team__members li").count() == 4
    assert tab.locator(".guide-team__flag").count() == 3
    assert tab.locator(".guide-weak").count() >= 3
    # The page's content only: the theme's menus and footer are issue 18's (target size).
    violations = tab.evaluate("""async tags => (await axe.run({include: ['.md-content']},
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations
        .map(v => v.id + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""",
                              ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    assert violations == []
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
