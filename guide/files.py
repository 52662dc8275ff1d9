"""The files of content/: what kind each one is, and nothing unknown among them.

Every file and folder in content/ must be a known kind's file; anything else (a typo, a `.yml`
file, an unknown folder, a link) is a problem that names what was expected, not a file that is
silently ignored or published.
"""

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from guide.problems import Problem


@dataclass(frozen=True)
class Kind:
    """A type of entity stored one per file in content/<folder>/<id>.yaml."""

    name: str
    folder: str
    schema: str


KINDS = (
    Kind("capability", "capabilities", "capability.schema.json"),
    Kind("dimension", "dimensions", "dimension.schema.json"),
    Kind("area", "areas", "area.schema.json"),
    Kind("action", "actions", "action.schema.json"),
    Kind("plc-characteristic", "plc-characteristics", "plc-characteristic.schema.json"),
    Kind("attendance-factor", "attendance-factors", "attendance-factor.schema.json"),
    Kind("topic", "topics", "topic.schema.json"),
)
# Files holding one list or mapping each: file name -> schema.
SINGLES = {"languages.yaml": "languages.schema.json", "sources.yaml": "sources.schema.json",
           "ui.yaml": "ui.schema.json", "actions-background.yaml": "actions-background.schema.json",
           "changes.yaml": "changes.schema.json", "redirects.yaml": "redirects.schema.json",
           "self-assessment.yaml": "self-assessment.schema.json",
           "owners.yaml": "owners.schema.json", "glossary.yaml": "glossary.schema.json"}
FOLDERS = {kind.folder: kind for kind in KINDS}


def content_files(root: Path, extra=()) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """(path, schema) of every content file, and a problem for each thing that is none.

    `extra` files (checked by scripts/validate.py from outside content/) are typed by their
    folder or name."""
    found, problems = [], []
    for name, schema in SINGLES.items():
        if name != "languages.yaml":
            found.append((root / name, schema))   # a missing one is reported when read
    for entry in _entries(root):
        path = root / entry.name
        if entry.name in SINGLES:
            continue
        if entry.name in FOLDERS and _is_folder(entry):
            files, wrong = _folder(path, FOLDERS[entry.name])
            found += files
            problems += wrong
        else:
            problems.append(_unknown(path, entry))
    for path in map(Path, extra):
        schema = SINGLES.get(path.name) or (
            FOLDERS[path.parent.name].schema if path.parent.name in FOLDERS else None)
        if schema is None:
            problems.append(Problem(display(path), 1, 1, "cannot tell what kind of content "
                                    "this is: its folder must be one of content's "
                                    f"({', '.join(f + '/' for f in FOLDERS)}) or its name one "
                                    f"of {', '.join(SINGLES)}"))
        else:
            found.append((path, schema))
    return found, problems


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError:
        return []


def _is_folder(entry: os.DirEntry) -> bool:
    return entry.is_dir(follow_symlinks=False)


def _folder(folder: Path, kind: Kind) -> tuple[list[tuple[Path, str]], list[Problem]]:
    files, problems = [], []
    for entry in _entries(folder):
        path = folder / entry.name
        if entry.name.endswith(".yaml") and not _is_folder(entry):
            files.append((path, kind.schema))   # links and devices are refused when read
        elif entry.name.endswith(".yml"):
            problems.append(Problem(display(path), 1, 1, "content files end in .yaml: rename "
                                    f"it to {entry.name.removesuffix('.yml')}.yaml"))
        else:
            what = "a folder" if _is_folder(entry) else "a file"
            problems.append(Problem(display(path), 1, 1, f"{what} the guide does not read: "
                                    f"content/{kind.folder}/ holds one <id>.yaml file per "
                                    f"{kind.name.replace('-', ' ')} and nothing else"))
    return files, problems


def _unknown(path: Path, entry: os.DirEntry) -> Problem:
    if entry.is_symlink():
        return Problem(display(path), 1, 1, "this is a symbolic link: content must be regular "
                       "files and folders in the repository")
    if entry.name.endswith(".yml") and entry.name.removesuffix(".yml") + ".yaml" in SINGLES:
        return Problem(display(path), 1, 1, "content files end in .yaml: rename it to "
                       f"{entry.name.removesuffix('.yml')}.yaml")
    known = list(SINGLES) + [f + "/" for f in FOLDERS]
    name = entry.name + ("/" if _is_folder(entry) else "")
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    hint = f": did you mean {close[0]}?" if close else (
        f"; content/ holds {', '.join(SINGLES)} and the folders "
        f"{', '.join(f + '/' for f in FOLDERS)}")
    what = "a folder" if _is_folder(entry) else "a file"
    return Problem(display(path), 1, 1, f"{what} the guide does not read{hint}")


def display(path: Path) -> str:
    """A path as messages show it: relative to the working folder."""
    return os.path.relpath(path)

