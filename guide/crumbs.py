"""Breadcrumbs: the pages above a page, from the home page down through its part (and, for an
action, its area). Titles are plain text in the page's language; the theme escapes them."""

import posixpath

from guide.outputs import KITS, PAGES, page_url, uri

HOME = "index.md"
# Each part's section page and the interface text that names it, by the folder it lives in.
PARTS = {"actions": ("actions/index.md", "pillar_area"),
         "areas": ("actions/index.md", "pillar_area"),
         "matrix": ("actions/index.md", "pillar_area"),
         "dimensions": ("dimensions/index.md", "pillar_dimension"),
         "plc": ("plc/index.md", "pillar_plc_characteristic"),
         "attendance": ("attendance/index.md", "pillar_attendance_factor"),
         "school-owner": ("school-owner/index.md", "pillar_school_owner"),
         "assess": ("assess/index.md", "pillar_assessment")}
# A folder with its own section inside a part: its index page and the text that names it.
SECTIONS = {"matrix": ("matrix/index.md", "nav_matrix")}


def pages_of(renderer) -> dict[str, tuple[str, dict]]:
    """Every generated entry page and kit: src_uri -> (kind, entry)."""
    found = {}
    for kind, items in renderer.items.items():
        if "#" in PAGES.get(kind, "#"):
            continue
        for item in items:
            found[renderer.uri(kind, item["id"])] = (kind, item)
            if kind in KITS:
                found[KITS[kind].format(id=item["id"])] = ("kit", (kind, item))
    return found


def trail(renderer, src_uri: str, pages: dict) -> list[tuple[str, str]]:
    """(title, src_uri) of the pages above `src_uri`, the home page first; [] for the home page."""
    if src_uri in (HOME, "404.md"):   # the 404 page is served at any address
        return []
    ui = renderer.ui
    steps = [(ui["crumbs_home"], HOME)]
    entry = pages.get(src_uri)
    if entry and entry[0] == "kit":
        kind, item = entry[1]
        page = renderer.uri(kind, item["id"])
        return trail(renderer, page, pages) + [(item["title"], page)]
    folder = src_uri.split("/")[0] if "/" in src_uri else ""
    part = PARTS.get(folder)
    if part and src_uri != part[0]:
        steps.append((ui[part[1]], part[0]))
    section = SECTIONS.get(folder)
    if section and src_uri != section[0]:
        steps.append((ui[section[1]], section[0]))
    if entry and entry[0] == "action":
        area = renderer.by_id["area"][entry[1]["area"]]
        steps.append((area["title"], uri("area", area["id"])))
    return steps


def hrefs(steps: list[tuple[str, str]], page_address: str,
          where=page_url) -> list[tuple[str, str]]:
    """(title, address relative to the page at `page_address`, such as "actions/x/");
    `where` gives a source path's address (the language's, Addresses.path)."""
    here = page_address.rstrip("/") or "."
    return [(title, posixpath.relpath(where(target) or ".", here).rstrip("/") + "/")
            for title, target in steps]


def mark_nav(html: str, part_href: str | None) -> str:
    """The theme highlights a page of the menu but does not say so to screen readers, and a page
    outside the menu (an entry, a kit) highlights nothing: mark the current page's link with
    aria-current="page", or else the link of the part the page belongs to with "true"."""
    for here in ('<a href="./" class="md-nav__link md-nav__link--active">',
                 '<a href="." class="md-nav__link md-nav__link--active">'):   # the home page
        if here in html:
            return html.replace(here, here[:-1] + ' aria-current="page">', 1)
    if part_href:
        link = f'<a href="{part_href}" class="md-nav__link ">'
        return html.replace(link, f'<a href="{part_href}" class="md-nav__link '
                                  'md-nav__link--active" aria-current="true">', 1)
    return html
