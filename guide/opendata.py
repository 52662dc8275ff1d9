"""The whole content as one JSON document: both languages, stable ids, links, page addresses.

Published with the site at /data/guide.json; each entry follows its schema in /schemas/.
"""

from guide.files import KINDS
from guide.model import Content
from guide.text import json_text

FORMAT = 1


def export(content: Content, pages: dict[str, str]) -> str:
    """JSON text. `entries` hold each kind's entries exactly as their schema describes them;
    `pages` gives each entry's address in every language. `pages` (the argument) maps
    (kind, id) to its path below each language's folder: {"nb": "lederhandlinger/x/", ...}."""
    entries, addresses = {}, {}
    for kind in KINDS:
        published = content.entities.get(kind.name, [])
        entries[kind.name] = [e.data for e in published]
        addresses[kind.name] = {e.id: {code: f"{code}/{pages[kind.name, e.id][code]}"
                                       for code in content.language_codes} for e in published}
    document = {
        "format": FORMAT,
        "title": content.ui["site_name"],
        "licence": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "languages": [{"code": x["code"], "name": x["name"]} for x in content.languages],
        "schemas": {kind.name: f"schemas/{kind.schema}" for kind in KINDS},
        "entries": entries,
        "pages": addresses,
        "sources": list(content.sources.values()),
        "changes": content.changes,
    }
    return json_text(document, indent=1) + "\n"
