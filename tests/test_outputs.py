"""The model knows every address and anchor the templates make: kept honest against what they
render, in every language."""

import re
from collections import Counter

import pytest

from guide import outputs
from guide.handwritten import FRAMEWORKS, SNIPPETS, WITH_ARGUMENTS
from guide.render import Renderer

LANGS = ["nb", "sv"]
EXPLICIT_ID = re.compile(r"\{: #([^ }]+)|\bid=\"([^\"]+)\"")


def ids(markdown: str) -> list[str]:
    return [a or b for a, b in EXPLICIT_ID.findall(markdown)]


@pytest.mark.parametrize("lang", LANGS)
def test_no_generated_page_or_snippet_gives_two_things_one_anchor(content, lang):
    renderer = Renderer(content, lang)
    rendered = dict(renderer.pages())
    for name in SNIPPETS:
        rendered[name] = renderer.snippet(name, "index.md")
    rendered["topic_list"] = renderer.snippet("topic_list", "index.md", pillar="plc")
    for framework in FRAMEWORKS:
        rendered[f"matrix {framework}"] = renderer.snippet("matrix", "matrix/index.md",
                                                          framework=framework)
    rendered["source_list"] = renderer.snippet("source_list", "index.md",
                                               source_ids=list(content.sources))
    assert len(rendered) > 120
    for name, markdown in rendered.items():
        twice = [anchor for anchor, n in Counter(ids(markdown)).items() if n > 1]
        assert twice == [], name


@pytest.mark.parametrize("lang", LANGS)
def test_the_fixed_anchors_the_model_knows_are_the_templates(content, lang):
    renderer = Renderer(content, lang)
    pages = dict(renderer.pages())
    for kind, (field, _) in outputs.PART_ANCHORS.items():
        for entity in content.entities[kind]:
            found = set(ids(pages[renderer.uri(kind, entity.id)]))
            parts = {part["id"] for part in entity.data.get(field, [])}
            assert parts <= found
            fixed = outputs.FIXED_ANCHORS[kind]
            if kind == "topic" and not entity.data.get("leaders_do"):
                fixed = fixed - {"leaders-do"}   # reserved, shown only when there is a list
            assert found - parts == fixed, (kind, entity.id)


@pytest.mark.parametrize("lang", LANGS)
def test_the_model_knows_every_generated_page(content, lang):
    claimed = {c.address for c in outputs._pages(content)}
    rendered = {outputs.page_url(uri) for uri, _ in Renderer(content, lang).pages()}
    assert rendered == claimed - {outputs.redirect_folder(r["from"], "x/y")
                                  for r in content.redirects}


def test_the_macros_pages_may_call_are_the_macros_registered():
    """guide/handwritten.py checks calls against the macros hooks/macros.py defines."""
    import importlib.util

    from conftest import ROOT

    from guide.handwritten import OWN

    class Env:
        def __init__(self):
            self.names = []

        def macro(self, function, name=None):
            self.names.append(name or function.__name__)
            return function

    spec = importlib.util.spec_from_file_location("macros", ROOT / "hooks" / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = Env()
    module.define_env(env)
    assert sorted(env.names) == sorted(SNIPPETS + tuple(WITH_ARGUMENTS) + OWN)


# -----------------------------------------------------------------------------
# Pages named in their language
# -----------------------------------------------------------------------------

def test_every_address_is_in_its_own_language(content):
    english = {"actions", "areas", "dimensions", "attendance", "worksheets", "assess", "matrix",
               "glossary", "references", "reflection", "whats-new", "print", "capabilities",
               "accessibility", "school-owner", "background", "topics"}
    for lang in LANGS:
        addresses = outputs.Addresses(content, lang)
        sources = [p for p, _ in Renderer(content, lang).pages()] + ["actions/index.md",
                                                                    "matrix/plc.md"]
        for source in sources:
            segments = addresses.path(source).split("/")
            assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in segments), source
            assert not english & set(segments), (lang, source)
    nb, sv = (outputs.Addresses(content, lang) for lang in LANGS)
    action = "actions/planera-och-genomfor-verksamhetsrundor.md"
    assert nb.url(action) == "lederhandlinger/planlegg-og-gjennomfor-skolevandringer/"
    assert sv.url(action + "#reflection") == \
        "ledarhandlingar/planera-och-genomfor-verksamhetsrundor/#reflection"


