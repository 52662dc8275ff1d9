#!/usr/bin/env python3
"""Check the guide's content: `python scripts/validate.py [PATH...]`.

Prints one line per problem as `path:line:col: message` (all problems in one run) and exits
1 if there are any, 0 if the content is valid. With PATHs, only problems in those files or
folders are shown; the rest of content/ is still read so that references resolve. A PATH
outside content/ is checked as if it were in the folder of the same name (e.g. dimensions/).
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import load_content


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to report on")
    args = parser.parse_args(argv)
    content_dir = ROOT / "content"
    targets = [p.resolve() for p in args.paths]
    files = [f for t in targets for f in (sorted(t.rglob("*.yaml")) if t.is_dir() else [t])]
    outside = [p for p in files if content_dir not in p.parents]
    content = load_content(content_dir, extra=outside)
    problems = [p for p in content.problems if _wanted(p.path, targets)]
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.annotation() if annotate else problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.",
              file=sys.stderr)
        return 1
    return 0


def _wanted(path: str, targets: list[Path]) -> bool:
    if not targets:
        return True
    path = Path(path).resolve()
    return any(path == t or t in path.parents for t in targets)


if __name__ == "__main__":
    sys.exit(main())
