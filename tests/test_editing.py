"""The editors' tools: scaffolding, translation status, editor settings, what's new, edit links."""

import json
import posixpath
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, TEST_REPO, built, copy_project, href, where

from guide import load_content
from guide.files import KINDS, SINGLES
from guide.outputs import entity_uri, slugify

KIND_NAMES = [k.name for k in KINDS]
# Kinds whose number the sources fix (five dimensions, three capabilities, eight characteristics).
FIXED = {"dimension", "capability", "plc-characteristic"}


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_new_entry_is_refused_until_filled_then_valid(tmp_path, content, kind):
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    made = run("scripts/new.py", kind, "Prøv noe nytt på mandag", "--area",
               content.entities["area"][0].id, "--pillar", "school-owner", "--content", str(copy))
    assert made.returncode == 0, made.stderr
    path = next(copy.glob("*/prov-noe-nytt-pa-mandag.yaml"))
    refused = run("scripts/validate.py", str(path))
    assert refused.returncode == 1
    lines = refused.stdout.splitlines()
    if kind in FIXED:   # a sixth dimension is refused by its number; nothing more to fill
        assert any("`number` must be at most" in line for line in lines)
        return
    assert lines and all(re.search(r"still a placeholder|needs at least|is not valid for `.*origin",
                                   line) for line in lines)

    text = path.read_text("utf-8")
    if kind == "action":   # an action's title is Skolverket's words, checked against its text
        text = text.replace('sv: "TODO"', 'sv: "Gå verksamhetsrundor"', 1)
    text = text.replace('"TODO"', '"Tekst."').replace("id: todo", "id: one")
    text = re.sub(r"^(\s+\w+): TODO$", r"\1: guide", text, flags=re.MULTILINE)   # origins
    for ref_kind in re.findall(r"\[\]  # ids of (\S+) entries", text):
        # A source with no text file: its quotations are not checked against it.
        known = {"source": "paulsen-hjerto-2017"}.get(ref_kind) or \
            content.entities[ref_kind][0].id
        text = text.replace(f"[]  # ids of {ref_kind} entries", f"[{known}]", 1)
    path.write_text(text, "utf-8")
    checked = run("scripts/validate.py", str(path))
    assert checked.returncode == 0, checked.stdout
    assert all(": warning: " in line for line in checked.stdout.splitlines()), checked.stdout


def test_new_refuses_an_existing_id(content):
    action = content.entities["action"][0]
    made = run("scripts/new.py", "action", "x", "--id", action.id, "--area", action.data["area"])
    assert made.returncode == 1 and "already exists" in made.stderr


def test_editor_settings_map_every_content_file_to_its_modeline_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapped = {glob: schema.removeprefix("./schemas/")
              for schema, globs in settings["yaml.schemas"].items() for glob in globs}
    files = sorted((ROOT / "content").rglob("*.yaml"))
    assert len(files) > 100
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        glob = rel if rel in mapped else f"{path.parent.relative_to(ROOT).as_posix()}/*.yaml"
        modeline = path.read_text("utf-8").splitlines()[0]
        assert modeline.endswith(f"schemas/{mapped[glob]}"), rel
    assert set(mapped.values()) == {k.schema for k in KINDS} | set(SINGLES.values())


def test_pre_commit_runs_the_validator_and_the_linter():
    config = (ROOT / ".pre-commit-config.yaml").read_text("utf-8")
    assert "scripts/validate.py" in config and "ruff check" in config


def test_schemas_are_published_with_the_site(site):
    published = {p.name for p in (site / "schemas").glob("*.json")}
    assert published == {p.name for p in (ROOT / "schemas").glob("*.json")}


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_edit_link_leads_to_the_file_an_editor_changes(site, content, lang):
    action = content.entities["action"][0]
    page = built(site, lang, f"actions/{action.id}").read_text("utf-8")
    assert f'href="{TEST_REPO}/edit/main/content/actions/{action.id}.yaml"' in page
    home = (site / lang / "index.html").read_text("utf-8")
    assert f'href="{TEST_REPO}/edit/main/docs/{lang}/index.md"' in home


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_whats_new_lists_every_revision_newest_first(site, content, lang):
    page = built(site, lang, "whats-new").read_text("utf-8")
    dates = re.findall(r'<h2 id="changes-([0-9-]+)"', page)
    assert dates == sorted({c["date"] for c in content.changes}, reverse=True)
    for change in content.changes:
        assert change["note"][lang].split()[0] in page
        for entry in change.get("entries", []):
            target = entity_uri(content.get(*entry.split("/")))
            assert f'href="{href(lang, "whats-new", target)}"' in page, entry


