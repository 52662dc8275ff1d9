"""MkDocs adapter over the content model: validate content, add its pages, wire the languages.

The model (`guide`) does the work; this file only connects it to MkDocs events.
"""

import json
import os
import pickle
import re
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from guide import crumbs, csp, handwritten, load_content, review, search, startup, text
from guide.outputs import Addresses
from guide.render import Renderer

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_CACHE = FileSystemBytecodeCache()   # in the system's temporary folder


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------

def on_config(config):
    """Refuse invalid content; set the language switcher and the language's site URL."""
    if error := review.setting_error():   # GUIDE_TODAY, SOURCE_DATE_EPOCH
        raise PluginError(error)
    content = _content()
    if content.problems:
        raise PluginError(_report(content.problems))
    lang = config.theme["language"]
    if lang not in content.language_codes:
        raise PluginError(f"theme.language `{lang}` is not in content/languages.yaml")
    renderer = Renderer(content, lang)
    config.extra["guide"] = renderer
    # Values the theme prints itself, some without escaping: escaped here, once.
    config.site_name = text.theme(renderer.ui["site_name"])
    config.site_description = text.theme(renderer.ui["root_intro"])
    config.extra["alternate"] = [
        {"name": text.theme(x["name"]), "link": text.theme(f"../{x['code']}/"),
         "lang": text.theme(x["code"])}
        for x in content.languages
    ]
    config.nav = _nav(config.nav, renderer)
    if os.environ.get("GUIDE_DUMP_MARKDOWN"):   # scripts/bench.py's baseline uses the same tree
        folder = Path(os.environ["GUIDE_DUMP_MARKDOWN"]) / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "nav.json").write_text(json.dumps(config.nav), encoding="utf-8")
    config.extra["edit_base"] = _edit_base()
    base = _address("SITE_URL", "http://127.0.0.1:8000/")
    config.site_url = f"{base}/{lang}/"
    config.extra["site_base"] = text.theme(base)
    config.extra["locale"] = text.theme(renderer.language.get("locale", lang))
    config.extra["csp"] = csp.POLICY
    _no_theme_index(config)
    config.extra["search_kinds"] = search.page_kinds(renderer)
    config.extra["crumb_pages"] = crumbs.pages_of(renderer)
    # Where each page is in every language: pages are named in their language (switcher,
    # alternates, sitemap), and each old address leads on.
    config.extra["addresses"] = {x["code"]: Addresses(content, x["code"])
                                 for x in content.languages}
    config.extra["titles"] = {}
    return config


def on_files(files, config):
    """Add one generated page per entity: topic pages in the navigation tree, others outside."""
    renderer = config.extra["guide"]
    in_nav = set(renderer.topic_uris()) | set(renderer.assessment_uris())
    for uri, markdown in renderer.pages():
        inclusion = InclusionLevel.INCLUDED if uri in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=markdown, inclusion=inclusion))
    for file in files.documentation_pages():
        _publish(file, config.extra["addresses"], renderer.lang)
    return files


def on_env(env, config, files):
    """Keep the theme's compiled templates between builds (keyed by their source)."""
    env.bytecode_cache = TEMPLATE_CACHE
    return env


def on_page_markdown(markdown, page, config, files):
    """For scripts/bench.py: keep each page's final Markdown, the baseline's plain pages."""
    folder = os.environ.get("GUIDE_DUMP_MARKDOWN")
    if folder:
        target = Path(folder) / config.theme["language"] / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                       for key, value in page.meta.items() if key in ("title", "description"))
        target.write_text(f"---\n{meta}---\n{markdown}" if meta else markdown, encoding="utf-8")
    return markdown


def on_page_content(html, page, config, files):
    """A space at the end of each table cell: the search index would run a row's cells into one
    word («FasePeriodeInnhold»). Invisible on the page. A hand-written page says that its text
    is the guide's own."""
    if page.file.generated_by is None:
        html = handwritten.labelled(html, text.html(config.extra["guide"].ui["origin_guide_page"]))
    return search.spaced_cells(html)


def on_page_context(context, page, config, nav):
    """"Edit this page" leads to the file an editor changes: the YAML of a generated page.
    What the page gives the search index (overrides/main.html marks it)."""
    renderer = config.extra["guide"]
    context["guide_search"] = search.page_search(page.file.src_uri,
                                                 config.extra["search_kinds"], renderer.ui)
    steps = crumbs.trail(renderer, page.file.src_uri, config.extra["crumb_pages"])
    context["guide_crumbs"] = [(text.theme(title), text.theme(href)) for title, href
                               in crumbs.hrefs(steps, page.url, renderer.addresses.path)]
    context["guide_crumbs_label"] = text.theme(renderer.ui["crumbs_label"])
    config.extra["titles"][page.file.src_uri] = page.title
    base = config.extra["edit_base"]
    if base:
        source = config.extra["guide"].source_files.get(page.file.src_uri)
        lang = config.theme["language"]
        source = source or f"docs/{lang}/{page.file.src_uri}"
        page.edit_url = text.theme(f"{base}/{text.url_path(source)}")
    return context


