"""Read a YAML file with the line and column of every value, and catch YAML 1.1 surprises.

PyYAML reads YAML 1.1: `no` becomes false, `0301` an octal number, `2024-05-01` a date, and a
duplicated key silently wins. Editors mean text, so each of these is reported, not guessed.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from guide.problems import Problem

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TAG = "tag:yaml.org,2002:"
OCTAL = re.compile(r"[-+]?0[0-7_]+")
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
    doc = YamlFile(display)
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        doc.problem(line, col, "the file is not valid UTF-8 text (byte "
                    f"0x{raw[err.start]:02x}): save it with UTF-8 encoding")
        return doc
    if _has_tab_indent(text, doc):
        return doc
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        detail = err.problem + (f" ({err.context})" if err.context else "")
        doc.problem(mark.line + 1, mark.column + 1, f"the YAML cannot be read: {detail}")
        return doc
    if node is None:
        doc.problem(1, 1, "the file is empty: it needs the fields of its content type")
        return doc
    doc.data = _convert(node, (), doc)
    return doc


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
    except ConstructorError as err:
        doc.problem(*_mark(node), f"this value cannot be read: {err.problem}")
        return None
    if plain and kind == "bool" and node.value.lower() not in ("true", "false"):
        doc.problem(*_mark(node), f"`{node.value}` is read by YAML as {str(value).lower()}, "
                    f"not as text: write \"{node.value}\" in quotes if you mean the word")
    elif plain and kind == "int" and OCTAL.fullmatch(node.value):
        doc.problem(*_mark(node), f"`{node.value}` is read by YAML as the octal number "
                    f"{value}: drop the leading zero, or write \"{node.value}\" in quotes")
    if plain and kind in KIND:
        doc.plain[path] = (node.value, KIND[kind])
    return value
