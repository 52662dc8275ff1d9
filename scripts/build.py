#!/usr/bin/env python3
"""Build the whole guide: `python scripts/build.py [--site-dir site]`.

Validates the content once, builds every language with `mkdocs build --strict` in parallel
(one build per language, mkdocs.<code>.yml), then writes the root page that sends readers to a
language. The site is assembled in a temporary folder and moved into place only when every
step succeeded: invalid content never produces a site. One build at a time writes into a
folder, and an interrupted build leaves nothing behind.
"""

import argparse
import contextlib
import fcntl
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import csp, load_content, opendata, review, text
from guide.outputs import Addresses
from guide.render import Renderer, render_root

# The site generator: MkDocs, or ProperDocs, its maintained fork (GUIDE_GENERATOR=properdocs).
GENERATOR = os.environ.get("GUIDE_GENERATOR", "mkdocs")
LOG_LINE = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-")
HEADERS = f"""/*
  Content-Security-Policy: {csp.HEADER}
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
"""
# The project's own files: a build replaces its site folder, so that folder may be none of these,
# hold one or lie inside one.
SOURCES = ("content", "schemas", "docs", "guide", "hooks", "overrides", "scripts", "tests",
           ".git", ".github", ".ci", ".vscode", ".venv")
# The languages a build writes (mkdocs.<code>.yml): a folder with one of them is a site.
LANGUAGES = sorted(p.name.split(".")[1] for p in ROOT.glob("mkdocs.*.yml"))


def build_site(site_dir: Path, quiet: bool = False) -> bool:
    """Build into site_dir; print problems and return False on any failure."""
    started = time.monotonic()
    refused = site_dir_problem(site_dir) or review.setting_error()
    if refused:   # before anything is read, written or deleted
        print(refused, file=sys.stderr)
        return False
    content = load_content(ROOT / "content")
    if content.problems:
        for problem in content.problems:
            print(problem, file=sys.stderr)
        print(f"{len(content.problems)} problem(s) in content/: no site was built.",
              file=sys.stderr)
        return False
    site_dir = Path(os.path.abspath(site_dir))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _only_build(site_dir), tempfile.TemporaryDirectory(prefix="guide-build-") as work:
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
        try:
            # The language builds reuse the content validated here instead of reading it again.
            cache = Path(work) / "content.pickle"
            cache.write_bytes(pickle.dumps(content))
            if not _build_languages(content.language_codes, staging, cache):
                return False
            for name, page in render_root(content).items():
                (staging / name).write_text(page, encoding="utf-8")
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


def site_dir_problem(site_dir: Path) -> str | None:
    """Why a build may not replace `site_dir`, or None. A build deletes what the folder held:
    never the project, a folder around it, one of its sources, or a folder of other files."""
    given = Path(os.path.abspath(site_dir))   # `..` resolved, links kept
    root, shown = ROOT.resolve(), text.log(site_dir)
    for place in (given, given.resolve()):    # and where its links lead
        if place == root or place in root.parents:
            return (f"{shown} is the project's folder or holds it: a build replaces its site "
                    "folder entirely, so choose a folder of its own, such as site")
        for name in SOURCES:
            source = (ROOT / name).resolve()
            how = "is" if place == source else "lies inside" if source in place.parents \
                else "holds" if place in source.parents else None
            if how:
                return (f"{shown} {how} the project's {name}/: a build replaces its site "
                        "folder entirely, so choose a folder of its own, such as site")
    if given.exists() and not given.is_dir():
        return f"{shown} is a file: a site is a folder, so choose a folder such as site"
    if given.is_dir() and not _is_a_site(given):
        return (f"{shown} holds files that are not a site of the guide: a build would "
                "delete them, so choose a new or empty folder (or empty this one yourself)")
    return None


def _is_a_site(folder: Path) -> bool:
    """Empty, or what a build leaves: a root page, or a language's pages."""
    try:
        empty = not any(folder.iterdir())
    except OSError:
        return False
    return empty or (folder / "index.html").is_file() or \
        any((folder / code / "index.html").is_file() for code in LANGUAGES)


@contextlib.contextmanager
def _only_build(site_dir: Path):
    """One build at a time into a folder: a second waits for the first (a lock on the folder
    that holds the site, which leaves no file behind). Leftovers of a build that was killed
    (its staging folder, the old site) are removed once the lock is held."""
    fd = os.open(site_dir.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Waiting for another build into {site_dir.name}/ to finish ...",
                  file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        # Staging folders of killed builds, by name (a glob would read a * or ? in the name).
        for leftover in site_dir.parent.iterdir():
            if leftover.name.startswith(f".{site_dir.name}-build-"):
                _remove(leftover)
        _remove(site_dir.with_name(site_dir.name + ".old"))
        yield
    finally:
        os.close(fd)   # releases the lock


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


def _open_data(content) -> str:
    renderer = Renderer(content, content.language_codes[0])
    addresses = {code: Addresses(content, code) for code in content.language_codes}
    pages = {(e.kind, e.id): {code: a.url(renderer.uri(e.kind, e.id))
                              for code, a in addresses.items()}
             for entities in content.entities.values() for e in entities}
    return opendata.export(content, pages)


def _build_languages(codes: list[str], staging: Path, cache: Path) -> bool:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GUIDE_CONTENT_CACHE=str(cache))
    command = [sys.executable, "-m", GENERATOR, "build", "--strict"]
    sequential = os.environ.get("GUIDE_BUILD_JOBS") == "1"   # for scripts/bench.py
    runs = {}
    try:
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
                print(f"--- build of `{code}` failed ---\n{_messages(output)}", file=sys.stderr)
        return ok
    finally:
        for run in runs.values():   # interrupted: stop the language builds too
            if run.poll() is None:
                run.kill()
                run.wait()


def _messages(output: str) -> str:
    """What MkDocs said, without its INFO lines: the warnings and errors that failed the build
    (each with the lines that continue it, such as a traceback of a macro)."""
    kept, keep = [], True
    for line in output.splitlines():
        if LOG_LINE.match(line):
            keep = not line.startswith(("INFO", "DEBUG"))
        if keep:
            kept.append(line)
    return "\n".join(kept).strip() or "(MkDocs said nothing more)"


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
    # Stopped by the system or a closed terminal: clean up as after Ctrl-C.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda number, frame: sys.exit(128 + number))
    return 0 if build_site(args.site_dir) else 1


if __name__ == "__main__":
    sys.exit(main())
