"""Hostile or careless content: each class of hole, tried as an editor's pull request would.

Every case ends in problems as `path:line:col: message` in plain words, never a traceback, a
hang, a huge build, a file published or ignored silently, or markup on a page.
"""

import csv
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import ROOT

from guide import Problem, load_content
from guide.render import effect_chart
from guide.text import json_text

ACTION = "genomfor-spontana-lektionsbesok"
LOCATED = re.compile(r"^\S+:\d+:\d+: \S")


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of content/, schemas/ and docs/ to spoil; returns the copy's content/."""
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path / "content"


def problems(content: Path) -> list[str]:
    found = [str(p) for p in load_content(content).problems]
    assert found and all(LOCATED.match(line) for line in found), found
    return found


def one(content: Path, *parts: str) -> str:
    """The single problem, which must contain every part."""
    found = problems(content)
    assert len(found) == 1, found
    assert all(part in found[0] for part in parts), found[0]
    return found[0]


def edit(path: Path, old: str | re.Pattern, new: str) -> None:
    """Replace the first `old` (a string, or a pattern for values that change, as dates)."""
    text = path.read_text("utf-8")
    if isinstance(old, re.Pattern):
        assert old.search(text), (path, old.pattern)
        path.write_text(old.sub(lambda _: new, text, count=1), "utf-8")
        return
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


REVISED = re.compile(r"^revised: .*$", re.MULTILINE)


