#!/usr/bin/env python3
"""Live preview of the whole guide: `python scripts/serve.py [--port 8000]`.

Builds every language, serves the result on http://127.0.0.1:PORT/ and keeps each language's
build in a process of its own (guide/preview.py, run as `python -m guide.preview`), so that an edit rebuilds only what it changes.
Saving a content file (content/) or a hand-written page (docs/<lang>/*.md) first rewrites the
pages made from that file and reloads the browsers, then every other page that shows the change
(lists, matrices, the print view; a second reload), then the search index in the background.
An edit that changes what frames every page (the menu, an address, the interface texts) builds
that language in full. Changes to guide/, hooks/, overrides/, schemas/ or the MkDocs
configuration start the language processes again and build everything. Invalid content prints
its problems (path:line:col) and keeps the last good site on screen, as does a failed build.
"""

import argparse
import json
import logging
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent

WATCHED = ["content", "schemas", "docs", "hooks", "overrides", "guide",
           *sorted(p.name for p in ROOT.glob("mkdocs*.yml"))]
# The languages with a configuration (mkdocs.<code>.yml); those not published are left out.
LANGUAGES = sorted(p.name.split(".")[1] for p in ROOT.glob("mkdocs.*.yml"))
POLL_S = 0.1        # how often the watched folders are looked at


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)   # it says what we say
    os.environ.setdefault("SITE_URL", f"http://{args.host}:{args.port}/")
    if not _port_free(args.host, args.port):
        print(f"{args.host}:{args.port} is in use (another preview?): stop it, or choose "
              "another port with --port")
        return 1
    site = Path(tempfile.mkdtemp(prefix="guide-preview-")) / "site"
    site.mkdir()
    preview = Preview(site)
    try:
        if not preview.start():
            print("Fix the problems above; the preview starts once the content is valid.")
            return 1
        server = PreviewServer(builder=preview.rebuild, host=args.host, port=args.port,
                               root=str(site), polling_interval=POLL_S)
        server.error_handler = lambda code: _error_page(site, code)
        preview.server = server
        for name in WATCHED:
            server.watch(str(ROOT / name))
        print(f"Serving on {server.url} (Ctrl-C stops)", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        preview.stop()
        shutil.rmtree(site.parent, ignore_errors=True)
    return 0


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which can also reload the browsers when pages were written
    after a rebuild returned (the rest of an edit)."""

    def reload_soon(self) -> None:
        # As a watched file's change does: the builder then finds nothing to do, and returns.
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


# -----------------------------------------------------------------------------
# The preview: a process per language, a round per edit
# -----------------------------------------------------------------------------

@dataclass
class Round:
    """One command to every language and their replies."""

    number: int
    changed: list[str]
    codes: list[str]
    first: dict = field(default_factory=dict)   # code -> its first reply
    rest: dict = field(default_factory=dict)    # code -> its reply after the rest
    ready: threading.Event = field(default_factory=threading.Event)   # the builder may return
    started: float = field(default_factory=time.monotonic)


class Preview:
    def __init__(self, site: Path):
        self.site, self.work = site, site.parent
        self.snapshot = Snapshot()
        self.languages: dict[str, Language] = {}
        self.replies: queue.Queue = queue.Queue()
        self.round = Round(0, [], [])
        self.server = None
        threading.Thread(target=self._conduct, daemon=True).start()

    def start(self) -> bool:
        """Build every language; False (with the problems printed) if that failed."""
        started = time.monotonic()
        self._restart()
        done = self._ask({"do": "build"}, [])
        built = [r for r in done.first.values() if r["phase"] == "built"]
        if built and all(r["phase"] in ("built", "skip") for r in done.first.values()):
            print(f"Built {', '.join(c for c, r in done.first.items() if r['phase'] == 'built')}"
                  f" into {self.site} in {time.monotonic() - started:.1f} s")
            return True
        return False

    def rebuild(self) -> None:
        """The server's builder: after a change in the watched folders."""
        changed = self.snapshot.changes()
        if not changed:
            return   # pages written after the last rebuild returned: the browsers reload
        code = [p for p in changed if _kind(p) == "code"]
        stopped = [c for c, language in self.languages.items() if not language.alive()]
        if code or stopped:
            why = f"{code[0]} changed" if code else f"the {stopped[0]} process had stopped"
            print(f"{why}: full rebuild (the guide's code is read again)", flush=True)
            self._restart()
            self._ask({"do": "build"}, changed)
        elif any(_kind(p) == "docs" for p in changed):
            print(f"{next(p for p in changed if _kind(p) == 'docs')} changed: full rebuild",
                  flush=True)
            self._ask({"do": "build"}, changed)
        else:
            self._ask({"do": "update", "changed": changed}, changed)

    def stop(self) -> None:
        for language in self.languages.values():
            language.stop()

    # -- rounds -------------------------------------------------------------------------------

    def _ask(self, command: dict, changed: list[str]) -> Round:
        """Send a command to every language; return when the browsers may reload."""
        self.round = Round(self.round.number + 1, changed, list(self.languages))
        for language in self.languages.values():
            language.send(dict(command, round=self.round.number))
        self.round.ready.wait()
        return self.round

    def _conduct(self) -> None:
        """Replies, in the order they come: say what happened, let the builder return, and
        reload the browsers when the rest of an edit wrote pages."""
        while True:
            code, reply = self.replies.get()
            now = self.round
            if reply["phase"] == "search":
                print(f"{code}: search index refreshed in {reply['s']:.2f} s" if "s" in reply
                      else f"{code}: the search index was not refreshed:\n{reply['error']}",
                      flush=True)
                continue
            if reply.get("round") not in (None, now.number) or code not in now.codes:
                continue   # a round that was followed by another
            if code not in now.first:   # quick, built, invalid, failed or skip
                now.first[code] = reply
                if len(now.first) == len(now.codes):
                    self._first_done(now)
            elif now.first[code]["phase"] == "quick" and code not in now.rest:
                now.rest[code] = reply      # done or stopped (or failed, if the process died)
                if len(now.rest) == sum(r["phase"] == "quick" for r in now.first.values()):
                    self._rest_done(now)

    def _first_done(self, now: Round) -> None:
        replies = now.first
        for code, reply in replies.items():
            if reply["phase"] == "skip":   # not published: no process for it
                self.languages.pop(code).stop()
        failed = [(c, r) for c, r in replies.items() if r["phase"] == "failed"]
        invalid = [r for r in replies.values() if r["phase"] == "invalid"]
        if invalid:
            problems = invalid[0]["problems"]
            print("\n".join(problems))
            print(f"{len(problems)} problem(s) in content/: the preview keeps the last good "
                  "site.", flush=True)
        for code, reply in failed:
            print(f"--- {code}: the build failed, the preview keeps the last good site ---\n"
                  f"{reply['error']}", flush=True)
        built = {c: r for c, r in replies.items() if r["phase"] == "built"}
        if built and now.changed:
            why = " (what frames every page changed)" if any(
                r.get("why") == "frame" for r in built.values()) else ""
            print(f"Rebuilt{why}: " + ", ".join(f"{c} {r['pages']} pages in {r['s']:.1f} s"
                                                 for c, r in built.items()), flush=True)
        quick = {c: r for c, r in replies.items() if r["phase"] == "quick"}
        if quick and any(r["pages"] for r in quick.values()):
            print(f"{_files(now.changed)}: " + ", ".join(
                f"{c} {_pages(r['pages'])} in {r['s']:.2f} s" for c, r in quick.items())
                + "; the pages that show it follow", flush=True)
        if not quick or any(r["pages"] for r in quick.values()):
            now.ready.set()   # else the rest decides when the browsers reload

    def _rest_done(self, now: Round) -> None:
        if any(r["phase"] != "done" for r in now.rest.values()):   # stopped by the next edit
            now.ready.set()
            return
        for code, reply in now.rest.items():
            if reply.get("error"):
                print(f"--- {code}: the build failed, the preview keeps the last good site ---"
                      f"\n{reply['error']}", flush=True)
        written = {c: r["pages"] for c, r in now.rest.items()}
        print(f"{_files(now.changed)}, the pages that show it: " + ", ".join(
            f"{c} {_pages(p)}" for c, p in written.items())
            + f" in {time.monotonic() - now.started:.2f} s", flush=True)
        if now.ready.is_set():
            if any(written.values()) and self.server is not None:
                self.server.reload_soon()
        else:
            now.ready.set()

    # -- processes ----------------------------------------------------------------------------

    def _restart(self) -> None:
        """A new process per language, so that changed code and templates are read again."""
        self.stop()
        self.languages = {code: Language(code, self.site, self.work, self.replies)
                          for code in LANGUAGES}


class Language:
    """The process that keeps one language's build (guide/preview.py)."""

    def __init__(self, code: str, site: Path, work: Path, replies: queue.Queue):
        self.code, self.replies = code, replies
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guide.preview", "--lang", code,
             "--site", str(site), "--work", str(work)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            encoding="utf-8", bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def send(self, command: dict) -> None:
        try:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            self.replies.put((self.code, {"round": command["round"], "phase": "failed",
                                          "error": f"the {self.code} process has stopped"}))

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Let the process finish what it writes, then end it."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.replies.put((self.code, json.loads(line)))
        if self.process.wait() != 0:   # it stopped by itself: whatever it was asked, failed
            self.replies.put((self.code, {"round": None, "phase": "failed",
                                          "error": f"the {self.code} process stopped"}))


# -----------------------------------------------------------------------------
# What changed
# -----------------------------------------------------------------------------

class Snapshot:
    """Every watched file's size and time: which files changed since the last look."""

    def __init__(self):
        self.seen = self._look()

    def changes(self) -> list[str]:
        now = self._look()
        changed = sorted(p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p))
        self.seen = now
        return changed

    def _look(self) -> dict[str, tuple]:
        found = {}
        for name in WATCHED:
            for folder, folders, files in os.walk(ROOT / name):
                folders[:] = [f for f in folders if f != "__pycache__"]
                for file in files:
                    path = Path(folder, file)
                    try:
                        info = path.stat()
                    except OSError:
                        continue
                    found[path.relative_to(ROOT).as_posix()] = (info.st_mtime_ns, info.st_size,
                                                                info.st_ino)
            if (ROOT / name).is_file():
                info = (ROOT / name).stat()
                found[name] = (info.st_mtime_ns, info.st_size, info.st_ino)
        return found


def _kind(path: str) -> str:
    """"content" and "page": rebuilt page by page; "docs": a language built again; "code":
    every language built again in new processes."""
    parts = path.split("/")
    if parts[0] == "content":
        return "content"
    if parts[0] == "docs":
        return "page" if len(parts) > 2 and path.endswith(".md") else "docs"
    return "code"


def _files(paths: list[str]) -> str:
    return paths[0] + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")


def _pages(pages: list[str]) -> str:
    return f"{len(pages)} page{'s' if len(pages) != 1 else ''}"


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / "nb" / "404.html"
    return page.read_bytes() if code == 404 and page.exists() else None


if __name__ == "__main__":
    sys.exit(main())