def test_revised_date_on_pages_comes_from_the_content(site, content):
    for action in content.entities["action"][:5]:
        page = built(site, "nb", f"actions/{action.id}").read_text("utf-8")
        assert f'<time datetime="{action.data["revised"]}">' in page


def test_real_content_loads_without_problems():
    assert load_content(ROOT / "content").problems == []


def test_python_code_passes_the_linter():
    lint = run("-m", "ruff", "check", "guide", "hooks", "scripts", "tests")
    assert lint.returncode == 0, lint.stdout


def test_translation_status_counts_every_text_in_every_language():
    status = run("scripts/translation_status.py")
    assert status.returncode == 0
    rows = {line.split()[0]: line.split() for line in status.stdout.splitlines()[1:] if line}
    assert set(rows) >= {*KIND_NAMES, "sources", "ui", "all"}
    texts = rows["all"][1]
    assert int(texts) > 900
    assert rows["all"][2:] == [texts, "(100%)", texts, "(100%)"]
    assert "Missing" not in status.stdout


DRAFT = """# yaml-language-server: $schema=../../schemas/action.schema.json
id: utkast
draft: true
area: {area}
number: {number}
title:
  nb: Et utkast
description:
  nb: Rektor prøver noe nytt. Det er ikke ferdig skrevet ennå.
dimensions: [teacher-learning]
reflection:
  - nb: Hva lærer vi av dette?
revised: 2026-11-23
reviewed: 2026-11-23
next_review: 2027-11-23
owner: editorial-team
"""


