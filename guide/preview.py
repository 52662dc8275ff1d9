"""Live preview of one language: its MkDocs build kept in memory between edits, so that an edit
rebuilds only the pages it changes. scripts/serve.py runs one per language
(`python -m guide.preview --lang nb --site DIR --work DIR`, from the project's folder) and speaks to it in JSON lines on
stdin and stdout. The full build (scripts/build.py) does not use this module.

A full build writes every page with MkDocs' own steps (mkdocs.commands.build), into a new folder
that replaces the language's only when it succeeded, and keeps the configuration, files,
navigation and what each page was written from. After an edit the content is read again (only
changed files: guide.model.FileCache) and handed to the hook as a build does (on_config); then:

1. quick: the pages made from the changed files (an entry's page and its kit, or a hand-written
   page) are rendered, converted and written; serve.py reloads the browsers;
2. rest: every generated page is rendered and compared with the Markdown it was written from,
   hand-written pages are read and their macros run again; every page whose Markdown,
   breadcrumbs, search entry or menu changed is written (serve.py reloads again). A new command
   stops this step; the next one finds what it left, as it compares with what was written;
3. the search index and the pages at old addresses, in the background (then `search`).

What frames every page (menu, addresses, interface texts, the set of pages, the date) is
compared first: if it changed, the language is built again in full.
"""

import argparse
import copy
import gzip
import importlib.util
import json
import logging
import os
import pickle
import queue
import shutil
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from guide import search
from guide.model import FileCache, load_content
from guide.render import render_root

ROOT = Path(__file__).resolve().parent.parent

HOOK = "hooks/content.py"           # its key in config.plugins
INCLUDED = InclusionLevel.is_included
FRAME = "frame"                     # rest(): the frame changed, build in full


@dataclass
class Written:
    """What a written page was made from."""

    source: str | None   # a generated page's Markdown (None for a hand-written page)
    markdown: str        # the Markdown converted, after macros and front matter
    meta: dict           # its front matter
    context: tuple       # what the hook gives its template (crumbs, search entry, edit link)


