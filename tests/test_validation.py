"""Validation of content: the real content is valid; each negative fixture gives its message.

Each file in tests/fixtures/negative/<folder>/ holds one kind of mistake and declares the exact
problems it must produce in `# expect: LINE:COL: MESSAGE` comment lines.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide import load_content

ROOT = Path(__file__).resolve().parent.parent
NEGATIVE = sorted((ROOT / "tests" / "fixtures" / "negative").rglob("*.yaml"))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+): (.*)$", re.MULTILINE)


def expected(path: Path) -> list[tuple[int, int, str]]:
    return [(int(line), int(col), message.decode("utf-8"))
            for line, col, message in EXPECT.findall(path.read_bytes())]


def test_real_content_is_valid(content):
    assert {kind: len(items) for kind, items in content.entities.items()} == {
        "dimension": 5, "capability": 3, "area": 8, "action": 62,
        "plc-characteristic": 8, "attendance-factor": 7, "topic": 9}


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_negative_fixture_gives_its_problems(path):
    wanted = expected(path)
    assert wanted, f"{path.name} declares no `# expect:` line"
    content = load_content(ROOT / "content", extra=[path])
    found = [(p.line, p.col, p.message) for p in content.problems
             if Path(p.path).resolve() == path]
    assert found == wanted
    assert all(Path(p.path).resolve() == path for p in content.problems), content.problems


def test_validate_script_reports_all_problems_and_exits_1():
    paths = [str(p) for p in NEGATIVE]
    run = subprocess.run([sys.executable, "scripts/validate.py", *paths], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert len(lines) == sum(len(expected(p)) for p in NEGATIVE)
    assert all(re.match(r"^tests/fixtures/negative/\S+\.yaml:\d+:\d+: \S", line)
               for line in lines), lines


def test_validate_script_exits_0_on_valid_content():
    run = subprocess.run([sys.executable, "scripts/validate.py"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    # Only warnings: entries revised after their review, quotations that cannot be checked.
    assert run.returncode == 0, run.stdout
    assert all(": warning: " in line for line in run.stdout.splitlines()), run.stdout


def test_annotations_under_github_actions():
    path = NEGATIVE[0]
    run = subprocess.run([sys.executable, "scripts/validate.py", str(path)], cwd=ROOT,
                         capture_output=True, text=True, env={"GITHUB_ACTIONS": "true"}, check=False)
    line, col, message = expected(path)[0]
    assert run.stdout.splitlines()[0] == (f"::error file={path.relative_to(ROOT)},line={line},"
                                          f"col={col}::{message}")
