"""The content model: plain Python, one language at a time, references resolved."""

import subprocess
import sys

from conftest import ROOT


def test_model_does_not_import_mkdocs():
    code = ("import sys, guide, guide.render, guide.schemas; "
            "from guide import load_content; load_content('content'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_dimensions_are_in_robinsons_order_with_her_effect_sizes(content):
    sizes = {d.id: d.data["effect_size"]["value"] for d in content.entities["dimension"]}
    assert list(sizes) == ["goals-and-expectations", "strategic-resourcing", "quality-teaching",
                           "teacher-learning", "orderly-environment"]
    # Robinson, Lloyd & Rowe (2008), as given in shared/sources/README.md
    assert list(sizes.values()) == [0.42, 0.31, 0.42, 0.84, 0.27]


def test_every_dimension_explains_every_capability(content):
    capabilities = [c.id for c in content.entities["capability"]]
    assert capabilities == ["applying-relevant-knowledge", "solving-complex-problems",
                            "building-relational-trust"]
    for dim in content.entities["dimension"]:
        assert [c["capability"] for c in dim.data["capabilities"]] == capabilities


def test_every_cited_source_is_in_the_registry(content):
    cited = {s for kind in content.entities.values() for e in kind for s in e.data.get("sources", [])}
    assert cited <= set(content.sources)
