"""Meeting kits: one for every part a team meets about, linked from its page and its section,
printable on A4; reflection cards filtered by part; attendance pages that lead to action."""

import html as htmllib
import itertools
import re

import pytest
from conftest import ROOT, built, href, where

from guide import kits
from guide.links import SERVES
from guide.outputs import KITS, entity_uri, page_url
from guide.text import segments

LANGS = ["nb", "sv"]
KIT_LINK = {"nb": "Forbered et møte", "sv": "Förbered ett möte"}
SECTION = {"area": "actions", "dimension": "dimensions", "plc-characteristic": "plc",
           "attendance-factor": "attendance"}


def read(site, lang, source) -> str:
    """The built page known by its source path (its address is in its language)."""
    return built(site, lang, source).read_text("utf-8")


def entries(content):
    return [(kind, e) for kind in KITS for e in content.entities[kind]]


SECTION_OF_PILLAR = {"plc": "plc", "attendance": "attendance", "school-owner": "school-owner"}


def serving(content, kind, e) -> list[str]:
    """The ids of the actions a kit offers: an area's own, or those that serve the entry."""
    if kind == "area":
        return [a.id for a in content.entities["action"] if a.data["area"] == e.id]
    if kind == "topic":
        return []
    return [a.id for a in content.entities["action"] if e.id in a.data.get(SERVES[kind], [])]


def section(html: str, anchor: str) -> str:
    """The HTML from the heading with id `anchor` to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def agenda_rows(html: str) -> list[tuple[str, int, int]]:
    """(step, minutes in 45, minutes in 90) of a kit's agenda."""
    agenda = section(html, "agenda")
    return [(step, int(a), int(b)) for step, a, b in re.findall(
        r'<tr>\s*<td>(.*?)\s*</td>\s*<td data-minutes="45">(\d+) min\s*</td>\s*'
        r'<td data-minutes="90">(\d+) min\s*</td>\s*</tr>', agenda)]


def kit_page(site, lang, kind, e) -> str:
    return read(site, lang, page_url(KITS[kind].format(id=e.id)))


def flavour(content, kind, e) -> str:
    actions = [a for a in content.entities["action"] if a.data["area"] == e.id]
    return kits.flavour(kind, e.data, actions)