def validate(*args, cwd=ROOT, limit_mb=1500, timeout=30):
    """scripts/validate.py in a process of its own, with a memory limit."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))
    started = time.monotonic()
    run = subprocess.run([sys.executable, str(cwd / "scripts" / "validate.py"), *map(str, args)],
                         cwd=cwd, capture_output=True, text=True, timeout=timeout,
                         preexec_fn=limit, check=False)
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    return run, time.monotonic() - started


# -----------------------------------------------------------------------------
# 2. Patterns match the whole value
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, message", [
    ("id: teacher-learning\n", 'id: "teacher-learning\\n"\n', "is not valid for `id`"),
    (REVISED, 'revised: "2026-11-22\\n"', "is not valid for `revised`"),
    ("title:\n  nb:", 'title:\n  "nb\\n": x\n  nb:', "is not a language of the guide (nb, sv)"),
])
def test_a_pattern_matches_the_whole_value_not_up_to_a_final_newline(tree, old, new, message):
    path = tree / "dimensions" / "teacher-learning.yaml"
    edit(path, old, new)
    found = [p for p in problems(tree) if "teacher-learning.yaml" in p]
    assert len(found) == 1 and message in found[0], found
    assert "\n" not in found[0] and "^" not in found[0]


# -----------------------------------------------------------------------------
# 3. Limits, and 4. messages instead of tracebacks
# -----------------------------------------------------------------------------

BOMB = ("a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n"
                  for i in range(8)))


def test_an_alias_bomb_is_refused_at_once(tree):
    path = tree / "actions" / f"{ACTION}.yaml"
    path.write_text(BOMB, "utf-8")
    assert len(BOMB) < 600
    run, seconds = validate(path)
    assert run.returncode == 1 and seconds < 10
    assert "1:4: anchors and aliases (`&name`, `*name`) are not used in content" in run.stdout


def test_text_reused_by_aliases_is_refused(tree):
    path = tree / "actions" / f"{ACTION}.yaml"
    edit(path, "description:\n", "description: &long\n")
    path.write_text(path.read_text("utf-8") + "".join(f"x{i}: *long\n" for i in range(150)))
    assert any("anchors and aliases" in p for p in problems(tree))


@pytest.mark.parametrize("depth", [3000, 50_000])
def test_deep_nesting_is_refused_quickly(tmp_path, depth):
    path = tmp_path / "dimensions" / "deep.yaml"
    path.parent.mkdir()
    path.write_text("id: deep\nx: " + "[" * depth + "]" * depth + "\n", "utf-8")
    run, seconds = validate(path)
    assert run.returncode == 1 and seconds < 10
    assert "deep.yaml:2:" in run.stdout and "nested more than 20 levels" in run.stdout


def test_a_huge_title_and_a_huge_file_are_refused(tree):
    path = tree / "actions" / f"{ACTION}.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"title:\n  nb: .*", "title:\n  nb: " + "x" * 100_000, text), "utf-8")
    line = text.splitlines().index("title:") + 2   # the line of `nb:` under `title:`
    one(tree, f"{ACTION}.yaml:{line}:7: `title › nb` is 100000 characters long: at most 200 are "
        "allowed")
    path.write_text(text + "#" * (24 << 20), "utf-8")
    one(tree, f"{ACTION}.yaml:1:1: the file is 24", "more than the 512 kB a content file may have")


@pytest.mark.parametrize("raw, message", [
    ("id: a\ntitle:\n  nb: bj\x07lle\n", ("3:9: the file contains an invisible control "
     "character (U+0007)")),
    ("id: a\n".encode("utf-16-le"), ("1:2: the file contains zero bytes: it is probably saved as "
     "UTF-16")),
    (b"id: a\n\xff\xfe", "2:1: the file is not valid UTF-8 text (byte 0xff)"),
    ("id: a\nx: !!python/object:os.system [ls]\n", ("2:4: the tag `python/object:os.system` "
     "is not used in content")),
    ("id: a\nx: .nan\n", "2:4: `.nan` is not a number a page can show"),
    ("id: a\nx: -.inf\n", "2:4: `-.inf` is not a number a page can show"),
    ("id: a\nx: " + "9" * 5000 + "\n", "2:4: this value cannot be read"),
    ("id: a\n---\nid: b\n", "2:1: the YAML cannot be read: but found another document"),
])
def test_unreadable_bytes_are_located_problems(tmp_path, raw, message):
    path = tmp_path / "dimensions" / "a.yaml"
    path.parent.mkdir()
    path.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    run, _ = validate(path)
    assert run.returncode == 1 and message in run.stdout, run.stdout


def test_a_very_long_redirect_is_a_message_not_a_crash(tree):
    path = tree / "redirects.yaml"
    path.write_text(f"- kind: action\n  from: {'a' * 300}\n  to: {ACTION}\n", "utf-8")
    one(tree, "redirects.yaml:2:9: `item 1 › from` is 300 characters long: at most 80 are "
        "allowed")


def test_validate_given_a_path_outside_content(tmp_path):
    stray = tmp_path / "notes.yaml"
    stray.write_text("x: 1\n", "utf-8")
    run, _ = validate(stray, tmp_path / "missing.yaml", "/etc")
    assert run.returncode == 1
    assert "notes.yaml:1:1: cannot tell what kind of content this is" in run.stdout
    assert "missing.yaml:1:1: there is no such file or folder" in run.stdout


# -----------------------------------------------------------------------------
# 5. Every file in content/ is known; links and folders are not read
# -----------------------------------------------------------------------------

def test_a_link_to_a_secret_is_refused_without_reading_it(tree):
    link = tree / "actions" / "x.yaml"
    link.symlink_to("/etc/passwd")
    found = one(tree, "x.yaml:1:1: this is a symbolic link")
    assert "root:" not in found


def test_a_link_to_yaml_outside_the_repository_is_not_published(tree, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(tree / "actions" / f"{ACTION}.yaml", outside)
    (tree / "actions" / f"{ACTION}.yaml").symlink_to(outside)
    one(tree, f"{ACTION}.yaml:1:1: this is a symbolic link")


def test_a_linked_folder_is_refused(tree, tmp_path):
    shutil.move(tree / "topics", tmp_path / "topics")
    (tree / "topics").symlink_to(tmp_path / "topics")
    assert any("topics:1:1: this is a symbolic link" in p for p in problems(tree))


@pytest.mark.parametrize("name, message", [
    ("actions/new-action.yml", ("new-action.yml:1:1: content files end in .yaml: rename it to "
     "new-action.yaml")),
    ("source.yaml", ("source.yaml:1:1: a file the guide does not read: did you mean "
     "sources.yaml?")),
    ("notes/idea.yaml", "notes:1:1: a folder the guide does not read; content/ holds"),
    ("actions/x.yaml/keep", ("x.yaml:1:1: a folder the guide does not read: content/actions/ holds one "
     "<id>.yaml file per action")),
    ("actions/README.md", ("README.md:1:1: a file the guide does not read: content/actions/ "
     "holds one <id>.yaml file per action")),
    ("ui.yml", "ui.yml:1:1: content files end in .yaml: rename it to ui.yaml"),
])
def test_a_file_the_guide_does_not_read_is_a_problem(tree, name, message):
    path = tree / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("id: x\n", "utf-8")
    one(tree, message)


# -----------------------------------------------------------------------------
# 6. Output clashes
# -----------------------------------------------------------------------------

def rename_action(tree: Path, new_id: str) -> None:
    path = tree / "actions" / f"{ACTION}.yaml"
    edit(path, f"id: {ACTION}", f"id: {new_id}")
    path.rename(path.with_name(f"{new_id}.yaml"))


@pytest.mark.parametrize("new_id, address, page", [
    ("background", "actions/background/,", "actions/background.md"),
    ("index", "actions/,", "actions/index.md"),
])
def test_an_action_cannot_take_a_hand_written_pages_address(tree, new_id, address, page):
    rename_action(tree, new_id)
    one(tree, f"{new_id}.yaml:2:5: the page of action `{new_id}` would be published at "
        f"{address} which is already the hand-written page {page}: choose another id")


def test_an_assessment_cannot_take_the_overviews_address(tree):
    edit(tree / "self-assessment.yaml", "  - id: plc\n", "  - id: index\n")
    one(tree, "self-assessment.yaml:14:9: the self-assessment `index` would be published at "
        "assess/, which is already the hand-written page assess/index.md")


def test_a_redirect_cannot_overwrite_a_hand_written_page(tree):
    (tree / "redirects.yaml").write_text(f"- kind: action\n  from: background\n  to: {ACTION}\n")
    one(tree, "redirects.yaml:2:9: the redirect from action `background` would be published "
        "at actions/background/, which is already the hand-written page actions/background.md")


@pytest.mark.parametrize("file, old, new, message", [
    ("topics/value-chain.yaml", "  - id: four-points-four-questions", "  - id: sources",
     ("the section `sources` of topic `value-chain` would be published at "
     "school-owner/value-chain/#sources, which is already the heading `#sources` that every "
     "topic page has")),
    ("plc-characteristics/reflective-inquiry.yaml", "  - id: reflective-practice-valued",
     "  - id: reflection", ("the indicator statement `reflection` of PLC characteristic "
     "`reflective-inquiry` would be published at plc/reflective-inquiry/#reflection")),
])
def test_a_part_cannot_take_a_fixed_anchor(tree, file, old, new, message):
    edit(tree / file, old, new)
    one(tree, message)


# -----------------------------------------------------------------------------
# 7. What hand-written pages ask of the content; arithmetic on content values
# -----------------------------------------------------------------------------

def test_a_renamed_source_still_named_by_a_hand_written_page(tree):
    for path in tree.rglob("*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(text.replace("stoll-et-al-2006", "stoll-2006"), "utf-8")
    found = problems(tree)
    assert [re.sub(r"^.*/docs/", "docs/", p) for p in found] == [
        f"docs/{lang}/plc/index.md:24:4: `source_list()` names the source `stoll-et-al-2006`, "
        "which is not in content/sources.yaml" for lang in ("nb", "sv")]


def test_a_matrix_of_an_unknown_framework_is_refused_where_it_is_asked_for(tree):
    page = tree.parent / "docs" / "sv" / "matrix" / "plc.md"
    edit(page, 'matrix("plc-characteristic")', 'matrix("plc")')
    line = page.read_text("utf-8").split("matrix(")[0].count("\n") + 1
    assert [re.sub(r"^.*/docs/", "docs/", p) for p in problems(tree)] == [
        (f"docs/sv/matrix/plc.md:{line}:4: `matrix()` names the framework `plc`, which is not "
         "in the guide: dimension, plc-characteristic, attendance-factor")]


def test_an_effect_size_of_zero_is_refused_and_the_chart_cannot_divide_by_it(tree):
    for path in (tree / "dimensions").glob("*.yaml"):
        path.write_text(re.sub(r"value: [0-9.]+", "value: 0", path.read_text("utf-8")), "utf-8")
    found = problems(tree)
    assert len(found) == 5 and all("must be more than 0 (it is 0)" in p for p in found)
    tiny = [{"id": str(i), "effect_size": {"value": v}} for i, v in enumerate([1e-300, 0, 0])]
    chart = effect_chart(tiny)
    assert chart["times"] is None and [w for _, w in chart["rows"]] == [0.0, 0.0, 0.0]
    assert effect_chart([]) is None


def test_a_failure_inside_mkdocs_explains_itself(tmp_path):
    from conftest import copy_project
    project = copy_project(tmp_path)
    page = project / "docs" / "nb" / "matrix" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[Se også](missing-page.md)\n", "utf-8")
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(tmp_path / "s")],
                         cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 1 and not (tmp_path / "s").exists()
    assert "--- build of `nb` failed ---" in run.stderr
    assert "WARNING" in run.stderr and "missing-page.md" in run.stderr
    assert "INFO" not in run.stderr


# -----------------------------------------------------------------------------
# 8. Data hygiene
# -----------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, message", [
    ("  nb: Lede lærernes læring og utvikling", "  nb: \u200b", ("the Norwegian Bokmål (nb) title of dimension "
     "`teacher-learning` has only invisible characters")),
    ("  nb: Lede lærernes læring og utvikling", "  nb: Lede lærernes \u202elæring", ("contains an invisible character "
     "(U+202E, right-to-left override)")),
    (REVISED, "revised: 2026-02-29", ("`2026-02-29` in `revised` is not a day of "
     "the calendar")),
    ("id: teacher-learning\n", "id: teacher-learning\ndraft: yes\n", ("write `true` instead of "
     "`yes`")),
    ("  value: 0.84", "  value: .inf", "`.inf` is not a number a page can show"),
    ("  nb: Lede lærernes læring og utvikling", "  nb: Lede<meta/http-equiv=refresh content=0>",
     "contains HTML (`<meta/http-equiv=refresh`)"),
    ("  nb: Lede lærernes læring og utvikling", "  nb: a <!-- b", "contains HTML (`<!--`)"),
])
def test_values_that_would_break_data_or_mislead_are_refused(tree, old, new, message):
    edit(tree / "dimensions" / "teacher-learning.yaml", old, new)
    one(tree, message)


def test_an_address_gets_a_hint_not_a_regular_expression(tree):
    edit(tree / "sources.yaml", "\n  reference:", "\n  url: http://example.org/x y\n  reference:")
    found = one(tree, "write the whole address, starting with https:// and without spaces")
    assert "^" not in found and "[" not in found


def test_open_data_refuses_what_json_cannot_hold_and_stays_inert():
    with pytest.raises(ValueError):
        json_text({"value": float("nan")})
    assert json_text({"t": "</script><!--"}) == '{"t": "\\u003c/script\\u003e\\u003c!--"}'


def test_content_cannot_forge_an_annotation_or_a_log_line():
    problem = Problem("content/a,b:c.yaml", 3, 4, "x\n::error file=y::forged 100%\r")
    assert problem.annotation() == ("::error file=content/a%2Cb%3Ac.yaml,line=3,col=4::"
                                    "x%0A::error file=y::forged 100%25%0D")
    assert str(problem) == "content/a,b:c.yaml:3:4: x\\u000a::error file=y::forged 100%\\u000d"


# -----------------------------------------------------------------------------
# 9. Builds that cannot collide and leave nothing behind
# -----------------------------------------------------------------------------

def start_build(project: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "scripts/build.py", "--site-dir", str(site)],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(".") or p.name.endswith((".old", ".pickle")))


def test_two_builds_into_one_folder_take_turns(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    runs = [start_build(ROOT, out / "site") for _ in range(2)]
    results = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert any("Waiting for another build" in err for _, err in results)
    assert (out / "site" / "nb" / "index.html").is_file()
    assert (out / "site" / "data" / "guide.json").is_file()
    assert leftovers(out) == []


def test_an_interrupted_build_leaves_nothing_behind(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    run = start_build(ROOT, out / "site")
    deadline = time.monotonic() + 60
    while not list(out.glob(".site-build-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)   # the language builds are running
    run.send_signal(signal.SIGTERM)
    run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM
    assert leftovers(out) == [] and not (out / "site").exists()
    # A build killed outright cannot clean up: the next one does.
    (out / ".site-build-killed").mkdir()
    (out / "site.old").mkdir()
    run = start_build(ROOT, out / "site")
    assert run.wait(timeout=120) == 0
    assert leftovers(out) == []


def test_leftovers_of_killed_builds_are_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", ".site-abc123", ".site-abc.content.pickle",
                              "site.old/"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert ignored.stdout.split() == [".site-abc123", ".site-abc.content.pickle", "site.old/"]


# -----------------------------------------------------------------------------
# Nothing above is caught by the validator's last line of defence
# -----------------------------------------------------------------------------

def test_the_validator_prints_no_traceback_even_for_its_own_bugs(tmp_path):
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    code = ("import runpy, sys; sys.argv = ['validate.py']; import guide.model as m; "
            "m.load_content = lambda *a, **k: 1 / 0; "
            "sys.modules['guide'].load_content = m.load_content; "
            f"runpy.run_path({str(ROOT / 'scripts' / 'validate.py')!r}, run_name='__main__')")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "internal error (ZeroDivisionError" in run.stderr


# -----------------------------------------------------------------------------
# 1. Values the theme prints itself, and what leaves the site as CSV
# -----------------------------------------------------------------------------

THEME = {
    "site_name": "Lederhandlinger<meta/http-equiv=refresh content=0;url=https://evil.example/>",
    "root_intro": "\"><script>alert('intro')</script>",
    "language": "Svenska<img src=x onerror=alert('lang')>",
    "branch": "main\"><img src=x onerror=alert('branch')>",
    "formula": '=HYPERLINK("https://evil.example","klikk")',
}


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory) -> Path:
    """The guide built with markup in every value the theme prints (validation told to let it
    through), and a formula as a statement of the PLC self-assessment."""
    from conftest import copy_project
    tmp = tmp_path_factory.mktemp("theme")
    project = copy_project(tmp)
    content = project / "content"
    edit(content / "ui.yaml", "site_name:\n  nb: Lederhandlinger",
         f"site_name:\n  nb: {json_text(THEME['site_name'])}")
    text = (content / "ui.yaml").read_text("utf-8")
    text = re.sub(r"(root_intro:\n  nb: ).*", lambda m: m.group(1) + json_text(THEME["root_intro"]),
                  text)
    (content / "ui.yaml").write_text(text, "utf-8")
    edit(content / "languages.yaml", "name: Svenska", f"name: {json_text(THEME['language'])}")
    characteristic = min((content / "plc-characteristics").glob("*.yaml"))
    text = characteristic.read_text("utf-8")
    characteristic.write_text(re.sub(r"(indicators:\n  - id: \S+\n    text:\n      nb: ).*",
                                     lambda m: m.group(1) + json_text(THEME["formula"]), text,
                                     count=1), "utf-8")
    env = os.environ | {"GUIDE_TEST_ALLOW_MARKUP": "1", "REPO_URL": "https://example.org/repo",
                        "EDIT_BRANCH": THEME["branch"]}
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(tmp / "site")],
                         cwd=project, capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    return tmp / "site"


class _Tags(HTMLParser):
    """Tags that content must never become: a refresh, an image, a handler, an inline script."""

    def __init__(self):
        super().__init__()
        self.found, self.refreshes = [], []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "meta" and ("http-equiv", "refresh") in attrs:
            self.refreshes.append(dict(attrs).get("content"))   # judged by the page it is on
            names.add("http-equiv=refresh")
        if tag == "img" or any(n.startswith("on") for n in names) or \
                tag == "script" and "src" not in names and ("type", "application/json") not in attrs:
            self.found.append(f"<{tag} {' '.join(sorted(names))}>")


def _leads_on(site: Path, path: Path, refresh: str | None) -> bool:
    """A refresh is the guide's own only on the page left at a page's old address, leading to
    that page's address in its language (tests/test_addresses.py)."""
    from conftest import moved, redirect_target
    if path.name != "index.html" or len(path.relative_to(site).parts) < 3:
        return False
    lang, *folders, _ = path.relative_to(site).parts
    old = "/".join(folders)
    return old in moved(lang) and refresh == f"0; url={redirect_target(lang, old)}"


