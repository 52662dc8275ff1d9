"""Read a YAML file with the line and column of every value, and catch YAML 1.1 surprises.

PyYAML reads YAML 1.1: `no` becomes false, `0301` an octal number, `2024-05-01` a date, and a
duplicated key silently wins. Editors mean text, so each of these is reported, not guessed.

Content arrives by pull request, so the reader is also the first line of defence: regular files
only, limits on size, nesting and number of values, no anchors, aliases or tags, only the
characters YAML allows, finite numbers. Whatever the bytes, the result is data or a problem with
a line and column, never an exception.
"""

import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from guide.problems import Problem

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TAG = "tag:yaml.org,2002:"
OCTAL = re.compile(r"[-+]?0[0-7_]+")
# Limits far above any real content (the largest file is about 16 kB, 7 levels, 700 values),
# so that no file, careless or hostile, can exhaust the build's time or memory.
MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 20
MAX_NODES = 20_000
# Characters YAML refuses (outside its printable set), found before the parser sees them.
NOT_YAML = re.compile("[^\\x09\\x0a\\x0d\\x20-\\x7e\\x85\\xa0-\\ud7ff\\ue000-\\ufffd"
                      "\\U00010000-\\U0010ffff]")
KIND = {"bool": "a yes/no value", "int": "a number", "float": "a number",
        "null": "an empty value", "timestamp": "a date"}


@dataclass
class YamlFile:
    """A parsed file: its data, where each value and key stands, and what went wrong."""

    path: str
    data: object = None
    marks: dict = field(default_factory=dict)      # path tuple -> (line, col) of the value
    key_marks: dict = field(default_factory=dict)  # path tuple -> (line, col) of its key
    plain: dict = field(default_factory=dict)      # path tuple -> (raw text, kind) of non-text
    dates: list = field(default_factory=list)      # paths of unquoted dates, kept as text
    words: dict = field(default_factory=dict)      # path -> yes/no/on/off read as true/false
    problems: list = field(default_factory=list)

    def where(self, path: tuple) -> tuple[int, int]:
        """Line and column for a path: its key if it has one, else its value, else the parent."""
        path = tuple(path)
        while path:
            if path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def value_where(self, path: tuple) -> tuple[int, int]:
        return self.marks.get(tuple(path)) or self.where(path)

    def problem(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, message))


def read_yaml(file: Path, display: str) -> YamlFile:
    """Read one content file. Every failure, whatever the bytes, is a problem with a position."""
    doc = YamlFile(display)
    raw = _read_regular_file(Path(file), doc)
    if raw is None:
        return doc
    text = _decode(raw, doc)
    if text is None or _has_tab_indent(text, doc) or not _scan(text, doc):
        return doc
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as err:
        _unreadable(doc, err)
        return doc
    if node is None:
        doc.problem(1, 1, "the file is empty: it needs the fields of its content type")
        return doc
    doc.data = _convert(node, (), doc)
    return doc


def _read_regular_file(file: Path, doc: YamlFile) -> bytes | None:
    """The file's bytes, if it is a regular file of a sensible size (never through a link)."""
    try:
        info = file.lstat()
    except OSError:
        doc.problem(1, 1, "this file is missing")
        return None
    if stat.S_ISLNK(info.st_mode):
        doc.problem(1, 1, "this is a symbolic link: content must be a regular file in the "
                    "repository, so replace the link by the file itself")
        return None
    if not stat.S_ISREG(info.st_mode):
        doc.problem(1, 1, "this is not a regular file (a folder or a device, for example): "
                    "content files are plain text files ending in .yaml")
        return None
    if info.st_size > MAX_FILE_BYTES:
        doc.problem(1, 1, f"the file is {info.st_size // 1024} kB, more than the "
                    f"{MAX_FILE_BYTES // 1024} kB a content file may have: split it or shorten it")
        return None
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        doc.problem(1, 1, f"the file cannot be read ({err.strerror or err})")
        return None
    if len(raw) > MAX_FILE_BYTES:
        doc.problem(1, 1, f"the file is larger than the {MAX_FILE_BYTES // 1024} kB a content "
                    "file may have: split it or shorten it")
        return None
    return raw


