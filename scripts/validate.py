#!/usr/bin/env python3
"""Check the guide's content: `python scripts/validate.py [PATH...]`.

Prints one line per problem as `path:line:col: message` (all problems in one run) and exits
1 if there are any, 0 if the content is valid. With PATHs, only problems in those files or
folders are shown; the rest of content/ is still read so that references resolve. A PATH
outside content/ is checked as if it were in the folder of the same name (e.g. dimensions/).
"""

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import Problem, load_content, review, text
from guide.model import moved_addresses, removed_ids


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to report on")
    parser.add_argument("--base", metavar="REF", help="a git revision (such as origin/main) whose "
                        "entries must all still exist or be redirected")
    args = parser.parse_args(argv)
    if error := review.setting_error():   # a wrong GUIDE_TODAY: one line, not a traceback
        print(error, file=sys.stderr)
        return 1
    content_dir = ROOT / "content"
    targets = [_absolute(p) for p in args.paths]   # links are not followed: they are refused
    missing = [Problem(os.path.relpath(t), 1, 1, "there is no such file or folder")
               for t in targets if not os.path.lexists(t)]
    files = [f for t in targets if os.path.lexists(t)
             for f in (sorted(t.rglob("*.yaml")) if t.is_dir() and not t.is_symlink() else [t])]
    outside = [p for p in files if content_dir not in p.parents]
    content = load_content(content_dir, extra=outside)
    problems = missing + [p for p in content.problems if _wanted(p.path, targets)]
    if args.base and not content.problems:
        problems += _removed(content, args.base)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.annotation() if annotate else problem)
    # Reviews overdue: reported, not refused (the page tells readers too).
    for warning in (w for w in content.warnings if _wanted(w.path, targets)):
        print(warning.annotation("warning") if annotate else warning)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.",
              file=sys.stderr)
        return 1
    return 0


def _removed(content, base: str) -> list[Problem]:
    """An entry that existed in `base` and has gone needs a redirect, or its address breaks."""
    if base.startswith("-"):
        return [Problem("content/redirects.yaml", 1, 1, f"`{base}` is not a git revision")]
    listing = subprocess.run(["git", "ls-tree", "-r", "--name-only", base, "--", "content/"],
                             cwd=ROOT, capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        return [Problem("content/redirects.yaml", 1, 1,
                        f"cannot compare with `{base}`: {listing.stderr.strip()}")]
    gone = [Problem("content/redirects.yaml", 1, 1,
                    f"the {kind} `{entry_id}` exists in {base} but not here, so its address "
                    f"would break: if its id changed, add a redirect (kind: {kind}, from: "
                    f"{entry_id}, to: the new id); if it was removed, redirect it to the page "
                    "that replaces it")
            for kind, entry_id in removed_ids(content, listing.stdout.split())]
    return gone + moved_addresses(content, _content_at(base))


def _content_at(base: str):
    """The content as it was at `base`, loaded from a copy (for addresses that moved)."""
    with tempfile.TemporaryDirectory(prefix="guide-base-") as folder:
        archive = subprocess.run(["git", "archive", base, "content", "schemas"], cwd=ROOT,
                                 capture_output=True, check=False)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        return load_content(Path(folder) / "content", texts=None)


def _wanted(path: str, targets: list[Path]) -> bool:
    if not targets:
        return True
    path = _absolute(path)
    return any(path == t or t in path.parents for t in targets)


def _absolute(path) -> Path:
    """The absolute path, with `..` resolved but symbolic links left as they are."""
    return Path(os.path.abspath(path))


def run() -> int:
    """main(), with a last line of defence: whatever the input, no traceback reaches an editor.
    (The tests, fuzzing included, require that this line is never reached.)"""
    try:
        return main()
    except KeyboardInterrupt:
        return 130
    except Exception as err:   # noqa: BLE001
        print(f"validate.py: internal error ({type(err).__name__}: {text.log(err)}). The content "
              "may be fine: please report this as a bug of the guide's tools.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
