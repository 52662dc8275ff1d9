"""The project's own tools, used as a careless or hostile user would (issue 28): each refuses
what would destroy files, write outside its place or run a command, with one plain message (at
`path:line:col` where it is content), or makes the value harmless.

The tests work on copies of the project, and none needs the real content to be valid: problems
are compared before and after each change.
"""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, load_script
from mkdocs.exceptions import PluginError

from guide import load_content, text
from guide.yamlfile import read_yaml

AREA = min((ROOT / "content" / "areas").glob("*.yaml")).stem


def run(args, cwd=ROOT, env=None, timeout=120) -> subprocess.CompletedProcess:
    """A script of the project in a process of its own; never a traceback."""
    done = subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, check=False, env=os.environ | (env or {}))
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file and link under `folder`, with its bytes (a link: where it leads)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = os.readlink(path).encode()
        elif path.is_file():
            found[name] = path.read_bytes()
        else:
            found[name] = b"<folder>"
    return found


def problems(content: Path) -> set[str]:
    return {str(p) for p in load_content(content).problems}


def added(content: Path, change) -> list[str]:
    """The problems that `change()` adds to the content (the content may have others)."""
    before = problems(content)
    change()
    return sorted(problems(content) - before)


def position(path: Path, written: str) -> tuple[int, int]:
    """Line and column where `written` starts (its last occurrence) in a file."""
    whole = path.read_text("utf-8")
    start = whole.rindex(written)
    return whole.count("\n", 0, start) + 1, start - whole.rfind("\n", 0, start)


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of content/, schemas/ and docs/; returns the copy's content/."""
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path / "content"


def append(path: Path, lines: str) -> None:
    path.write_text(path.read_text("utf-8").rstrip("\n") + "\n" + lines, "utf-8")


# -----------------------------------------------------------------------------
# 1. A build replaces its site folder: never the project, its sources or other files
# -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a git folder, an uncommitted file and a link to content/."""
    project = copy_project(tmp_path_factory.mktemp("spare"))
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    (project / "notes-not-committed.txt").write_text("mine\n", "utf-8")
    (project / "linked-content").symlink_to(project / "content")
    return project


@pytest.mark.parametrize("site_dir, message", [
    (".", ". is the project's folder or holds it"),
    ("..", ".. is the project's folder or holds it"),
    ("/", "/ is the project's folder or holds it"),
    ("content", "content is the project's content/"),
    ("content/actions", "content/actions lies inside the project's content/"),
    ("site/../docs", "site/../docs is the project's docs/"),
    (".git", ".git is the project's .git/"),
    ("scripts", "scripts is the project's scripts/"),
    ("linked-content", "linked-content is the project's content/"),
    ("README.md", "README.md is a file: a site is a folder"),
])
def test_a_build_never_replaces_the_project_or_its_sources(project, site_dir, message):
    before = snapshot(project)
    done = run(["scripts/build.py", "--site-dir", site_dir], cwd=project)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(message), done.stderr
    assert snapshot(project) == before


