"""Fuzzing: real content files mutated a few hundred ways (bytes and YAML structure, fixed
seed). Every case ends in exit 0 or 1 with `path:line:col` messages, never a traceback, each
in bounded time, the whole run in bounded memory; valid results also render every page.
(`python tests/fuzz.py --cases 5000 --seed N` searches longer.)"""

import json
import subprocess
import sys

from conftest import ROOT

CASES, WORKERS = 300, 2
# A hang check, not a measurement (scripts/bench.py measures): a case that loops or blows up
# (an alias bomb, a regex gone quadratic) takes minutes; a loaded CI machine takes 5-8 s.
CASE_LIMIT_S = 30


def test_mutated_content_gives_messages_never_a_traceback():
    runs = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "fuzz.py"), "--cases",
                              str(CASES), "--seed", "13", "--worker", str(w), "--workers",
                              str(WORKERS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for w in range(WORKERS)]
    rows = []
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        rows += [json.loads(line) for line in out.splitlines()]
    cases = [r for r in rows if "case" in r]
    assert len(cases) == CASES
    failed = [r for r in cases if r["code"] not in (0, 1) or "Traceback" in r["stderr"]
              or r["unlocated"] or (r["code"] == 1 and r["problems"] == 0)]
    assert failed == []
    assert max(r["seconds"] for r in cases) < CASE_LIMIT_S
    assert all(r["maxrss_kb"] < 512 * 1024 for r in rows if "maxrss_kb" in r)
    # The mutations reach both outcomes: refused content and content that still builds.
    assert 0.5 * CASES < sum(r["code"] == 1 for r in cases) < CASES
