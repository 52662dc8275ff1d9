"""Shared fixtures: the real content, one real build of the site, a server and a browser."""

import contextlib
import functools
import http.server
import importlib.util
import os
import posixpath
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


def href(lang: str, page: str, target: str) -> str:
    """The relative link the site writes on `page` to `target` (both known by their source
    path): href("nb", "areas/x", "actions/y#z") -> "../../lederhandlinger/…/#z"."""
    path, _, anchor = target.partition("#")
    here = where(lang, page).partition("#")[0].rstrip("/") or "."
    rel = posixpath.relpath(where(lang, path).rstrip("/") or ".", here)
    return ("./" if rel == "." else f"{rel}/") + (f"#{anchor}" if anchor else "")


@functools.cache
def sources(lang: str) -> tuple[str, ...]:
    """Every page of a language by its source path ("actions/x.md", "plc/index.md",
    "index.md"): the generated pages and the hand-written ones."""
    from guide import load_content
    from guide.render import Renderer
    content = load_content(ROOT / "content", texts=None)
    generated = [uri for uri, _ in Renderer(content, lang).pages()]
    written = [p.relative_to(ROOT / "docs" / lang).as_posix()
               for p in sorted((ROOT / "docs" / lang).rglob("*.md"))]
    return tuple(generated + written)


def source_at(lang: str, address: str) -> str | None:
    """The source path of the page at `address` below the language's folder (the inverse of
    where(): "lederhandlinger/…/" -> "actions/x.md"), or None where no page is named."""
    wanted = address.partition("#")[0].strip("/").removeprefix(".")   # "." is the home page
    return next((s for s in sources(lang) if where(lang, s).strip("/") == wanted), None)


def moved(lang: str) -> dict[str, str]:
    """The pages whose old address (their source path, where every language had them before
    pages were named in their language) now only sends readers on: {"actions/x": "actions/x.md"}.
    An old address that is some page's address now stays that page."""
    from guide.outputs import page_url
    published = {where(lang, s).strip("/") for s in sources(lang)}
    return {page_url(s): s for s in sources(lang) if page_url(s) not in published}


def redirect_target(lang: str, old: str) -> str:
    """Where the page left at an old address sends readers: the relative URL of the page's
    address in its language, as its meta refresh, canonical link and link give it."""
    return posixpath.relpath(where(lang, moved(lang)[old]).rstrip("/") or ".", old) + "/"


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