def text_of(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_every_part_a_team_meets_about_has_a_kit(content):
    assert set(KITS) == {"area", "dimension", "plc-characteristic", "attendance-factor", "topic"}
    assert len(entries(content)) == 37


@pytest.mark.parametrize("lang", LANGS)
def test_each_kit_has_purpose_agendas_points_questions_choices_and_room_to_write(
        site, content, lang):
    for kind, e in entries(content):
        html = read(site, lang, page_url(KITS[kind].format(id=e.id)))
        title = e.data["title"][lang]
        assert re.search(r"<h1[^>]*>[^<]*" + re.escape(title.replace("&", "&amp;")), html) or \
            title.split()[0] in html.split("</h1>")[0], (kind, e.id)
        for anchor in ("purpose", "agenda", "key-points", "reflection", "choose", "agreed"):
            assert f'id="{anchor}"' in html, (kind, e.id, anchor)
        # Agendas for 45 and 90 minutes whose times add up.
        rows = agenda_rows(html)
        assert len(rows) == 6, (kind, e.id)
        assert sum(r[1] for r in rows) == 45 and sum(r[2] for r in rows) == 90, (kind, e.id)
        assert "guide-origin__note" in section(html, "agenda")   # the guide's suggestion
        # 3-6 reflection questions, each with a labelled field to write in.
        questions = e.data["reflection"][:6]
        assert 3 <= len(questions) <= 6
        reflection = section(html, "reflection")
        assert reflection.count('class="guide-write"') == len(questions)
        for name in re.findall(r'<textarea id="(kit-f[0-9a-f]+)"', reflection):
            assert f'<label for="{name}">' in reflection
        for q in questions:
            assert htmllib.escape(q[lang].split()[-1].rstrip("?"), quote=False) in reflection
        # Key points carry where they come from.
        points = section(html, "key-points")
        assert "guide-origin__note" in points and "data-origin=" in points
        # What to choose from: every linked action, or what the source suggests, to tick.
        choose = section(html, "choose")
        actions = serving(content, kind, e)
        kit = KITS[kind].format(id=e.id)
        for action in actions:
            assert f'href="{href(lang, kit, f"actions/{action}")}"' in choose, \
                (kind, e.id, action)
            assert f'<input type="checkbox" id="kit-a-{action}"' in choose
        suggestions = {"dimension": "leader_actions", "attendance-factor": "leaders_do",
                       "topic": "leaders_do"}.get(kind)
        if suggestions and e.data.get(suggestions):
            assert choose.count('type="checkbox"') >= len(actions) + len(e.data[suggestions])
        assert 'class="guide-write guide-write--small"' in choose
        # Date, participants and a table for what was agreed, every field labelled.
        assert html.count("guide-worksheet-meta") == 1
        agreed = section(html, "agreed")
        assert len(re.findall(r"<tr>(\s*<td><label [^>]*>[^<]+</label><(textarea|input) "
                              r"[^>]*>(</textarea>)?\s*</td>){3}\s*</tr>", agreed)) == 4
        fields = [re.search(r'id="([^"]+)"', tag).group(1)
                  for tag in re.findall(r"<(?:textarea|input) [^>]*data-kit-field[^>]*>", html)]
        assert fields and all(html.count(f'for="{f}"') == 1 for f in fields), (kind, e.id)
        assert len(set(fields)) == len(fields)


@pytest.mark.parametrize("lang", LANGS)
def test_each_kit_is_linked_from_its_page_and_its_section(site, content, lang):
    for kind, e in entries(content):
        kit = KITS[kind].format(id=e.id)
        page = read(site, lang, entity_uri(e))
        links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', page)
        assert (href(lang, entity_uri(e), kit), KIT_LINK[lang]) in links, (kind, e.id)
        home = SECTION[kind] if kind != "topic" else SECTION_OF_PILLAR[e.data["pillar"]]
        assert f'href="{href(lang, home, kit)}"' in read(site, lang, home), (kind, e.id, home)


@pytest.mark.parametrize("lang", LANGS)
def test_attendance_pages_say_what_the_source_suggests_and_link_the_self_assessment(
        site, content, lang):
    nothing = content.ui["no_actions_yet"][lang]
    for f in content.entities["attendance-factor"]:
        html = read(site, lang, f"attendance/{f.id}")
        assert nothing not in html
        assert f'href="{href(lang, f"attendance/{f.id}", "assess/attendance")}"' in html
        origins = f.data["origin"]["leaders_do"]
        assert isinstance(origins, list) and len(origins) == len(f.data["leaders_do"])
        grounded = [o for o in origins if isinstance(o, dict)]
        assert grounded and all(o["source"] == "skolefravaer-ledelse-slides" and o.get("locator")
                                for o in grounded), f.id
        assert len(grounded) >= len(origins) - 1, f.id
    assess = read(site, lang, "assess/attendance")
    assert f'href="{href(lang, "assess/attendance", "attendance/index")}"' in assess
    for f in content.entities["attendance-factor"]:
        kit = f"worksheets/attendance/{f.id}"
        assert f'href="{href(lang, "assess/attendance", kit)}"' in assess
    assert f'href="{href(lang, "attendance/index", "assess/attendance")}"' in \
        read(site, lang, "attendance/index")
    topic = content.get("topic", "leadership-against-absence")
    origins = topic.data["origin"]["leaders_do"]
    assert all(isinstance(o, dict) and o["source"] == "skolefravaer-ledelse-slides"
               for o in origins)
    html = read(site, lang, "attendance/leadership-against-absence")
    assert 'id="leaders-do"' in html
    for item in topic.data["leaders_do"]:
        assert item[lang].split()[0] in section(html, "leaders-do")


@pytest.mark.parametrize("lang", LANGS)
def test_the_absence_meeting_can_be_run_from_its_kit(site, content, lang):
    topic = content.get("topic", "leadership-against-absence")
    kit = "worksheets/topics/leadership-against-absence"
    html = read(site, lang, kit)
    choose = section(html, "choose")
    for item in topic.data["leaders_do"]:
        assert item[lang].split()[-1].rstrip(".") in choose
    for f in content.entities["attendance-factor"]:
        assert f'href="{href(lang, kit, f"worksheets/attendance/{f.id}")}"' in choose
    for q in topic.data["reflection"]:
        assert q[lang].split()[-1].rstrip("?") in section(html, "reflection")


def test_kits_are_not_in_the_search_index_or_the_navigation(site):
    for lang in LANGS:
        html = read(site, lang, "worksheets/attendance/flexible-provision")
        assert "data-pagefind-body" not in html
        nav = html.split('class="md-nav md-nav--primary"')[1].split("</nav>")[0]
        assert where(lang, "worksheets") not in nav


@pytest.mark.browser
def test_reflection_cards_filter_by_part_and_keep_the_choice_in_the_address(page, server,
                                                                             content):
    area = content.entities["area"][0]
    actions = [a for a in content.entities["action"] if a.data["area"] == area.id]
    page.goto(f"{server}/nb/{where('nb', 'reflection')}")
    total = page.locator(".guide-card").count()
    assert page.inner_text(".guide-cards-filter .guide-filter__count") == \
        f"Viser {total} av {total} kort."
    page.select_option(".guide-cards-filter select", f"area:{area.id}")
    assert page.locator(".guide-card:visible").count() == 1 + len(actions)
    assert page.url.endswith(f"?part=area:{area.id}") or f"part=area%3A{area.id}" in page.url
    assert page.locator(".guide-cards-section:visible").count() == 1
    page.select_option(".guide-cards-filter select", "attendance-factor-cards")
    assert page.locator(".guide-card:visible").count() == len(
        content.entities["attendance-factor"])
    page.reload()
    assert page.locator(".guide-card:visible").count() == len(
        content.entities["attendance-factor"])
    page.emulate_media(media="print")
    assert page.locator(".guide-card:visible").count() == len(
        content.entities["attendance-factor"])
    assert not page.is_visible(".guide-cards-filter")


@pytest.mark.browser
def test_a_kit_prints_on_a4_from_its_own_button(page, server, tmp_path):
    page.add_init_script("window.print = function () { window.__printed = true; };")
    page.goto(f"{server}/sv/{where('sv', 'worksheets/attendance/long-term-follow-up')}")
    page.click("button[data-print]")
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    assert not page.is_visible("button[data-print]") and page.is_visible(".guide-write__print")
    pdf = tmp_path / "kit.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 2 <= pages <= 5


@pytest.mark.browser
def test_kits_fit_a_phone(page, server):
    page.set_viewport_size({"width": 360, "height": 740})
    for lang, source in (("nb", "worksheets/topics/leadership-against-absence"),
                         ("sv", "worksheets/areas/lar-kanna-din-verksamhet")):
        page.goto(f"{server}/{lang}/{where(lang, source)}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_kit_template_prints_no_content_raw():
    text = (ROOT / "guide" / "templates" / "kit.md.jinja").read_text("utf-8")
    for expression in re.findall(r"\{\{(.*?)\}\}", text):
        expression = expression.strip()
        if expression.startswith(("ui.", "e.", "a.", "p.", "q ", "area.", "sources[")) and \
                "|" not in expression and not expression.endswith(".number"):
            pytest.fail(f"unfiltered value in the kit template: {expression}")


@pytest.mark.browser
def test_kits_cards_and_section_lists_pass_axe_wcag22(browser, server):
    from pathlib import Path

    import axe_playwright_python
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.add_init_script((Path(axe_playwright_python.__file__).parent / "axe.min.js")
                            .read_text("utf-8"))
    tab = context.new_page()
    found = {}
    for path in ("nb/worksheets/topics/leadership-against-absence/",
                 "sv/worksheets/attendance/flexible-provision/",
                 "nb/worksheets/areas/lar-kanna-din-verksamhet/",
                 "sv/worksheets/areas/organisera-elevhalsoarbetet/",
                 "nb/worksheets/topics/value-chain/",
                 "sv/worksheets/dimensions/teacher-learning/",
                 "nb/worksheets/plc/reflective-inquiry/",
                 "sv/reflection/?part=area:lar-kanna-din-verksamhet",
                 "nb/attendance/", "sv/plc/", "nb/actions/"):
        lang, _, source = path.partition("/")
        source, _, query = source.partition("?")
        tab.goto(f"{server}/{lang}/{where(lang, source)}" + (f"?{query}" if query else ""))
        violations = tab.evaluate(
            """async tags => (await axe.run({include: ['.md-content']}, {runOnly: {type: 'tag',
            values: tags}, resultTypes: ['violations']})).violations.map(v => v.id + ' at '
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


# -----------------------------------------------------------------------------
# Agendas worked out from each kit's content (guide/kits.py)
# -----------------------------------------------------------------------------

def test_the_agenda_arithmetic_adds_up_for_any_content():
    for words in [*range(0, 700, 7), 1000, 5000]:
        for questions in range(1, 11):
            for total in kits.TOTALS:
                m = kits.minutes(words, questions, total)
                assert list(m) == list(kits.STEPS)
                assert sum(m.values()) == total, (words, questions, total, m)
                assert all(v >= 1 for v in m.values()), (words, questions, total, m)
                assert m["bring"] >= 3 and m["choose"] >= 5, (words, questions, total, m)


def visible_words(html: str) -> int:
    """Words a reader reads in a part of a page: not the notes on whose words they are, not the
    source's own words behind a disclosure, not the headings in bold."""
    html = re.sub(r'<p class="guide-origin__note">.*?</p>|<details.*?</details>|'
                  r"<strong>.*?</strong>", " ", html, flags=re.DOTALL)
    return len(re.findall(r"\w+", text_of(html)))


@pytest.mark.parametrize("lang", LANGS)
def test_agendas_follow_each_kits_content_by_the_rule_the_page_states(site, content, lang):
    agendas, reading, reflecting = set(), {}, {}
    for kind, e in entries(content):
        html = kit_page(site, lang, kind, e)
        rows = agenda_rows(html)
        steps = dict(zip(kits.STEPS, rows, strict=True))
        rule = text_of(section(html, "agenda").split("</table>")[1])
        (words, pace, least, most, _, pace_long, least_long, most_long, per, questions, cap,
         _, per_long, cap_long) = [int(n) for n in re.findall(r"\d+", rule)]
        # The rule speaks of this kit: its words and its questions.
        shown = visible_words(section(html, "key-points").split("</h2>", 1)[1])
        assert abs(words - shown) <= 2, (kind, e.id, words, shown)
        assert questions == len(e.data["reflection"][:6])
        # The minutes follow the rule.
        assert steps["points"][1] == min(max(int(words / pace + 0.5), least), most)
        assert steps["points"][2] == min(max(int(words / pace_long + 0.5), least_long),
                                         most_long)
        assert steps["reflection"][1] == min(per * questions, cap)
        assert steps["reflection"][2] == min(per_long * questions, cap_long)
        agendas.add(tuple((a, b) for _, a, b in rows))
        reading[e.id] = (steps["points"][1], steps["points"][2], words)
        reflecting[e.id] = (steps["reflection"][1], questions)
    # A short kit and a long one are read for different lengths of time.
    short = min(reading.values(), key=lambda r: r[2])
    long = max(reading.values(), key=lambda r: r[2])
    assert short[2] < 30 and long[2] > 400
    assert short[0] < long[0] and short[1] < long[1]
    assert reading["teacher-learning"][:2] != reading["loten-follow-up-plan"][:2]
    # More questions, more time to reflect.
    assert reflecting["loten-follow-up-plan"][0] > reflecting["teacher-learning"][0]
    assert len(agendas) >= 8


# The bring-this step of each kind: (ui key, words its text must hold in nb and sv).
BRING = {"area": ("kit_bring_area", ("årshjulet", "verksamhetsplan")),
         "area_preparation": ("kit_bring_area_preparation", ("støtteapparat", "elevhälsa")),
         "dimension": ("kit_bring_dimension", ("prioriteringer", "prioriteringar")),
         "plc": ("kit_bring_plc", ("selvvurderingen", "självskattningen")),
         "attendance": ("kit_bring_attendance", ("fraværstall", "frånvarosiffror")),
         "school_owner": ("kit_bring_school_owner", ("skoleeiers planer", "huvudmannens planer"))}


def bring_of(kind: str, e) -> str:
    if kind == "area":
        return "area_preparation" if e.data["status"] == "in-preparation" else "area"
    if kind == "topic":
        return {"plc": "plc", "attendance": "attendance",
                "school-owner": "school_owner"}[e.data["pillar"]]
    return {"dimension": "dimension", "plc-characteristic": "plc",
            "attendance-factor": "attendance"}[kind]


@pytest.mark.parametrize("lang", LANGS)
def test_each_kind_says_what_to_bring_and_each_kit_has_a_purpose_of_its_own(
        site, content, lang):
    ui = content.ui
    purposes = set()
    for kind, e in entries(content):
        html = kit_page(site, lang, kind, e)
        purpose = text_of(section(html, "purpose"))
        key, words = BRING[bring_of(kind, e)]
        assert text_of(ui[key][lang]) in purpose, (kind, e.id)
        assert words[LANGS.index(lang)] in ui[key][lang]
        for other, _ in BRING.values():
            if other != key:
                assert text_of(ui[other][lang]) not in purpose, (kind, e.id, other)
        agenda = [text_of(step) for step, _, _ in agenda_rows(html)]
        assert agenda[2] == "3. " + text_of(ui["kit_agenda_bring_" + key.removeprefix(
            "kit_bring_")][lang])
        # The purpose names the page and fits its kind.
        title = "".join(w for _, w in segments(e.data["title"][lang]))
        assert title in purpose, (kind, e.id)
        purposes.add(purpose)
        flav = flavour(content, kind, e)
        assert text_of(ui["kit_purpose_" + flav][lang].split("{")[0]) in purpose
    assert len(purposes) == 37


@pytest.mark.parametrize("lang", LANGS)
def test_area_kits_follow_skolverkets_order(site, content, lang):
    ui = {k: v[lang] for k, v in content.ui.items() if isinstance(v, dict) and lang in v}
    checked = 0
    for area in content.entities["area"]:
        actions = [a for a in content.entities["action"] if a.data["area"] == area.id]
        if not actions:
            continue
        html = kit_page(site, lang, "area", area)
        choose = section(html, "choose")
        listed = re.findall(r'<li data-origin="[^"]+"><input type="checkbox" id="kit-a-([a-z0-9-]+)"'
                            r'[^>]*> <label [^>]*><a [^>]*>(.*?)</a></label></li>', choose)
        in_order = sorted(actions, key=lambda a: a.data["number"])
        assert [a for a, _ in listed] == [a.id for a in in_order], area.id
        agenda = text_of(section(html, "agenda"))
        if area.data.get("actions_numbered", True):
            assert '<ol class="guide-kit-checks">' in choose
            assert [t.split(".")[0] for _, t in listed] == [str(a.data["number"])
                                                           for a in in_order]
            assert ui["kit_choose_heading_sequence"] in html.split('id="choose"')[1][:200]
            assert text_of(ui["kit_choose_intro_sequence"]) in text_of(choose)
            assert text_of(ui["kit_agenda_sequence"]) in agenda
            assert text_of(ui["kit_choose_intro_choose"]) not in text_of(choose)
            assert text_of(ui["kit_agenda_choose"]) not in agenda
            assert '<label for="kit-next">' in choose and 'id="kit-next"' in choose
            checked += 1
        else:   # listed without numbers: the team picks where to start
            assert '<ul class="guide-kit-checks">' in choose
            assert not any(re.match(r"\d+\.", t) for _, t in listed)
            assert text_of(ui["kit_choose_intro_start"]).split("{")[0][:30] in text_of(choose)
    assert checked >= 6


@pytest.mark.parametrize("lang", LANGS)
def test_the_six_kits_without_actions_give_something_true_to_work_from(site, content, lang):
    ui = {k: v[lang] for k, v in content.ui.items() if isinstance(v, dict) and lang in v}
    area = content.get("area", "organisera-elevhalsoarbetet")
    assert area.data["status"] == "in-preparation"
    html = kit_page(site, lang, "area", area)
    choose = section(html, "choose")
    # Nothing to choose, said plainly, and what to do instead, with a field to do it in.
    assert text_of(ui["kit_choose_intro_own"]) in text_of(choose)
    assert text_of(ui["kit_agenda_own"]) in text_of(section(html, "agenda"))
    assert "checkbox" not in choose and 'id="kit-own"' in choose
    assert text_of(ui["kit_choose_intro_choose"]) not in text_of(html)
    owners = [t for t in content.entities["topic"] if t.data["pillar"] == "school-owner"]
    assert len(owners) == 5
    for topic in owners:
        kit = KITS["topic"].format(id=topic.id)
        html = kit_page(site, lang, "topic", topic)
        choose = section(html, "choose")
        assert text_of(ui["kit_choose_intro_part"]) in text_of(choose)
        # The topic's own parts, each to tick and each leading to its place on the page.
        page = read(site, lang, entity_uri(topic))
        for s in topic.data["sections"]:
            assert f'id="kit-s-{s["id"]}"' in choose
            assert f'href="{href(lang, kit, entity_uri(topic) + "#" + s["id"])}"' in choose
            assert f'id="{s["id"]}"' in page
            heading = "".join(w for _, w in segments(s["heading"][lang]))
            assert heading in text_of(choose)
        # Their key points are the parts' own lists, with where they come from.
        points = section(html, "key-points")
        for s in topic.data["sections"]:
            for item in s.get("items", [])[:1]:
                first = "".join(w for _, w in segments(item[lang])).split()[0]
                assert first in text_of(points), (topic.id, s["id"])


@pytest.mark.parametrize("lang", LANGS)
def test_school_owner_kits_say_who_is_in_the_room(site, content, lang):
    ui = content.ui
    audience = text_of(ui["kit_audience_school_owner"][lang])
    assert {"nb": "skoleeiers ledelse", "sv": "huvudmannens ledning"}[lang] in audience
    assert {"nb": "ledergruppen på én skole", "sv": "ledningsgruppen på en skola"}[lang] \
        in audience
    for kind, e in entries(content):
        html = kit_page(site, lang, kind, e)
        owner = kind == "topic" and e.data["pillar"] == "school-owner"
        assert (audience in text_of(html)) is owner, (kind, e.id)
        purpose = text_of(section(html, "purpose"))
        school_team = {"nb": "Dere i ledergruppen", "sv": "Ni i ledningsgruppen"}[lang]
        assert (school_team in purpose) is not owner, (kind, e.id)
        # The guide says so, in its own words, before the purpose.
        block = '<div class="guide-origin guide-kit-audience" data-origin="guide">'
        assert (block in html.split('id="purpose"')[0]) is owner, (kind, e.id)


# -----------------------------------------------------------------------------
# What leaders do for attendance: each point once
# -----------------------------------------------------------------------------

STOP = {"og", "i", "at", "for", "som", "de", "det", "en", "et", "til", "av", "med", "på", "er",
        "skal", "så", "slik", "alle", "om", "fra", "ikke", "och", "att", "ett", "till", "är",
        "ska", "alla", "från", "inte", "den"}


def stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"\w+", text.lower()) if w not in STOP and len(w) > 2}


def test_no_point_of_what_leaders_do_appears_twice_across_the_factors(content):
    items = [(f.id, n, s) for f in content.entities["attendance-factor"]
             for n, s in enumerate(f.data["leaders_do"], 1)]
    assert len(items) <= 26   # 30 with the five near-duplicates of 2026-12-05
    for (f1, n1, a), (f2, n2, b) in itertools.combinations(items, 2):
        if f1 == f2:
            continue
        for lang in LANGS:
            x, y = stems(a[lang]), stems(b[lang])
            overlap = len(x & y) / len(x | y)
            assert overlap < 0.3, (f"{f1} #{n1}", f"{f2} #{n2}", lang, round(overlap, 2))
    # A point of the slides stands under one factor, unless the factor reads it its own way.
    places = {}
    for f in content.entities["attendance-factor"]:
        for o in f.data["origin"]["leaders_do"]:
            if isinstance(o, dict) and o["locator"].get("under"):
                places.setdefault((o["locator"]["slide"], o["locator"]["under"]), []).append(f.id)
    assert all(len(set(v)) == len(v) for v in places.values())


@pytest.mark.parametrize("lang", LANGS)
def test_where_the_slides_say_little_the_factor_says_so_in_the_guides_words(
        site, content, lang):
    noted = [f for f in content.entities["attendance-factor"] if f.data.get("leaders_do_note")]
    assert {f.id for f in noted} >= {"flexible-provision", "listen-to-the-children"}
    for f in noted:
        assert f.data["origin"]["leaders_do_note"] == "guide"
        note = "".join(w for _, w in segments(" ".join(f.data["leaders_do_note"][lang].split())))
        for page in (read(site, lang, f"attendance/{f.id}"),
                     kit_page(site, lang, "attendance-factor", f)):
            block = page.split(htmllib.escape(note, quote=False))[0].rsplit(
                '<div class="guide-origin"', 1)[1]
            assert block.startswith(' data-origin="guide"'), f.id
    changes = content.changes[0]
    assert "attendance-factor/flexible-provision" in changes.get("entries", [])
    assert {"nb": "bør svare på nytt", "sv": "bör svara på nytt"}[lang] in \
        " ".join(changes["note"][lang].split())


# -----------------------------------------------------------------------------
# Fields that work on a phone, kept on the device, printed with what was written
# -----------------------------------------------------------------------------

KIT_NB = "worksheets/attendance/flexible-provision"


@pytest.mark.browser
def test_kit_fields_keep_their_text_on_the_device_and_print_it(page, server):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{server}/nb/{where('nb', KIT_NB)}")
    assert page.is_visible("[data-kit-saved]") and not page.is_visible("[data-kit-paper]")
    question = page.locator("#reflection ~ .guide-sheet-question textarea").first
    question.fill("Tiltakene er like, årsakene er ulike.\nVi ser på tre elever.")
    page.locator(".guide-kit-checks input[type=checkbox]").first.check()
    page.fill("#kit-agreed-1-who", "Rektor")
    page.fill("#kit-participants", "Kari, Ola og Per")
    page.reload()
    question = page.locator("#reflection ~ .guide-sheet-question textarea").first
    assert question.input_value() == "Tiltakene er like, årsakene er ulike.\nVi ser på tre elever."
    assert page.locator(".guide-kit-checks input[type=checkbox]").first.is_checked()
    assert page.input_value("#kit-agreed-1-who") == "Rektor"
    assert page.input_value("#kit-participants") == "Kari, Ola og Per"
    # The same kit in the other language shows the same notes.
    page.goto(f"{server}/sv/{where('sv', KIT_NB)}")
    assert page.locator("#reflection ~ .guide-sheet-question textarea").first.input_value() \
        .startswith("Tiltakene er like")
    page.goto(f"{server}/nb/{where('nb', KIT_NB)}")
    # On paper: the text, whole, where the field was; empty fields are boxes to write in.
    page.emulate_media(media="print")
    printed = page.locator("#reflection ~ .guide-sheet-question .guide-write__print").first
    assert printed.is_visible() and not question.is_visible()
    assert printed.inner_text() == "Tiltakene er like, årsakene er ulike.\nVi ser på tre elever."
    empty = page.locator("#reflection ~ .guide-sheet-question .guide-write__print").nth(1)
    assert empty.is_visible() and empty.bounding_box()["height"] > 100
    assert page.locator(".guide-kit-checks input[type=checkbox]").first.is_checked()
    page.emulate_media(media="screen")
    # Clearing asks first; saying no keeps everything.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("button[data-kit-clear]")
    assert question.input_value().startswith("Tiltakene")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-kit-clear]")
    assert question.input_value() == "" and page.input_value("#kit-agreed-1-who") == ""
    assert not page.locator(".guide-kit-checks input[type=checkbox]").first.is_checked()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('guide-kit:'))") \
        == []
    page.reload()
    assert page.locator("#reflection ~ .guide-sheet-question textarea").first.input_value() == ""


