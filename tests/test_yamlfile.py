"""Reading YAML: positions of values and keys, and the YAML 1.1 traps editors fall into."""

import pytest

from guide.yamlfile import read_yaml


def read(tmp_path, text, raw=None):
    path = tmp_path / "entry.yaml"
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return read_yaml(path, "entry.yaml")


def messages(doc):
    return [(p.line, p.col, p.message) for p in doc.problems]


def test_values_and_keys_have_line_and_column(tmp_path):
    doc = read(tmp_path, "id: a\ntitle:\n  nb: Hei\n  sv: Hej\nlist:\n  - x\n  - y\n")
    assert doc.data == {"id": "a", "title": {"nb": "Hei", "sv": "Hej"}, "list": ["x", "y"]}
    assert doc.where(("title", "sv")) == (4, 3)
    assert doc.value_where(("title", "sv")) == (4, 7)
    assert doc.value_where(("list", 1)) == (7, 5)
    assert doc.problems == []


def test_duplicate_key_is_reported_at_the_second(tmp_path):
    doc = read(tmp_path, "id: a\ntitle: x\nid: b\n")
    assert messages(doc) == [(3, 1, ("the field `id` appears twice (first on line 1): keep one, "
                                    "the second would silently replace the first"))]
    assert doc.data["id"] == "a"


def test_no_yes_on_off_are_remembered_for_validation_to_word(tmp_path):
    # Whether `no` should be "no" or false depends on the field: validation says which.
    doc = read(tmp_path, "a: no\nb: 'no'\nc: true\nd: On\n")
    assert doc.words == {("a",): "no", ("d",): "On"}
    assert doc.data == {"a": False, "b": "no", "c": True, "d": True}


def test_octal_looking_number(tmp_path):
    doc = read(tmp_path, "code: 0301\nother: '0301'\nnumber: 301\n")
    assert messages(doc) == [(1, 7, ("`0301` is read by YAML as the octal number 193: drop the "
                                    "leading zero, or write \"0301\" in quotes"))]


def test_unquoted_date_is_kept_as_written_and_remembered(tmp_path):
    doc = read(tmp_path, "revised: 2026-11-22\ntitle: '2026-11-22'\n")
    assert doc.data == {"revised": "2026-11-22", "title": "2026-11-22"}
    assert doc.dates == [("revised",)]


def test_tab_indentation(tmp_path):
    doc = read(tmp_path, "title:\n\tnb: Hei\n")
    assert messages(doc) == [(2, 1, "a tab is used for indentation: YAML needs spaces")]


def test_invalid_utf8_names_the_byte(tmp_path):
    doc = read(tmp_path, "", raw="id: a\ntitle: bl\xe5\n".encode("latin-1"))
    assert messages(doc) == [(2, 10, ("the file is not valid UTF-8 text (byte 0xe5): save it "
                                     "with UTF-8 encoding"))]


def test_empty_file(tmp_path):
    doc = read(tmp_path, "# only a comment\n")
    assert messages(doc) == [(1, 1, "the file is empty: it needs the fields of its content type")]


def test_malformed_yaml_uses_the_parser_position(tmp_path):
    doc = read(tmp_path, "title:\n  nb: [unclosed\nsv: x\n")
    (line, _col, message), = messages(doc)
    assert message.startswith("the YAML cannot be read:")
    assert line == 3


@pytest.mark.parametrize("source, line, col, hint", [
    ("title:\n  sv: Ett exempel: Løten\n", 2, 18, "must stand in double quotes"),
    ('title:\n  sv: "Ett exempel\n', 3, 1, "a quotation mark is opened and never closed"),
    ("title:\n  nb: a\n sv: b\n", 3, 2, "the indentation of this line does not match"),
])
def test_common_yaml_mistakes_get_a_hint_an_editor_can_act_on(tmp_path, source, line, col,
                                                               hint):
    (got_line, got_col, message), = messages(read(tmp_path, source))
    assert (got_line, got_col) == (line, col)
    assert message.startswith("the YAML cannot be read:") and hint in message, message