class Site:
    """One language's site in the preview, and what its pages were written from."""

    def __init__(self, lang: str, site_dir: Path, work: Path, waiting):
        self.lang, self.site_dir, self.work = lang, site_dir, work
        self.waiting = waiting   # () -> True when a new command waits: stop the rest
        self.cache = FileCache()
        self.config = None       # set by a full build that succeeded
        self.background = Background(self)

    # -- content ------------------------------------------------------------------------------

    def load(self):
        """The content, validated (None and the problems if it is not), handed to the hook as
        scripts/build.py hands it (GUIDE_CONTENT_CACHE)."""
        content = load_content(ROOT / "content", cache=self.cache)
        if content.problems:
            return None, [str(p) for p in content.problems]
        path = self.work / f"content-{self.lang}.pickle"
        path.write_bytes(pickle.dumps(content))
        os.environ["GUIDE_CONTENT_CACHE"] = str(path)
        return content, []

    def published(self, content) -> bool:
        return self.lang in content.language_codes

    def first(self, content) -> bool:
        """The first language also writes what lies beside the languages (write_extras)."""
        return content.language_codes[0] == self.lang

    # -- full build ---------------------------------------------------------------------------

    def build(self, content) -> int:
        """Every page, into a new folder that replaces the language's when all went well."""
        staging = self.work / f"{self.lang}-next"
        shutil.rmtree(staging, ignore_errors=True)
        config = load_config(str(ROOT / f"mkdocs.{self.lang}.yml"), site_dir=str(staging))
        raw_nav = copy.deepcopy(config.nav)   # the hook names its sections (on_config)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            files, nav, env = _build(config)
            config.plugins.on_post_build(config=config)   # old addresses, search index
        except Exception as err:
            config.plugins.on_build_error(error=err)
            config.plugins.on_shutdown()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.background.stop()   # nothing more into the folder that is replaced
        _replace(self.site_dir, staging, self.work / f"{self.lang}-old")
        _move(config, files, self.site_dir)
        if self.config is not None:
            self.config.plugins.on_shutdown()
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.raw_nav, self.hook = raw_nav, config.plugins[HOOK]
        self.pages = files.documentation_pages(inclusion=INCLUDED)
        self.frame = _frame(config)
        self.menu = _menu(nav)
        self.written = {f.src_uri: self._written(f.page) for f in self.pages}
        if self.first(content):
            write_extras(content, self.site_dir.parent)
        return len(self.pages)

    # -- after an edit ------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Give the hook the new content (as on_config does in a build); False if what frames
        every page changed."""
        config = self.config
        titles = config.extra["titles"]   # each page's title, kept for the old addresses
        config.nav = copy.deepcopy(self.raw_nav)
        self.hook.on_config(config)
        config.extra["titles"] = titles
        _forget_search_entries(config)
        return _frame(config) == self.frame

    def quick(self, changed: set[str]) -> list[str]:
        """Write the pages made from the changed files; their source paths."""
        renderer = self.config.extra["guide"]
        wanted = {uri for uri, source in renderer.source_files.items() if source in changed}
        done = []
        for uri, markdown in renderer.pages(wanted):
            file = self.files.get_file_from_path(uri)
            if file is not None and markdown != self.written[uri].source:
                file.content_string = markdown
                self._convert(file.page)
                self._write(file.page)
                done.append(uri)
        for file in self.pages:
            if file.generated_by is None and _relative(file.abs_src_path) in changed and \
                    self._markdown_changed(file.page):
                self._convert(file.page)
                self._write(file.page)
                done.append(file.src_uri)
        return done

    def rest(self) -> list[str] | str | None:
        """Write every other page the edit changed; their source paths, FRAME if the set of
        pages changed, None if a new command came first."""
        generated = dict(self.config.extra["guide"].pages())
        if set(generated) != {f.src_uri for f in self.pages if f.generated_by}:
            return FRAME
        convert = []
        for file in self.pages:
            uri = file.src_uri
            if file.generated_by and generated[uri] != self.written[uri].source:
                file.content_string = generated[uri]
                convert.append(file)
            elif file.generated_by is None and self._markdown_changed(file.page):
                convert.append(file)
        for file in convert:
            if self.waiting():
                return None
            self._convert(file.page)
        menu = _menu(self.nav)
        everything = menu != self.menu   # a title in the menu: every page shows it
        write = [f for f in self.pages if everything or f in convert
                 or self._context(f.page) != self.written[f.src_uri].context]
        for file in write:
            if self.waiting():
                return None
            self._write(file.page)
        if everything:
            for template in self.config.theme.static_templates:
                _build_theme_template(template, self.env, self.files, self.config, self.nav)
            self.menu = menu
        for file in self.pages:   # links to anchors, as the build checks them
            file.page.validate_anchor_links(files=self.files,
                                            log_level=self.config.validation.links.anchors)
        return [f.src_uri for f in write]

    # -- one page -----------------------------------------------------------------------------

    def _convert(self, page: Page) -> None:
        """Markdown to HTML, as a build does it (plugins' page events included)."""
        _populate_page(page, self.config, self.files)

    def _write(self, page: Page) -> None:
        _build_page(page, self.config, self.pages, self.nav, self.env)
        self.written[page.file.src_uri] = self._written(page)
        self.background.unindexed(page.url)

    def _written(self, page: Page) -> Written:
        source = page.file.content_string if page.file.generated_by else None
        return Written(source, page.markdown, dict(page.meta), self._context(page))

    def _context(self, page: Page) -> tuple:
        """What the hook gives the page's template: breadcrumbs, search entry, edit link."""
        context = self.hook.on_page_context({}, page=page, config=self.config, nav=self.nav)
        return context, page.edit_url

    def _markdown_changed(self, page: Page) -> bool:
        """Read a hand-written page and run its macros; True if that gives other Markdown or
        front matter than it was written from."""
        config, files = self.config, self.files
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page,
                                                            config=config, files=files)
        finally:
            config._current_page = None
        written = self.written[page.file.src_uri]
        return (page.markdown, page.meta) != (written.markdown, written.meta)