def test_a_build_never_replaces_a_folder_of_other_files(project, tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me\n", "utf-8")
    done = run(["scripts/build.py", "--site-dir", documents], cwd=project)
    assert done.returncode == 1
    assert "holds files that are not a site of the guide: a build would delete them" in done.stderr
    assert snapshot(tmp_path) == {"documents": b"<folder>", "documents/letter.txt": b"keep me\n"}


def test_the_default_site_folder_and_folders_of_their_own_stay_allowed(tmp_path):
    build = load_script("build")
    old = tmp_path / "old-site"
    (old / "nb").mkdir(parents=True)
    (old / "nb" / "index.html").write_text("<p>an earlier build</p>", "utf-8")
    (tmp_path / "empty").mkdir()
    for allowed in (ROOT / "site", tmp_path / "new" / "site", old, tmp_path / "empty"):
        assert build.site_dir_problem(allowed) is None, allowed


@pytest.mark.parametrize("name", ["site", "pre", "*"])
def test_a_build_removes_only_its_own_leftovers_beside_the_site(tmp_path, name):
    """Leftovers are found by name: `--site-dir pre` or `--site-dir '*'` spare .pre-commit-config.yaml."""
    kept = [".pre-commit-config.yaml", f".{name}-notes", "a.old"]
    for file in kept:
        (tmp_path / file).write_text("keep\n", "utf-8")
    (tmp_path / f".{name}-build-killed").mkdir()
    with load_script("build")._only_build(tmp_path / name):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


# -----------------------------------------------------------------------------
# 2. scripts/new.py writes one entry, in its folder, from values it has checked
# -----------------------------------------------------------------------------

@pytest.fixture
def content_copy(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


@pytest.mark.parametrize("args, message", [
    (["action", "x", "--id", "../../escaped", "--area", AREA], "--id `../../escaped` is not an id"),
    (["action", "x", "--id", "{tmp}/absolute", "--area", AREA], "--id `/"),
    (["area", "x", "--id", "Bad Id!"], "--id `Bad Id!` is not an id: use lowercase letters"),
    (["area", "x", "--id", "a" * 81], "at most 80 characters"),
    (["area", "x" * 100_000], "the title is 100000 characters long: at most 200 are allowed"),
    (["action", "Title\nstatus: published", "--area", AREA],
     "the title must be one line of visible text"),
    (["action", "Title\u2028status: published", "--area", AREA],
     "the title must be one line of visible text"),
    (["area", "\u200b"], "the title must be one line of visible text"),
    (["action", "x", "--area", f"{AREA}\nstatus: published"],
     f"--area `{AREA}\\u000astatus: published` is not an id"),
    (["topic", "x", "--pillar", "plc\nnumber: 9"], "is not a part of the guide: use plc, "),
])
def test_new_refuses_what_cannot_be_an_entry_and_writes_nothing(tmp_path, content_copy, args,
                                                                message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    before = snapshot(tmp_path)
    done = run(["scripts/new.py", *args, "--content", content_copy])
    assert done.returncode == 2, done.stderr
    last = done.stderr.splitlines()[-1]
    assert last.startswith("new.py: error: ") and message in last and len(last) < 300, last
    assert snapshot(tmp_path) == before


def test_new_never_writes_over_a_file_or_through_a_link(tmp_path, content_copy):
    outside = tmp_path / "outside.yaml"
    (content_copy / "areas" / "linked.yaml").symlink_to(outside)
    done = run(["scripts/new.py", "area", "Linked", "--content", content_copy])
    assert done.returncode == 1 and "linked.yaml already exists" in done.stderr
    assert not outside.exists()


def test_new_writes_ids_that_read_back_as_text_and_a_review_a_year_on(content_copy):
    done = run(["scripts/new.py", "area", "No", "--content", content_copy],
               env={"GUIDE_TODAY": "2028-02-29"})
    assert done.returncode == 0, done.stderr
    doc = read_yaml(content_copy / "areas" / "no.yaml", "no.yaml")
    assert doc.problems == [] and doc.data["id"] == "no"   # not false
    assert (doc.data["reviewed"], doc.data["next_review"]) == ("2028-02-29", "2029-02-28")


# -----------------------------------------------------------------------------
# 3. GUIDE_TODAY and SOURCE_DATE_EPOCH: a plain message from every tool, not a traceback
# -----------------------------------------------------------------------------

SETTINGS = [
    ({"GUIDE_TODAY": "garbage"},
     "GUIDE_TODAY must be a day written YYYY-MM-DD, such as 2026-05-01 (it is «garbage»)"),
    ({"GUIDE_TODAY": "2026-13-01"}, "GUIDE_TODAY=2026-13-01 is not a day of the calendar"),
    ({"SOURCE_DATE_EPOCH": "99999999999999999999"},
     "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (UTC)"),
    ({"SOURCE_DATE_EPOCH": "soon", "GUIDE_TODAY": "2026-05-01"},
     "SOURCE_DATE_EPOCH must be a whole number of seconds"),
]
TOOLS = {
    "validate": ["scripts/validate.py"],
    "status": ["scripts/translation_status.py"],
    "build": ["scripts/build.py", "--site-dir", "{tmp}/site"],
    "new": ["scripts/new.py", "area", "Dato", "--content", "{tmp}/content"],
}


@pytest.mark.parametrize("env, message", SETTINGS)
@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_a_wrong_day_setting_is_one_plain_line(tmp_path, tool, env, message):
    done = run([a.replace("{tmp}", str(tmp_path)) for a in TOOLS[tool]], env=env)
    assert done.returncode == 1 and "internal error" not in done.stderr
    assert done.stderr.strip() == done.stderr.strip().splitlines()[0]
    assert done.stderr.startswith(message), done.stderr
    assert not (tmp_path / "site").exists()


def test_mkdocs_alone_stops_with_the_same_message(tmp_path):
    done = run(["-m", "mkdocs", "build", "-q", "-f", "mkdocs.nb.yml", "-d", tmp_path / "nb"],
               env={"GUIDE_TODAY": "2026-13-01", "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 1 and "GUIDE_TODAY=2026-13-01 is not a day of the calendar" in \
        done.stderr
    assert not (tmp_path / "nb").exists()


# -----------------------------------------------------------------------------
# 4. BASE reaches scripts/validate.py as data, in make and in CI
# -----------------------------------------------------------------------------

HOSTILE_BASES = [
    "HEAD;touch {marker}",
    'HEAD" ; touch {marker} ; "',
    "HEAD'; touch {marker}; '",
    "$(touch {marker})",
    "`touch {marker}`",
    "$(shell touch {marker})",
]


@pytest.fixture(scope="module")
def make_project(tmp_path_factory) -> Path:
    """A copy of the project whose .venv is the real one (make's install step is skipped)."""
    project = copy_project(tmp_path_factory.mktemp("make"))
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed-stamp",
                           *args], cwd=project, capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.mark.parametrize("base", HOSTILE_BASES)
def test_make_validate_passes_base_as_one_argument_and_runs_nothing(make_project, tmp_path,
                                                                     base):
    marker = tmp_path / "ran"
    base = base.replace("{marker}", str(marker))
    # What the recipe hands to Python: a program that prints its arguments stands in for it.
    echo = tmp_path / "argv.py"
    echo.write_text("import json, sys\nprint(json.dumps(sys.argv[1:]))\n", "utf-8")
    shown = make(make_project, "validate", f"BASE={base}", f"PY={sys.executable} {echo}")
    assert json.loads(shown.stdout.splitlines()[-1]) == ["scripts/validate.py", "--base", base]
    # The real recipe, run for real.
    real = make(make_project, "validate", f"BASE={base}")
    assert real.returncode != 0 and "Traceback" not in real.stderr
    assert not marker.exists()


def test_make_validate_without_base_compares_with_nothing(make_project, tmp_path):
    echo = tmp_path / "argv.py"
    echo.write_text("import json, sys\nprint(json.dumps(sys.argv[1:]))\n", "utf-8")
    shown = make(make_project, "validate", f"PY={sys.executable} {echo}")
    assert json.loads(shown.stdout.splitlines()[-1]) == ["scripts/validate.py"]


def test_no_workflow_pastes_an_expression_into_a_command():
    steps = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        flow = yaml.safe_load(path.read_text("utf-8"))
        steps += [step for job in flow["jobs"].values() for step in job["steps"]]
    assert steps and all("${{" not in step.get("run", "") for step in steps)
    validate = next(step for step in steps if step.get("run") == "make validate")
    assert "origin/" in validate["env"]["BASE"] and "github.base_ref" in validate["env"]["BASE"]


# -----------------------------------------------------------------------------
# 5. The glossary: an avoided form that would flood every text is refused at its own line
# -----------------------------------------------------------------------------

def glossary_term(avoid: str) -> str:
    return ("- id: test-term\n"
            "  term: {nb: prøveord, sv: provord}\n"
            "  explanation: {nb: Et ord å prøve med., sv: Ett ord att pröva med.}\n"
            "  forms: {nb: [prøveordet, prøveordene], sv: [provordet]}\n"
            f"  avoid: {{nb: [{avoid}]}}\n")


@pytest.mark.parametrize("avoid, message", [
    ('"prøveord"', ("«prøveord» matches «prøveord», a form the glossary prefers (term "
                    "`test-term`), so every «prøveord» in the texts would be reported")),
    ('"prøveordene"', "«prøveordene» matches «prøveordene», a form the glossary prefers"),
    ('"prøveord*"', "«prøveord*» matches «prøveord», a form the glossary prefers"),
    ('"p*"', ("«p*» would take every word that starts with «p»: write at least 4 letters "
              "before the *")),
    ('"rektor"', "«rektor» matches «rektor», a form the glossary prefers (term `principal`)"),
])
def test_an_avoided_form_that_would_flood_the_texts_is_refused_at_its_line(tree, avoid,
                                                                            message):
    path = tree / "glossary.yaml"
    found = added(tree, lambda: append(path, glossary_term(avoid)))
    line, col = position(path, avoid)
    assert len(found) == 1 and re.search(rf"glossary\.yaml:{line}:{col}: ", found[0]), found
    assert message in found[0]


def test_a_plain_avoided_form_adds_no_problem(tree):
    path = tree / "glossary.yaml"
    assert added(tree, lambda: append(path, glossary_term('"prøveordsrunde*"'))) == []


# -----------------------------------------------------------------------------
# 6. Words in another language: a mark holds words and stays within its paragraph
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("explanation, message", [
    ("    nb: |\n      Ord på {sv: svenska\n\n      ord} her.\n",
     "marks words as `sv` over a blank line: a mark stays within one paragraph"),
    ('    nb: "Ord på {sv:   } her."\n', "marks no words as `sv` ({sv: } is empty)"),
    ('    nb: "Ord på {sv:\\t} her."\n', "marks no words as `sv` ({sv: } is empty)"),
])
def test_a_mark_without_words_or_over_a_blank_line_is_refused(tree, explanation, message):
    path = tree / "glossary.yaml"
    term = glossary_term('"prøveordsrunde*"').replace(
        "  explanation: {nb: Et ord å prøve med., sv: Ett ord att pröva med.}\n",
        "  explanation:\n" + explanation + "    sv: Ett ord att pröva med.\n")
    found = added(tree, lambda: append(path, term))
    line, col = position(path, explanation.split(": ", 1)[1].rstrip("\n").split("\n")[0])
    assert len(found) == 1 and re.search(rf"glossary\.yaml:{line}:{col}: ", found[0]), found
    assert message in found[0]


def test_a_mark_renders_as_marked_words_or_not_at_all():
    assert text.FOREIGN.findall("a {sv: ett\nord} b {nb: x} c") == [("sv", "ett\nord"),
                                                                     ("nb", "x")]
    for unmarked in ("{sv: a\n\nb}", "{sv: a\n  \n b}", "{sv:   }", "{sv: \n\n b}"):
        assert text.FOREIGN.search(unmarked) is None, unmarked
    assert text.paragraphs("Ord på {sv: ett\nord} her.") == \
        'Ord på <span lang="sv">ett ord</span> her\\.'


# -----------------------------------------------------------------------------
# 7. Addresses, branches, dates and interface texts
# -----------------------------------------------------------------------------

def source(url: str) -> str:
    return ("- id: test-source\n  short: Test (2026)\n  reference: Test. (2026). Et verk.\n"
            f"  written_in: en\n  url: {url}\n")


@pytest.mark.parametrize("url", [
    "https://www.skolverket.se:pw@evil.example/ledarhandlingar",
    "https://www.skolverket.se@evil.example/",
    "https://www.skolvеrket.se/",          # a Cyrillic е
    "https://93.184.216.34/ledarhandlingar",
    "https://www.skolverket.se%2F@evil.example/",
])
def test_a_source_address_is_the_host_it_looks_like(tree, url):
    path = tree / "sources.yaml"
    found = added(tree, lambda: append(path, source(url)))
    line, col = position(path, url)
    assert len(found) == 1 and re.search(rf"sources\.yaml:{line}:{col}: ", found[0]), found
    assert "with no user name or password" in found[0] and "^" not in found[0]


def test_a_plain_source_address_adds_no_problem(tree):
    path = tree / "sources.yaml"
    url = "https://www.skolverket.se:443/publikationer?id=1#del-2"
    assert added(tree, lambda: append(path, source(url))) == []


@pytest.fixture
def hooks():
    spec = importlib.util.spec_from_file_location("content_hooks", ROOT / "hooks" / "content.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["SITE_URL", "REPO_URL"])
def test_a_site_or_repository_address_with_a_password_is_refused_without_showing_it(
        hooks, monkeypatch, name):
    monkeypatch.setenv(name, "https://editor:secret@guide.example/")
    with pytest.raises(PluginError) as refused:
        hooks._address(name, None)
    assert f"${name} must be an http(s) address" in str(refused.value)
    assert "no user name or password" in str(refused.value) and "secret" not in str(refused.value)
    for value in ("https://www.skolverket.se:pw@evil.example/", "https://guíde.example/",
                  "http://guide.example:port/"):
        assert text.web_address(value) is None, value
    assert text.web_address("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_the_edit_branch_stays_one_part_of_the_edit_address(hooks, monkeypatch):
    monkeypatch.setenv("REPO_URL", "https://github.com/example/guide")
    monkeypatch.setenv("EDIT_BRANCH", "feature/x?y#z%41 &")
    assert hooks._edit_base() == \
        "https://github.com/example/guide/edit/feature/x%3Fy%23z%2541%20%26"
    for branch in ("../../evil/repo", "a//b", "./x", "main/"):
        monkeypatch.setenv("EDIT_BRANCH", branch)
        with pytest.raises(PluginError, match="EDIT_BRANCH must be the name of a branch"):
            hooks._edit_base()


def test_the_year_has_four_digits_in_every_date_format():
    assert text.day("0001-01-01", "%d.%m.%Y") == "01.01.0001"
    assert text.day("0999-12-31", "%Y-%m-%d") == "0999-12-31"
    assert text.day("2026-05-01", "%d.%m.%Y (%%Y)") == "01.05.2026 (%Y)"


def test_a_value_that_holds_a_placeholder_is_not_filled_again():
    template = "«{file}» ble ikke hentet: {reason}"
    assert text.fill(template, file="{reason}.json", reason="ugyldig") == \
        "«{reason}.json» ble ikke hentet: ugyldig"
    assert text.fill("{count} av {total}", count="{total}") == "{total} av {total}"


def test_the_browser_fills_interface_texts_the_same_way():
    """guide-assessment.js fills its texts in one pass too (the browser test imports a file
    called «{reason}.json»; this checks the function's source where no browser is at hand)."""
    script = (ROOT / "overrides" / "assets" / "javascripts" / "guide-assessment.js").read_text(
        "utf-8")
    function = re.search(r"\n  function text\(name, values\) \{\n.*?\n  \}\n", script, re.DOTALL)
    assert function and ".split(" not in function.group()
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    program = ("var texts = {getAttribute: function () { return '«{file}» ble ikke hentet: "
               "{reason}'; }};" + function.group() +
               "console.log(text('file_rejected', {file: '{reason}.json', reason: 'ugyldig'}));")
    done = subprocess.run([node, "-e", program], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "«{reason}.json» ble ikke hentet: ugyldig", done.stderr