def test_values_the_theme_prints_are_escaped_everywhere(theme_site):
    found, files = [], 0
    for path in theme_site.rglob("*"):
        if path.suffix in (".html", ".xml"):
            parser = _Tags()
            parser.feed(path.read_text("utf-8"))
            found += [f"{path.relative_to(theme_site)}: {tag}" for tag in parser.found]
            found += [f"{path.relative_to(theme_site)}: <meta http-equiv=refresh {value}>"
                      for value in parser.refreshes if not _leads_on(theme_site, path, value)]
            files += 1
        if path.suffix == ".xml":
            ElementTree.parse(path)   # still well-formed
    assert files > 250 and found == []
    home = (theme_site / "nb" / "index.html").read_text("utf-8")
    shown = unescape(re.sub(r"<[^>]+>", "", home.split('class="md-header__topic"')[1][:400]))
    assert THEME["site_name"] in shown
    assert 'edit/main%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%28%27branch%27%29%3E/' in home
    assert json.loads((theme_site / "data" / "guide.json").read_text("utf-8"))


@pytest.mark.browser
def test_a_statement_is_never_a_formula_in_the_csv_export(browser, theme_site):
    from conftest import serve, where
    with serve(theme_site) as url:
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        tab.goto(f"{url}/nb/{where('nb', 'assess/plc')}")
        with tab.expect_download() as info:
            tab.click("[data-action=export-csv]")
        rows = list(csv.reader(Path(info.value.path()).read_text("utf-8-sig").splitlines(),
                               delimiter=";"))
        context.close()
    cells = [cell for row in rows for cell in row]
    assert "'" + THEME["formula"] in cells
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in cells)