class Background:
    """The search index, the pages at old addresses (the hook's on_post_build) and what lies
    beside the languages, refreshed after a round while the next edit may already come."""

    def __init__(self, site: Site):
        self.site = site
        self.wanted = False
        self.running = False
        self.written: set[str] = set()   # addresses of pages written since the last index
        self.changed = threading.Condition()
        threading.Thread(target=self._loop, daemon=True).start()

    def unindexed(self, url: str) -> None:
        with self.changed:
            self.written.add(f"/{url}")

    def refresh(self) -> None:
        with self.changed:
            self.wanted = True
            self.changed.notify_all()

    def stop(self) -> None:
        """No refresh waiting, and none running when this returns (a full build follows: its
        index is new)."""
        with self.changed:
            self.wanted = False
            self.written = set()
            self.changed.wait_for(lambda: not self.running)

    def _loop(self) -> None:
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.wanted)
                self.wanted, self.running = False, True
                config, written, self.written = self.site.config, self.written, set()
            started = time.monotonic()
            try:
                if written:   # else the index and the old addresses' titles are as they were
                    _forget_fragments(Path(config.site_dir) / search.OUTPUT, written)
                    self.site.hook.on_post_build(config)
                content = config.extra["guide"].content
                if self.site.first(content):
                    write_extras(content, self.site.site_dir.parent)
                if written:
                    reply(phase="search", s=time.monotonic() - started)
            except Exception as err:   # noqa: BLE001 (reported; the pages stay)
                reply(phase="search", error=_describe(err))
            finally:
                with self.changed:
                    self.running = False
                    self.changed.notify_all()


# -----------------------------------------------------------------------------
# The build, step by step (as mkdocs.commands.build.build, without cleaning the folder)
# -----------------------------------------------------------------------------