@pytest.mark.browser
def test_a_full_storage_is_said_and_nothing_written_is_lost(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('full', 'QuotaExceededError'); };""")
    tab = context.new_page()
    tab.goto(f"{server}/sv/{where('sv', KIT_NB)}")
    tab.fill("#kit-own", "Vi börjar med elevsamtal.")
    status = tab.locator(".guide-kit-status")
    assert status.is_visible() and "kunde inte spara" in status.inner_text()
    assert tab.get_attribute(".guide-kit-status", "role") == "status"
    assert tab.input_value("#kit-own") == "Vi börjar med elevsamtal."
    context.close()


@pytest.mark.browser
def test_without_javascript_the_kit_says_it_is_for_paper(browser, server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{server}/nb/{where('nb', KIT_NB)}")
    assert tab.is_visible("[data-kit-paper]") and not tab.is_visible("[data-kit-saved]")
    assert "papir" in tab.inner_text("[data-kit-paper]")
    assert not tab.is_visible("button[data-kit-clear]")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang, source", [
    ("nb", "worksheets/topics/loten-follow-up-plan"),
    ("sv", "worksheets/attendance/flexible-provision"),
    ("nb", "worksheets/areas/organisera-elevhalsoarbetet"),
    ("sv", "worksheets/areas/kvalitetssakra-och-utveckla-undervisningen")])
def test_kits_fit_320_px_with_every_column_and_field_in_view(page, server, lang, source):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{server}/{lang}/{where(lang, source)}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    right = page.evaluate("""() => {
        const edge = e => e.getBoundingClientRect().right;
        const table = document.querySelector('table.guide-agenda');
        return {table: edge(table), box: edge(table.parentElement),
                last: Math.max(...[...table.querySelectorAll('td[data-minutes="90"]')].map(edge)),
                fields: Math.max(...[...document.querySelectorAll('[data-kit-field]')].map(edge))};
    }""")
    assert right["table"] <= right["box"] + 0.5 and right["last"] <= 320
    assert right["fields"] <= 320
    assert page.is_visible('table.guide-agenda th:nth-child(3)')
