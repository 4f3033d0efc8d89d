"""Tolerant JSON: values that parse survive, every problem has a position, trailing commas can be fixed."""

from workbench.core.jsondoc import load_json_bytes, parse_json
from workbench.core.text import apply_edits


def codes(doc):
    return [(d.code, d.range.start.line, d.range.start.column) for d in doc.diagnostics]


def test_valid_json_has_no_diagnostics_and_positions():
    doc = parse_json('{\n  "id": "x",\n  "list": [1, 2.5, true, null]\n}', "a.json")
    assert doc.ok and doc.diagnostics == []
    assert doc.value == {"id": "x", "list": [1, 2.5, True, None]}
    assert doc.range_of(("list", 1)).start.line == 3
    assert doc.range_of(("id",), key=True).start.column == 3


def test_trailing_comma_is_reported_where_it_is_and_fixed():
    text = '{\n "parameters": {\n  "scriptPath": "app/index.js",\n }\n}'
    doc = parse_json(text, "manifest.json")
    assert codes(doc) == [("JSON002", 3, 31)]
    assert doc.value == {"parameters": {"scriptPath": "app/index.js"}}
    fixed = apply_edits(text, doc.diagnostics[0].fix.edits)
    assert parse_json(fixed, "manifest.json").ok


def test_half_typed_file_keeps_the_parts_that_parse():
    doc = parse_json('{"plugins": [{"id": "a"}, {"id": "b" "srcURL": "x"}], "other": 1}', "s.json")
    assert doc.value["plugins"][0] == {"id": "a"}
    assert doc.value["other"] == 1
    assert [c[0] for c in codes(doc)] == ["JSON001"]


def test_comment_duplicate_key_bom_and_bad_bytes():
    assert [c[0] for c in codes(parse_json('{"a": 1 // why\n}', "f"))] == ["JSON003"]
    dup = parse_json('{"a": 1,\n "a": 2}', "f")
    assert codes(dup) == [("JSON005", 2, 2)] and dup.value == {"a": 2}
    bom = parse_json('\ufeff{"a": 1}', "f")
    assert [c[0] for c in codes(bom)] == ["JSON004"] and bom.diagnostics[0].fix is not None
    bad = load_json_bytes(b'{\n "name": "caf\xe9"}', "f")
    assert codes(bad)[0] == ("JSON006", 2, 14)


def test_empty_and_truncated_files():
    assert [c[0] for c in codes(parse_json("  \n", "f"))] == ["JSON007"]
    truncated = parse_json('{"id": "x", "menuItems": {', "f")
    assert truncated.diagnostics and all(d.code == "JSON001" for d in truncated.diagnostics)
    assert truncated.value.get("id") == "x"