def _build(config):
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for file in files.documentation_pages(inclusion=INCLUDED):
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
        _populate_page(file.page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(inclusion=INCLUDED)
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        _build_extra_template(template, files, config, nav)
    pages = files.documentation_pages(inclusion=INCLUDED)
    for file in pages:
        _build_page(file.page, config, pages, nav, env)
    for file in pages:
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return files, nav, env


def _frame(config) -> tuple:
    """What frames or places every page: when it changes, every page is built again."""
    extra, renderer = config.extra, config.extra["guide"]
    docs = sorted(_relative(os.path.join(folder, name))
                  for folder, _, names in os.walk(config.docs_dir) for name in names)
    return (config.nav, config.site_name, config.site_description, config.site_url,
            [extra.get(key) for key in ("alternate", "edit_base", "site_base", "locale", "csp")],
            renderer.ui, renderer.language, renderer.today, docs,
            {code: vars(a) for code, a in extra["addresses"].items()},
            sorted(renderer.source_files.items()), renderer.topic_uris(),
            renderer.assessment_uris())


def _menu(nav) -> list:
    """What every page shows of the pages in the menu."""
    return [(page.file.src_uri, page.title, page.meta) for page in nav.pages]


def _forget_search_entries(config) -> None:
    """The theme's search index gathers every page written; the hook deletes it after a build,
    so a round starts it empty instead of letting it grow."""
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index"):
        search.search_index.entries.clear()


def _forget_fragments(folder: Path, urls: set[str]) -> None:
    """Pagefind writes only the files it does not have, so the fragments of pages written
    again would stay beside their new ones, and the word list (guide/search.py) reads every
    fragment: remove them first (by the page's address each fragment names)."""
    for path in (folder / "fragment").glob("*") if urls else ():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        if json.loads(data).get("url") in urls:
            path.unlink()


def _replace(site_dir: Path, staging: Path, old: Path) -> None:
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _move(config, files, site_dir: Path) -> None:
    """The build was written into another folder: its files now live in `site_dir`."""
    config.site_dir = str(site_dir)
    for file in files:
        file.dest_dir = str(site_dir)
        file.__dict__.pop("abs_dest_path", None)   # computed from dest_dir, maybe cached


def _relative(path: str | None) -> str | None:
    return Path(os.path.relpath(path, ROOT)).as_posix() if path else None


# -----------------------------------------------------------------------------
# Beside the languages: what scripts/build.py writes there
# -----------------------------------------------------------------------------

def write_extras(content, root: Path) -> None:
    """The root page, the schemas, the open data and _headers, as scripts/build.py writes them."""
    build = _build_script()
    for name, page in render_root(content).items():
        _write_file(root / name, page)
    shutil.copytree(ROOT / "schemas", root / "schemas", dirs_exist_ok=True)
    _write_file(root / "data" / "guide.json", build._open_data(content))
    _write_file(root / "_headers", build.HEADERS)


def _build_script():
    spec = importlib.util.spec_from_file_location("guide_build", ROOT / "scripts" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_file(path: Path, text: str) -> None:
    """Replace a file at once, so that the server never sends half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


# -----------------------------------------------------------------------------
# Commands and replies
# -----------------------------------------------------------------------------

_out = None
_out_lock = threading.Lock()
_round = 0


def reply(**fields) -> None:
    """One JSON line to scripts/serve.py, for the round being run."""
    with _out_lock:
        _out.write(json.dumps({"round": _round, **fields}) + "\n")
        _out.flush()


def run(site: Site, command: dict) -> None:
    """`build`: every page. `update` (with `changed`, paths from the project's folder): the
    pages an edit changed, or every page if their frame changed."""
    started = time.monotonic()
    content, problems = site.load()
    if problems:
        reply(phase="invalid", problems=problems)
        return
    if not site.published(content):
        reply(phase="skip")
        return
    if command["do"] == "build" or site.config is None or not site.refresh():
        why = "asked" if command["do"] == "build" or site.config is None else FRAME
        pages = site.build(content)
        reply(phase="built", pages=pages, why=why, s=time.monotonic() - started)
        return
    done = site.quick(set(command.get("changed", [])))
    reply(phase="quick", pages=done, s=time.monotonic() - started)
    try:
        rest = site.rest()
        if rest == FRAME:   # the set of pages changed
            site.build(content)
            rest = [f.src_uri for f in site.pages]
    except Exception as err:   # noqa: BLE001 (reported; the last good pages stay)
        reply(phase="done", pages=[], error=_describe(err))
        return
    if rest is None:
        reply(phase="stopped")
        return
    reply(phase="done", pages=rest, s=time.monotonic() - started)
    site.background.refresh()


def _describe(err: Exception) -> str:
    """A problem as one message: a plugin's own words, else the traceback (a change to the
    guide's code, a template or a macro)."""
    name = type(err).__name__
    if name in ("PluginError", "Abort", "BuildError", "ConfigurationError"):
        return str(err)
    return "".join(traceback.format_exception(err)).rstrip()


def main() -> int:
    global _out, _round
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", required=True)
    parser.add_argument("--site", type=Path, required=True, help="the site's root folder")
    parser.add_argument("--work", type=Path, required=True, help="a folder for staging")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # serve.py stops this process
    _out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)   # anything else printed goes to the console, not into the replies
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format=f"{args.lang}: %(levelname)s - %(message)s")
    commands: queue.Queue = queue.Queue()
    threading.Thread(target=_read_commands, args=(commands,), daemon=True).start()
    site = Site(args.lang, args.site / args.lang, args.work, lambda: not commands.empty())
    while (command := commands.get()) is not None:
        _round = command.get("round", 0)
        try:
            run(site, command)
        except Exception as err:   # noqa: BLE001 (reported; the last good site stays)
            reply(phase="failed", error=_describe(err))
    site.background.stop()
    return 0


def _read_commands(commands: queue.Queue) -> None:
    for line in sys.stdin:
        commands.put(json.loads(line))
    commands.put(None)


if __name__ == "__main__":
    sys.exit(main())
