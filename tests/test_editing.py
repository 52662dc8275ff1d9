"""The editors' tools: scaffolding, translation status, editor settings, what's new, edit links."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, TEST_REPO

from guide import load_content
from guide.model import KINDS, SINGLES

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
    assert lines and all(re.search(r"still a placeholder|needs at least", line) for line in lines)

    text = path.read_text("utf-8").replace('"TODO"', '"Tekst."').replace("id: todo", "id: one")
    for ref_kind in re.findall(r"\[\]  # ids of (\S+) entries", text):
        known = {"source": "robinson-2011"}.get(ref_kind) or content.entities[ref_kind][0].id
        text = text.replace(f"[]  # ids of {ref_kind} entries", f"[{known}]", 1)
    path.write_text(text, "utf-8")
    checked = run("scripts/validate.py", str(path))
    assert (checked.returncode, checked.stdout) == (0, "")


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
    page = (site / lang / "actions" / action.id / "index.html").read_text("utf-8")
    assert f'href="{TEST_REPO}/edit/main/content/actions/{action.id}.yaml"' in page
    home = (site / lang / "index.html").read_text("utf-8")
    assert f'href="{TEST_REPO}/edit/main/docs/{lang}/index.md"' in home


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_whats_new_lists_every_revision_newest_first(site, content, lang):
    page = (site / lang / "whats-new" / "index.html").read_text("utf-8")
    dates = re.findall(r'<h2 id="changes-([0-9-]+)"', page)
    assert dates == sorted({c["date"] for c in content.changes}, reverse=True)
    for change in content.changes:
        assert change["note"][lang].split()[0] in page
        for entry in change.get("entries", []):
            assert entry.split("/")[1] in page


def test_revised_date_on_pages_comes_from_the_content(site, content):
    for action in content.entities["action"][:5]:
        page = (site / "nb" / "actions" / action.id / "index.html").read_text("utf-8")
        assert f'<time datetime="{action.data["revised"]}">' in page


def test_real_content_loads_without_problems():
    assert load_content(ROOT / "content").problems == []


def test_python_code_passes_the_linter():
    lint = run("-m", "ruff", "check", "guide", "hooks", "scripts", "tests")
    assert lint.returncode == 0, lint.stdout