def test_a_third_language_and_a_draft_show_in_the_status_and_are_not_published(tmp_path,
                                                                                 content):
    project = copy_project(tmp_path)
    languages = project / "content" / "languages.yaml"
    languages.write_text(languages.read_text("utf-8") + """- code: da
  name: Dansk
  english_name: Danish
  decimal_mark: ","
  date_format: "%d.%m.%Y"
  status: in-translation
""", "utf-8")
    area = content.entities["area"][0]
    number = len([a for a in content.entities["action"] if a.data["area"] == area.id]) + 1
    (project / "content" / "actions" / "utkast.yaml").write_text(
        DRAFT.format(area=area.id, number=number), "utf-8")

    valid = run("scripts/validate.py", cwd=project)
    assert valid.returncode == 0, valid.stdout
    assert all(": warning: " in line for line in valid.stdout.splitlines()), valid.stdout
    status = run("scripts/translation_status.py", cwd=project)
    assert "da (in translation)" in status.stdout
    assert "content/actions/utkast.yaml:6:1: sv is missing in `title` (draft)" in status.stdout
    assert "da is missing" not in status.stdout
    danish = run("scripts/translation_status.py", "--lang", "da", cwd=project)
    assert "content/actions/utkast.yaml:6:1: da is missing in `title` (draft)" in danish.stdout
    assert danish.stdout.count("da is missing") > 900

    build = run("scripts/build.py", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert build.returncode == 0, build.stderr
    assert sorted(p.name for p in (tmp_path / "site").iterdir() if p.is_dir()) == [
        "data", "nb", "schemas", "sv"]
    actions = where("nb", "actions/index")
    for address in ("actions/utkast", f"{actions}utkast", f"{actions}{slugify('Et utkast')}"):
        assert not (tmp_path / "site" / "nb" / address).exists(), address   # old or new
    area_page = built(tmp_path / "site", "nb", f"areas/{area.id}").read_text("utf-8")
    assert "utkast" not in area_page


def test_a_published_entry_cannot_link_to_a_draft(tmp_path, content):
    project = copy_project(tmp_path)
    path = project / "content" / "dimensions" / "teacher-learning.yaml"
    path.write_text(path.read_text("utf-8").replace("number: 4\n", "draft: true\nnumber: 4\n"),
                    "utf-8")
    checked = run("scripts/validate.py", cwd=project)
    assert checked.returncode == 1
    users = [a for a in content.entities["action"] if "teacher-learning" in a.data["dimensions"]]
    lines = checked.stdout.splitlines()
    assert len([x for x in lines if "the dimension `teacher-learning` is a draft" in x]) == \
        len(users)


def test_a_changed_id_keeps_its_old_address_working(tmp_path, content):
    project = copy_project(tmp_path)
    action = content.entities["action"][0]
    old = project / "content" / "actions" / f"{action.id}.yaml"
    new_id = "gjor-spontana-lektionsbesok"
    (old.parent / f"{new_id}.yaml").write_text(
        old.read_text("utf-8").replace(f"id: {action.id}", f"id: {new_id}"), "utf-8")
    old.unlink()
    (project / "content" / "redirects.yaml").write_text(
        f"- kind: action\n  from: {action.id}\n  to: {new_id}\n", "utf-8")
    build = run("scripts/build.py", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert build.returncode == 0, build.stderr
    for lang in ("nb", "sv"):
        page = (tmp_path / "site" / lang / "actions" / action.id / "index.html").read_text()
        assert f'<html lang="{lang}">' in page
        # The entry keeps its address in each language (its slug, or its title, names it).
        new = where(lang, f"actions/{action.id}")
        target = posixpath.relpath(new, f"actions/{action.id}") + "/"
        assert f'content="0; url={target}"' in page and f'href="{target}"' in page
        assert action.data["title"][lang] in page
        assert (tmp_path / "site" / lang / new / "index.html").exists()


def test_an_entry_gone_since_the_base_revision_needs_a_redirect(content):
    from guide.model import removed_ids
    action = content.entities["action"][0]
    base = [f"content/actions/{action.id}.yaml", "content/actions/renamed-away.yaml",
            "content/topics/old-topic.yaml", "content/ui.yaml", "docs/nb/index.md"]
    assert removed_ids(content, base) == [("action", "renamed-away"), ("topic", "old-topic")]


def test_validate_compares_with_a_git_revision():
    same = run("scripts/validate.py", "--base", "HEAD")
    assert same.returncode == 0, same.stdout
    assert all(": warning: " in line for line in same.stdout.splitlines()), same.stdout
    bad = run("scripts/validate.py", "--base", "no-such-revision")
    assert bad.returncode == 1 and "cannot compare with `no-such-revision`" in bad.stdout


def test_workflows_run_the_same_make_targets_as_ci():
    import yaml
    checks = yaml.safe_load((ROOT / ".github" / "workflows" / "checks.yml").read_text("utf-8"))
    validate = [s for s in checks["jobs"]["checks"]["steps"] if s.get("run") == "make validate"]
    assert validate and "origin/" in validate[0]["env"]["BASE"]   # as data, not in the command
    steps = [s.get("run", "") for s in checks["jobs"]["checks"]["steps"]]
    assert "make build" in steps and "bash .ci/run" in steps
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    assert "make build" in [s.get("run") for s in publish["jobs"]["build"]["steps"]]
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_contributing_guide_and_template_speak_both_languages():
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert "## Norsk" in guide and "## Svenska" in guide
    for words in ("make serve", "scripts/new.py", "draft: true", "content/redirects.yaml",
                  "content/changes.yaml", "make status"):
        assert guide.count(words) >= 2, words
    template = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    assert template.count("- [ ]") >= 5 and "sources" in template


def test_benchmark_content_grows_through_the_same_model(tmp_path):
    """scripts/bench.py's synthetic content is valid; its page weight reads a real build."""
    from conftest import load_script
    bench = load_script("bench")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    one = len(load_content(content).entities["action"])
    entries = bench.scale_content(content, 3)
    scaled = load_content(content)
    assert scaled.problems == [] and len(scaled.entities["action"]) == 3 * one
    assert entries == sum(len(v) for v in scaled.entities.values())


def test_benchmark_weighs_pages_with_their_assets(site):
    from conftest import load_script
    weight = load_script("bench").page_weight(site)
    assert set(weight) == {"home", "area", "dimension"}
    assert all(w["files"] > 5 and 20 < w["kb_gzip"] < 1000 for w in weight.values() if "files" in w)
