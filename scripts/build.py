#!/usr/bin/env python3
"""Build the whole guide: `python scripts/build.py [--site-dir site]`.

Validates the content once, builds every language with `mkdocs build --strict` in parallel
(one build per language, mkdocs.<code>.yml), then writes the root page that sends readers to a
language. The site is assembled in a temporary folder and moved into place only when every
step succeeded: invalid content never produces a site.
"""

import argparse
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import csp, load_content, opendata
from guide.outputs import url
from guide.render import Renderer, render_root

HEADERS = f"""/*
  Content-Security-Policy: {csp.HEADER}
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
"""


def build_site(site_dir: Path, quiet: bool = False) -> bool:
    """Build into site_dir; print problems and return False on any failure."""
    started = time.monotonic()
    content = load_content(ROOT / "content")
    if content.problems:
        for problem in content.problems:
            print(problem, file=sys.stderr)
        print(f"{len(content.problems)} problem(s) in content/: no site was built.",
              file=sys.stderr)
        return False
    site_dir = Path(site_dir).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        # The language builds reuse the content validated here instead of reading it again.
        cache = staging.with_name(staging.name + ".content.pickle")
        cache.write_bytes(pickle.dumps(content))
        try:
            built = _build_languages(content.language_codes, staging, quiet, cache)
        finally:
            cache.unlink()
        if not built:
            return False
        for name, text in render_root(content).items():
            (staging / name).write_text(text, encoding="utf-8")
        # The schemas, for editors' tools and anyone reusing the content.
        shutil.copytree(ROOT / "schemas", staging / "schemas")
        # The whole content as open data.
        (staging / "data").mkdir()
        (staging / "data" / "guide.json").write_text(_open_data(content), encoding="utf-8")
        # Security headers for hosts that read a _headers file (the pages carry the CSP too).
        (staging / "_headers").write_text(HEADERS, encoding="utf-8")
        _replace(site_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not quiet:
        print(f"Built {', '.join(content.language_codes)} into {site_dir} "
              f"in {time.monotonic() - started:.1f} s")
    return True


def _open_data(content) -> str:
    renderer = Renderer(content, content.language_codes[0])
    pages = {(e.kind, e.id): url(renderer.uri(e.kind, e.id))
             for entities in content.entities.values() for e in entities}
    return opendata.export(content, pages)


def _build_languages(codes: list[str], staging: Path, quiet: bool, cache: Path) -> bool:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_CONTENT_CACHE=str(cache))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    sequential = os.environ.get("GUIDE_BUILD_JOBS") == "1"   # for scripts/bench.py
    runs = {}
    for code in codes:
        runs[code] = subprocess.Popen(
            [*command, "-f", str(ROOT / f"mkdocs.{code}.yml"), "-d", str(staging / code)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if sequential:
            runs[code].wait()
    ok = True
    for code, run in runs.items():
        output = run.communicate()[0]
        if run.returncode != 0:
            ok = False
            print(f"--- build of `{code}` failed ---\n{output}", file=sys.stderr)
        elif output.strip() and not quiet:
            print(output, end="")
    return ok


def _replace(site_dir: Path, staging: Path) -> None:
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    return 0 if build_site(args.site_dir) else 1


if __name__ == "__main__":
    sys.exit(main())
