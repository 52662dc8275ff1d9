"""Shared fixtures: the real content, one real build of the site, a server and a browser."""

import contextlib
import functools
import http.server
import importlib.util
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def load_script(name: str):
    """Import scripts/<name>.py as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def content():
    from guide import load_content
    loaded = load_content(ROOT / "content")
    assert loaded.problems == [], "\n".join(map(str, loaded.problems))
    return loaded


def copy_project(tmp_path: Path) -> Path:
    """A copy of the project (without its virtual environment and builds) to change freely."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", "*.egg-info"))
    return project


@functools.cache
def _addresses() -> dict:
    from guide import load_content
    from guide.outputs import Addresses
    content = load_content(ROOT / "content", texts=None)
    return {x["code"]: Addresses(content, x["code"]) for x in content.languages}


def where(lang: str, source: str) -> str:
    """The address below a language's folder of a page known by its source path, as the
    guide's code names pages: where("nb", "actions/x") -> "lederhandlinger/planlegg-…/",
    where("sv", "plc/y#z") -> "plc/…/#z", where("nb", "") -> "" (pages are named in their
    language; guide/outputs.py Addresses)."""
    path, _, anchor = source.partition("#")
    path = _addresses()[lang].path(path.strip("/").removesuffix(".md"))
    return (f"{path}/" if path else "") + (f"#{anchor}" if anchor else "")


def built(site: Path, lang: str, source: str) -> Path:
    """The built file of a page known by its source path: built(site, "nb", "actions/x")."""
    path = where(lang, source).partition("#")[0]
    return site / lang / path / "index.html"


TEST_REPO = "https://github.com/example/lederhandlinger"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once with `scripts/build.py` (both languages, --strict)."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    saved = os.environ.get("REPO_URL")
    os.environ["REPO_URL"] = TEST_REPO   # so that pages get their "edit this page" link
    try:
        assert load_script("build").build_site(site_dir, quiet=True), "the build failed"
    finally:
        os.environ.pop("REPO_URL") if saved is None else os.environ.update(REPO_URL=saved)
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser closing a connection early is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path):
    """Base URL of `folder` served on 127.0.0.1 while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site served on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips locally without it; fails in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs /usr/bin/chromium for the browser tests")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # bypass_csp: Playwright's wait_for_function evaluates strings, which the site's CSP forbids.
    # test_quality checks the CSP itself in contexts of its own.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US",
                                  bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()
