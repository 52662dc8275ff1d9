"""Rendering: content text becomes exactly that text on the page, never markup."""

import markdown
import pytest

from guide import text
from guide.render import Renderer, localize

EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables"]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "Text {: onmouseover=alert(1) }",
    "{{ config.site_name }} and {% if 1 %}x{% endif %}",
    "*stars* _under_ `code` # not a heading",
    "1. not a list | not | a table",
    '" onfocus="alert(1)',
    "Tillit & respekt &amp; trygghet",
]


def to_html(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize("raw", HOSTILE)
def test_md_renders_to_the_same_text(raw):
    html = to_html(text.md(raw))
    assert html.startswith("<p>") and html.endswith("</p>")
    assert _plain(html) == raw
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<em>" not in html and "<code>" not in html and "<table>" not in html


def _plain(html: str) -> str:
    import html as html_lib
    import re
    return html_lib.unescape(re.sub(r"</?p>", "", html))


def test_paragraphs_keep_blank_line_breaks_only():
    html = to_html(text.paragraphs("First line\ncontinues.\n\n  Second   paragraph.\n"))
    assert html == "<p>First line continues.</p>\n<p>Second paragraph.</p>"


def test_numbers_and_dates_follow_the_language():
    assert text.number(0.84, ",") == "0,84"
    assert text.day("2026-11-22", "%d.%m.%Y") == "22.11.2026"
    assert text.fill("{a} and {b} {a}", a=1, b="x") == "1 and x 1"


def test_localize_picks_one_language_everywhere():
    data = {"title": {"nb": "Hei", "sv": "Hej"}, "list": [{"nb": "a", "sv": "b"}], "n": 1}
    assert localize(data, {"nb", "sv"}, "sv") == {"title": "Hej", "list": ["b"], "n": 1}


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_every_dimension_gets_a_page_in_its_language(content, lang):
    pages = dict(Renderer(content, lang).pages())
    for dim in content.entities["dimension"]:
        source = pages[f"dimensions/{dim.id}.md"]
        title = dim.data["title"][lang]
        summary = dim.data["summary"][lang]
        assert source.startswith(f"---\ntitle: {text.front_matter_text(title)}\n"
                                 f"description: {text.front_matter_text(summary)}\n---\n")
        assert f"\n# {text.md(title)} {{: data-origin=\"skoleeierskap-plc-slides\" }}\n" in source
        other = "sv" if lang == "nb" else "nb"
        assert text.md(dim.data["summary"][other]) not in source


def test_overview_lists_the_dimensions_in_order(content):
    snippet = Renderer(content, "nb").snippet("dimension_overview", "dimensions/index.md")
    positions = [snippet.index(f"]({d.id}.md)") for d in content.entities["dimension"]]
    assert positions == sorted(positions) and len(positions) == 5