def _decode(raw: bytes, doc: YamlFile) -> str | None:
    """UTF-8 text with only the characters YAML allows (so the parser has nothing to refuse)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        doc.problem(line, col, "the file is not valid UTF-8 text (byte "
                    f"0x{raw[err.start]:02x}): save it with UTF-8 encoding")
        return None
    found = NOT_YAML.search(text)
    if found:
        line, col = _position(text, found.start())
        char = found.group()
        if char == "\0":
            doc.problem(line, col, "the file contains zero bytes: it is probably saved as "
                        "UTF-16; save it with UTF-8 encoding")
        else:
            doc.problem(line, col, f"the file contains an invisible control character "
                        f"(U+{ord(char):04X}), which YAML does not allow: delete it (it often "
                        "comes with text pasted from another program)")
        return None
    return text


def _scan(text: str, doc: YamlFile) -> bool:
    """Walk the YAML events before building anything: refuse anchors, aliases and tags (content
    has no use for them, and aliases can multiply a small file into gigabytes), and nesting or
    sizes far beyond any real content. Stops at the first such finding, so it stays cheap."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return _refuse(doc, event, "anchors and aliases (`&name`, `*name`) are not "
                               "used in content: write each value out in full where it belongs")
            if getattr(event, "tag", None):
                return _refuse(doc, event, f"the tag `{event.tag.removeprefix(TAG)}` is not "
                               "used in content: remove it and write the plain value")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _refuse(doc, event, f"the content is nested more than {MAX_DEPTH} "
                                   "levels deep: no content type needs that many")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    return _refuse(doc, event, f"the file has more than {MAX_NODES} values: "
                                   "split it or shorten it")
    except yaml.MarkedYAMLError as err:
        return _unreadable(doc, err)
    return True


# What an editor most often did, for the parser's most common complaints.
PARSER_HINTS = (
    ("mapping values are not allowed",
     ('a text that holds a colon followed by a space must stand in double quotes ("..."), '
      "or on the lines below a `|`")),
    ("could not find expected ':'",
     ("a line of a longer text may be indented less than the text, or a quotation mark is "
      "missing")),
    ("expected <block end>", "the indentation of this line does not match the lines above it"),
    ("did not find expected key",
     "the indentation of this line does not match the lines above it"),
    ("found unexpected end of stream", "a quotation mark is opened and never closed"),
    ("while scanning a quoted scalar", "a quotation mark is opened and never closed"),
)


def _unreadable(doc: YamlFile, err: yaml.MarkedYAMLError) -> bool:
    """The parser's own words, at its position, with a hint where one is known. Returns False
    (nothing could be read)."""
    mark = err.problem_mark or err.context_mark
    detail = (err.problem or "") + (f" ({err.context})" if err.context else "")
    hint = next((h for known, h in PARSER_HINTS if known in detail), None)
    doc.problem(mark.line + 1, mark.column + 1, f"the YAML cannot be read: {detail}"
                + (f". Probably {hint}" if hint else ""))
    return False


def _refuse(doc: YamlFile, event, message: str) -> bool:
    doc.problem(event.start_mark.line + 1, event.start_mark.column + 1, message)
    return False


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _has_tab_indent(text: str, doc: YamlFile) -> bool:
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            doc.problem(number, indent.index("\t") + 1,
                        "a tab is used for indentation: YAML needs spaces")
    return bool(doc.problems)


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node, path: tuple, doc: YamlFile):
    doc.marks[path] = _mark(node)
    if isinstance(node, MappingNode):
        return _mapping(node, path, doc)
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), doc) for i, item in enumerate(node.value)]
    return _scalar(node, path, doc)


def _mapping(node: MappingNode, path: tuple, doc: YamlFile) -> dict:
    out = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            doc.problem(*_mark(key_node), "a field name must be a plain word")
            continue
        key = key_node.value
        if key in out:
            first = doc.key_marks[path + (key,)][0]
            doc.problem(*_mark(key_node), f"the field `{key}` appears twice (first on line "
                        f"{first}): keep one, the second would silently replace the first")
            continue
        doc.key_marks[path + (key,)] = _mark(key_node)
        out[key] = _convert(value_node, path + (key,), doc)
    return out


def _scalar(node: ScalarNode, path: tuple, doc: YamlFile):
    kind = node.tag.removeprefix(TAG)
    plain = not node.style  # None (pure Python parser) or "" (C parser)
    if kind == "timestamp":
        if plain:
            doc.dates.append(path)
        return node.value
    try:
        value = SafeConstructor().construct_object(node)
    except (ConstructorError, ValueError, OverflowError) as err:
        detail = getattr(err, "problem", None) or "it is not a value YAML can read"
        doc.problem(*_mark(node), f"this value cannot be read: {detail}")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        doc.problem(*_mark(node), f"`{node.value}` is not a number a page can show: write an "
                    "ordinary number, such as 0.42")
        return None
    if plain and kind == "bool" and node.value.lower() not in ("true", "false"):
        doc.words[path] = node.value   # yes, no, on, off: validation says what to write
    elif plain and kind == "int" and OCTAL.fullmatch(node.value):
        doc.problem(*_mark(node), f"`{node.value}` is read by YAML as the octal number "
                    f"{value}: drop the leading zero, or write \"{node.value}\" in quotes")
    if plain and kind in KIND:
        doc.plain[path] = (node.value, KIND[kind])
    return value
