"""The live preview (scripts/serve.py, guide/preview.py) in a copy of the project: an edit to an
action's title shows on its page within seconds, the preview then holds the files a full build
of the edited content writes (it rewrote only some of them), and invalid content prints its
problems and keeps the last good page. Speed is measured by scripts/bench.py, not here."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, TEST_REPO, copy_project, where

EPOCH = "1763856000"          # as the reproducibility test builds
STARTUP_S = 600               # a full build of both languages, on a busy machine
EDIT_S = 20                   # a hang check for the page an edit changed (make bench measures)
REST_S = 120                  # the other pages, the search index and the open data


class Console:
    """The preview's output, line by line, as it comes."""

    def __init__(self, process: subprocess.Popen):
        self.lines: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process) -> None:
        for line in process.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()

    def mark(self) -> int:
        with self.changed:
            return len(self.lines)

    def wait_for(self, pattern: str, timeout: float, since: int = 0) -> re.Match:
        """The first line from `since` on that matches `pattern`."""
        found = None

        def seen():
            nonlocal found
            found = next((m for line in self.lines[since:] if (m := re.search(pattern, line))),
                         None)
            return found is not None

        with self.changed:
            if not self.changed.wait_for(seen, timeout):
                pytest.fail(f"the preview did not print /{pattern}/ within {timeout} s; it "
                            "printed:\n" + "\n".join(self.lines[-40:]))
        return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(port: int) -> dict:
    return os.environ | {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": f"http://127.0.0.1:{port}/",
                         "REPO_URL": TEST_REPO, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """scripts/serve.py on a free port in a copy of the project: (project, base URL, console,
    the folder it serves)."""
    project = copy_project(tmp_path_factory.mktemp("preview"))
    port = _free_port()
    process = subprocess.Popen([sys.executable, "scripts/serve.py", "--port", str(port)],
                               cwd=project, env=_environment(port), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    console = Console(process)
    try:
        built = console.wait_for(r"^Built .* into (\S+) in ", STARTUP_S)
        console.wait_for(r"^Serving on ", STARTUP_S)
        yield project, f"http://127.0.0.1:{port}", console, Path(built.group(1)), port
    finally:
        process.send_signal(signal.SIGINT)   # as Ctrl-C: the language processes stop too
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _action() -> Path:
    return min((ROOT / "content" / "actions").glob("*.yaml"))


def _retitled(text: str, titles: dict[str, str]) -> str:
    """An entry's YAML with new titles: the lines under `title:` (one per language)."""
    lines = text.split("\n")
    start = lines.index("title:")
    for i in range(start + 1, start + 1 + len(titles)):
        code = lines[i].split(":")[0].strip()
        lines[i] = f"  {code}: {json.dumps(titles[code], ensure_ascii=False)}"
    return "\n".join(lines)


def _retitle(path: Path, titles: dict[str, str]) -> None:
    path.write_text(_retitled(path.read_text("utf-8"), titles), "utf-8")


def _page(url: str) -> str:
    """The page as served, without the number of the site's version the server adds to it."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return re.sub(r"livereload\(\d+, \d+\)", "livereload()", response.read().decode("utf-8"))


def _wait_for_page(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` is served with `text`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if text in _page(url):
            return time.monotonic() - started
        time.sleep(0.02)
    pytest.fail(f"{url} did not show {text!r} within {timeout} s")


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a site but Pagefind's (its file names depend on what it wrote before)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "/pagefind/" not in p.as_posix()}


def _times(folder: Path) -> dict[str, int]:
    """When each page of each language was written (not the pages at old addresses, which the
    preview writes again with the search index)."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.glob("*/**/*.html")
            if 'http-equiv="refresh"' not in p.read_text("utf-8")}


def test_an_edited_title_is_served_and_the_preview_equals_a_full_build(preview, tmp_path):
    project, base, console, site, port = preview
    action = project / "content" / "actions" / _action().name
    page = {code: f"{base}/{code}/{where(code, f'actions/{action.stem}')}" for code in ("nb", "sv")}
    titles = {"nb": "Prøv den nye tittelen i forhåndsvisningen",
              "sv": "Pröva den nya titeln i förhandsvisningen"}
    before = _times(site)
    since = console.mark()
    _retitle(action, titles)
    for code in ("nb", "sv"):
        assert _wait_for_page(page[code], titles[code], EDIT_S) < EDIT_S
    console.wait_for(r", the pages that show it: ", REST_S, since)
    for code in ("nb", "sv"):   # the pages at old addresses and the open data, then
        console.wait_for(rf"^{code}: search index refreshed", REST_S, since)

    folder = _full_build(project, port, tmp_path)
    full, previewed = _files(folder), _files(site)
    rewritten = sorted(p for p, t in _times(site).items() if before.get(p) != t)
    assert f"nb/{where('nb', f'actions/{action.stem}')}index.html" in rewritten
    assert 0 < len(rewritten) < len(before) / 3, "the preview rewrote too much"
    assert [p for p in rewritten if previewed[p] != full.get(p)] == [], \
        "a page the preview rewrote differs from the full build's"
    _same_as_full_build(site, folder)


def _full_build(project: Path, port: int, tmp_path: Path) -> Path:
    folder = tmp_path / "full"
    run = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", str(folder)],
                         cwd=project, env=_environment(port), capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    return folder


def _same_as_full_build(site: Path, folder: Path) -> None:
    full, previewed = _files(folder), _files(site)
    assert sorted(set(full) ^ set(previewed)) == []
    assert [p for p in full if full[p] != previewed[p]] == [], \
        "a page the preview kept differs from the full build's: it should have rewritten it"
    for code in ("nb", "sv"):   # the search's word list: no word of an old text is left
        words = "pagefind/guide-words.json"
        assert (site / code / words).read_bytes() == (folder / code / words).read_bytes()


def test_a_hand_written_page_and_an_interface_text_end_as_a_full_build(preview, tmp_path):
    """A hand-written page is rewritten on its own; an interface text frames every page, so
    its language is built again in full; either way the preview ends as a full build."""
    project, base, console, site, port = preview
    page = f"{base}/nb/{where('nb', 'accessibility')}"
    since = console.mark()
    with (project / "docs" / "nb" / "accessibility.md").open("a", encoding="utf-8") as doc:
        doc.write("\nEt avsnitt skrevet i forhåndsvisningen.\n")
    _wait_for_page(page, "Et avsnitt skrevet i forhåndsvisningen.", EDIT_S)
    console.wait_for(r"^docs/nb/accessibility\.md, the pages that show it: ", REST_S, since)
    console.wait_for(r"^nb: search index refreshed", REST_S, since)

    since = console.mark()
    ui = project / "content" / "ui.yaml"
    text = ui.read_text("utf-8")
    old = "kit_print:\n  nb: Skriv ut\n"
    assert text.count(old) == 1
    ui.write_text(text.replace(old, "kit_print:\n  nb: Skriv ut opplegget\n"), "utf-8")
    console.wait_for(r"^Rebuilt \(what frames every page changed\): ", REST_S, since)
    _same_as_full_build(site, _full_build(project, port, tmp_path))


def test_invalid_content_prints_its_problems_and_keeps_the_last_good_page(preview):
    project, base, console, _, _ = preview
    action = project / "content" / "actions" / _action().name
    page = f"{base}/nb/{where('nb', f'actions/{action.stem}')}"
    _retitle(action, {"nb": "Den siste gode tittelen", "sv": "Den sista goda titeln"})
    _wait_for_page(page, "Den siste gode tittelen", EDIT_S)
    good = _page(page)

    since = console.mark()
    text = action.read_text("utf-8")
    action.write_text(text + "unknown_field: 1\n", "utf-8")
    problem = console.wait_for(rf"^content/actions/{action.name}:(\d+):(\d+): unknown field",
                               REST_S, since)
    assert int(problem.group(1)) == text.count("\n") + 1
    console.wait_for(r"problem\(s\) in content/: the preview keeps the last good site", REST_S,
                     since)
    assert _page(page) == good

    action.write_text(_retitled(text, {"nb": "Tilbake i orden", "sv": "Tillbaka i ordning"}),
                      "utf-8")
    assert _wait_for_page(page, "Tilbake i orden", EDIT_S) < EDIT_S


def test_a_cache_of_the_files_gives_the_same_content(tmp_path):
    """guide.model.FileCache (the preview's): the same Content as a load without it, after
    edits, with a problem, and once the problem is gone."""
    from guide.model import FileCache, load_content
    for name in ("content", "schemas", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    content, cache = tmp_path / "content", FileCache()
    action = content / "actions" / _action().name
    text = action.read_text("utf-8")
    edits = [text, text.replace("title:\n", "title:\n", 1) + "\n", text + "unknown_field: 1\n",
             text]
    for edit in edits:
        action.write_text(edit, "utf-8")
        assert load_content(content, cache=cache) == load_content(content)
    _retitle(action, {"nb": "Ny tittel", "sv": "Ny titel"})
    cached = load_content(content, cache=cache)
    assert cached == load_content(content)
    assert cached.get("action", action.stem).data["title"]["nb"] == "Ny tittel"
