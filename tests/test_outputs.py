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