def on_post_page(output, page, config):
    """The menu says which page, or which part of the guide, the reader is in; <html> starts
    with the classes the theme's script would set (guide/startup.py)."""
    renderer = config.extra["guide"]
    steps = crumbs.trail(renderer, page.file.src_uri, config.extra["crumb_pages"])
    links = crumbs.hrefs(steps, page.url, renderer.addresses.path)
    return startup.served(crumbs.mark_nav(output, links[1][1] if len(links) > 1 else None))


def on_post_build(config):
    """A page at every old address in content/redirects.yaml, leading to the new one; the
    language's search index, in place of the theme's (which every page view would load)."""
    renderer = config.extra["guide"]
    for path, html in renderer.redirect_pages(config.extra["titles"]):
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    site = Path(config.site_dir)
    if not os.environ.get("GUIDE_THEME_SEARCH"):   # scripts/bench.py weighs it for comparison
        for name in ("search_index.json", "search_index.js"):
            (site / "search" / name).unlink(missing_ok=True)
        if (site / "search").is_dir() and not any((site / "search").iterdir()):
            (site / "search").rmdir()
    others = [c for c in renderer.content.language_codes if c != renderer.lang]
    try:
        search.index(site, renderer.content.glossary, renderer.lang, others,
                     renderer.language.get("search_stop_words", []))
    except RuntimeError as err:
        raise PluginError(str(err)) from err


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

def _no_theme_index(config) -> None:
    """Material's search plugin stays for its dialog, but Pagefind indexes the site: the theme's
    lunr index, which on_post_build deletes, is not gathered (a sixth of a build's time)."""
    plugin = config.plugins.get("material/search")
    if plugin is not None and hasattr(plugin, "search_index") and \
            not os.environ.get("GUIDE_THEME_SEARCH"):   # scripts/bench.py weighs it
        plugin.search_index.add_entry_from_context = lambda page: None


def _publish(file: File, addresses: dict, lang: str) -> None:
    """A page at its address in this language (lederhandlinger/…), and where it is in the
    others (file.guide_urls, for the language switcher, alternates and the sitemap)."""
    path = addresses[lang].path(file.src_uri)
    file.dest_uri = f"{path}/index.html" if path else "index.html"
    for derived in ("url", "abs_dest_path"):   # computed from dest_uri, maybe already cached
        file.__dict__.pop(derived, None)
    file.guide_urls = {code: text.url(a.url(file.src_uri)) for code, a in addresses.items()}


def _report(problems) -> str:
    lines = [str(p) for p in problems]
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return "\n".join(lines + [f"{count} in content/: no site was built."])


def _nav(nav: list, renderer) -> list:
    """The page tree in this language: each section named by its interface text, each topic
    page and self-assessment after its part's index.md."""
    result = []
    for entry in nav:
        if isinstance(entry, dict):
            (key, children), = entry.items()
            if key not in renderer.ui:
                raise PluginError(f"mkdocs.yml: the section `{key}` in `nav` is not a key of "
                                  "content/ui.yaml")
            result.append({str(text.theme(renderer.ui[key])): _nav(children, renderer)})
            continue
        result.append(entry)
        if isinstance(entry, str) and entry.endswith("/index.md"):
            folder = entry.removesuffix("index.md")
            result += [uri for uri in renderer.topic_uris() + renderer.assessment_uris()
                       if uri.startswith(folder)]
    return result


def _content():
    """The content, validated: handed over by scripts/build.py, or read here (mkdocs alone)."""
    cache = os.environ.get("GUIDE_CONTENT_CACHE")
    if cache and Path(cache).is_file():
        return pickle.loads(Path(cache).read_bytes())   # written by build.py for this build
    return load_content(ROOT / "content")


def _edit_base() -> str | None:
    """Where files are edited on the code host: $REPO_URL, or GitHub Actions' own repository.

    The branch is $EDIT_BRANCH (default main). Without a repository there is no edit link.
    """
    repo = _address("REPO_URL", None) if os.environ.get("REPO_URL") else None
    if not repo and os.environ.get("GITHUB_REPOSITORY"):
        server = _address("GITHUB_SERVER_URL", "https://github.com")
        repo = f"{server}/{text.url(os.environ['GITHUB_REPOSITORY'])}"
    if not repo:
        return None
    branch = os.environ.get("EDIT_BRANCH") or "main"
    if any(part in ("", ".", "..") for part in branch.split("/")):
        raise PluginError("$EDIT_BRANCH must be the name of a branch, such as main or "
                          f"feature/new-action (it is {text.log(text.shorten(branch))!r})")
    return f"{repo}/edit/{text.url_path(branch)}"


def _address(name: str, default: str | None) -> str | None:
    """An http(s) address from the environment, or a clear stop if it is not one."""
    value = os.environ.get(name) or default
    address = text.web_address(value) if value else None
    if value and not address:
        raise PluginError(f"${name} must be an http(s) address such as https://example.org/, "
                          "with no user name or password before the host (it is "
                          f"{text.log(_hide_password(value))!r})")
    return address


def _hide_password(value: str) -> str:
    """An address as a message may show it: whatever stands before an @ in the host hidden."""
    return re.sub(r"(?<=//)[^/@]*@", "…@", value)