@pytest.mark.parametrize("title, slug", [
    ("Gjør opp status med {sv: elevhälsoteamet} (EHT)", "gjor-opp-status-med-elevhalsoteamet-eht"),
    ("Stäm av med skolledningen efter först[a] varvet",
     "stam-av-med-skolledningen-efter-forsta-varvet"),
    ("Åpenhet; nettverk og samarbeid", "apenhet-nettverk-og-samarbeid"),
    ("«»", "page"),
    ("ord " * 60, "-".join(["ord"] * 20))])
def test_an_address_is_made_from_a_title_in_plain_letters(title, slug):
    assert outputs.slugify(title) == slug


def test_a_moved_address_needs_a_redirect_in_its_language(tmp_path):
    import shutil
    from pathlib import Path

    from guide import load_content
    from guide.model import moved_addresses
    root = Path(__file__).resolve().parent.parent
    for name in ("content", "schemas", "docs"):
        shutil.copytree(root / name, tmp_path / name)
    base = load_content(tmp_path / "content", texts=None)
    action = tmp_path / "content" / "actions" / "ga-verksamhetsrundor.yaml"
    text = action.read_text("utf-8")
    old = re.search(r"^slug: \{nb: ([a-z0-9-]+),", text, re.MULTILINE).group(1)
    action.write_text(text.replace(f"nb: {old},", "nb: skolevandringer,", 1), "utf-8")
    moved = [str(p) for p in moved_addresses(load_content(tmp_path / "content", texts=None),
                                             base)]
    assert len(moved) == 1 and f"the nb address of action `ga-verksamhetsrundor` changes from " \
        f"`{old}` to `skolevandringer`: add a redirect" in moved[0], moved
    redirects = tmp_path / "content" / "redirects.yaml"
    redirects.write_text(redirects.read_text("utf-8").replace("[]", f"- {{kind: action, "
                         f"lang: nb, from: {old}, to: ga-verksamhetsrundor}}"), "utf-8")
    now = load_content(tmp_path / "content", texts=None)
    assert now.problems == [] and moved_addresses(now, base) == []
    pages = dict(Renderer(now, "nb").redirect_pages())
    page = pages[f"lederhandlinger/{old}/index.html"]
    assert 'url=../skolevandringer/"' in page
    assert f"lederhandlinger/{old}/index.html" not in dict(Renderer(now, "sv").redirect_pages())


def test_a_slug_in_one_language_leaves_the_other_made_from_the_title(tmp_path):
    import shutil
    from pathlib import Path

    from guide import load_content
    root = Path(__file__).resolve().parent.parent
    for name in ("content", "schemas", "docs"):
        shutil.copytree(root / name, tmp_path / name)
    action = tmp_path / "content" / "actions" / "ga-verksamhetsrundor.yaml"
    action.write_text(re.sub(r"^slug: .*$", "slug: {sv: rundor}", action.read_text("utf-8"),
                             flags=re.MULTILINE), "utf-8")
    content = load_content(tmp_path / "content", texts=None)
    assert content.problems == []
    source = "actions/ga-verksamhetsrundor.md"
    assert outputs.Addresses(content, "sv").url(source) == "ledarhandlingar/rundor/"
    assert outputs.Addresses(content, "nb").url(source) == "lederhandlinger/ga-skolevandringer/"
    for lang in LANGS:   # renders in both languages
        assert source in dict(Renderer(content, lang).pages())
