#!/usr/bin/env python3
"""Live preview of the whole guide: `python scripts/serve.py [--port 8000]`.

Builds every language (scripts/build.py), serves the result on http://127.0.0.1:PORT/ and
rebuilds when anything in content/, schemas/, docs/, hooks/, overrides/, guide/ or the MkDocs
configuration changes; open pages reload by themselves. A failed build prints its problems and
keeps the last good site on screen.
"""

import argparse
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent

WATCHED = ["content", "schemas", "docs", "hooks", "overrides", "guide",
           *sorted(p.name for p in ROOT.glob("mkdocs*.yml"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("SITE_URL", f"http://{args.host}:{args.port}/")
    site = Path(tempfile.mkdtemp(prefix="guide-preview-")) / "site"
    if not build_site(site):
        print("Fix the problems above; the preview starts once the content is valid.")
        return 1

    server = LiveReloadServer(builder=lambda: build_site(site), host=args.host,
                              port=args.port, root=str(site))
    server.error_handler = lambda code: _error_page(site, code)
    for name in WATCHED:
        server.watch(str(ROOT / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def build_site(site: Path) -> bool:
    """Build in a fresh process, so that edits to guide/ and hooks/ take effect too."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"),
                           "--site-dir", str(site)], cwd=ROOT, check=False)
    return done.returncode == 0


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / "nb" / "404.html"
    return page.read_bytes() if code == 404 and page.exists() else None


if __name__ == "__main__":
    sys.exit(main())
