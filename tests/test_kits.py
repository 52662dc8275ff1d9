"""Meeting kits: one for every part a team meets about, linked from its page and its section,
printable on A4; reflection cards filtered by part; attendance pages that lead to action."""

import re

import pytest
from conftest import ROOT, built, href, where

from guide.links import SERVES
from guide.outputs import KITS, entity_uri, page_url

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
        agenda = section(html, "agenda")
        rows = re.findall(r"<tr>\s*<td>.*?</td>\s*<td>(\d+) min\s*</td>\s*<td>(\d+) min\s*</td>",
                          agenda,
                          re.DOTALL)
        assert len(rows) == 5
        assert sum(int(a) for a, _ in rows) == 45 and sum(int(b) for _, b in rows) == 90
        # 3-6 reflection questions, each with room to write.
        questions = e.data["reflection"][:6]
        assert 3 <= len(questions) <= 6
        reflection = section(html, "reflection")
        assert reflection.count('class="guide-write"') == len(questions)
        for q in questions:
            assert q[lang].split()[-1].rstrip("?") in reflection
        # Key points carry where they come from.
        points = section(html, "key-points")
        assert "guide-origin__note" in points and "data-origin=" in points
        # What to choose from: every linked action, or what the source suggests.
        choose = section(html, "choose")
        actions = serving(content, kind, e)
        kit = KITS[kind].format(id=e.id)
        for action in actions:
            assert f'href="{href(lang, kit, f"actions/{action}")}"' in choose, \
                (kind, e.id, action)
        suggestions = {"dimension": "leader_actions", "attendance-factor": "leaders_do",
                       "topic": "leaders_do"}.get(kind)
        if suggestions and e.data.get(suggestions):
            assert choose.count("<li>") >= len(actions) + len(e.data[suggestions])
        assert actions or (suggestions and e.data.get(suggestions)) or kind == "topic" or \
            "guide-write" in choose
        assert 'class="guide-write guide-write--small"' in choose
        # Date, participants and a table for what was agreed.
        assert html.count("guide-worksheet-meta") == 1
        assert len(re.findall(r"<tr>(\s*<td>\s*</td>){3}\s*</tr>", section(html, "agreed"))) == 4


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
    assert not page.is_visible("button[data-print]") and page.is_visible(".guide-write")
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
