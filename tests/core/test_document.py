"""The document model: form edits become minimal text edits; one undo history; disk conflicts are detected."""

import json

from workbench.core.document import Document
from workbench.core.jsonedit import JsonEditor, minimal_splice, path_at

PACKAGE = """{
    "id": "demo-1.0",
    "custom": {"keep": [1, 2]},
    "version": 1.0,
    "platforms": ["web", "ios"],
    "menuItems": {
        "toolbar": [
            {"icon": null, "label": "Go", "action": "go"}
        ]
    }
}
"""


def make(tmp_path, text=PACKAGE, name="demo.plugin.package.json"):
    (tmp_path / name).write_text(text)
    return Document(tmp_path, name)


def test_set_existing_value_changes_only_that_value(tmp_path):
    doc = make(tmp_path)
    doc.set_value(["id"], "renamed-2.0")
    assert doc.text == PACKAGE.replace('"demo-1.0"', '"renamed-2.0"')
    assert doc.dirty


def test_number_keeps_its_source_form_when_unchanged(tmp_path):
    doc = make(tmp_path)
    doc.set_value(["version"], 1.0)
    assert not doc.dirty  # 1.0 stays "1.0", not rewritten


def test_inserted_member_goes_last_with_file_indentation_and_unknown_keys_survive(tmp_path):
    doc = make(tmp_path)
    doc.set_value(["participantRoles"], ["chair"])
    value = json.loads(doc.text)
    assert list(value)[-1] == "participantRoles"
    assert list(value)[:5] == ["id", "custom", "version", "platforms", "menuItems"]
    assert '    "participantRoles": [\n        "chair"\n    ]' in doc.text
    assert '"custom": {"keep": [1, 2]}' in doc.text


def test_nested_insert_creates_missing_parents(tmp_path):
    doc = make(tmp_path, '{\n  "a": 1\n}\n')
    doc.set_value(["author", "name"], "Ann")
    assert json.loads(doc.text) == {"a": 1, "author": {"name": "Ann"}}


def test_remove_and_append_list_items(tmp_path):
    doc = make(tmp_path)
    doc.remove_value(["platforms", 0])
    assert json.loads(doc.text)["platforms"] == ["ios"]
    doc.append_value(["platforms"], "android")
    assert json.loads(doc.text)["platforms"] == ["ios", "android"]
    doc.remove_value(["custom"])
    assert "custom" not in json.loads(doc.text)


def test_swap_keeps_each_item_text(tmp_path):
    text = '{"plugins": [\n  {"id": "a"},\n  {"id": "b",  "enabled": true}\n]}'
    doc = make(tmp_path, text, "settings.json")
    doc.swap_items(["plugins"], 0, 1)
    assert doc.text == '{"plugins": [\n  {"id": "b",  "enabled": true},\n  {"id": "a"}\n]}'


def test_undo_covers_form_and_text_edits(tmp_path):
    doc = make(tmp_path)
    doc.set_value(["id"], "x")
    doc.set_text(doc.text.replace('"Go"', '"Run"'))
    doc.undo()
    assert '"Go"' in doc.text and '"x"' in doc.text
    doc.undo()
    assert doc.text == PACKAGE and not doc.dirty
    doc.redo()
    assert '"x"' in doc.text


def test_listeners_see_every_change(tmp_path):
    doc = make(tmp_path)
    seen = []
    doc.on_change(lambda d: seen.append(d.value_at(["id"])))
    doc.set_value(["id"], "y")
    assert seen == ["y"]


def test_save_is_atomic_and_disk_conflict_is_reported(tmp_path):
    doc = make(tmp_path)
    doc.set_value(["id"], "mine")
    (tmp_path / doc.rel).write_text(PACKAGE.replace("demo-1.0", "theirs"))
    assert doc.check_disk() == "conflict"
    assert '"mine"' in doc.text  # never lost silently
    doc.keep_mine()
    assert doc.check_disk() == "unchanged"
    doc.save()
    assert '"mine"' in (tmp_path / doc.rel).read_text()
    assert not list(tmp_path.glob("*.tmp"))


def test_clean_buffer_follows_the_disk(tmp_path):
    doc = make(tmp_path)
    (tmp_path / doc.rel).write_text(PACKAGE.replace("demo-1.0", "theirs"))
    assert doc.check_disk() == "reloaded"
    assert '"theirs"' in doc.text and not doc.dirty


def test_minimal_splice_and_path_at():
    sp = minimal_splice("abcdef", "abXYef")
    assert (sp.start, sp.end, sp.new_text) == (2, 4, "XY")
    ed = JsonEditor(PACKAGE)
    assert path_at(ed.doc, 8, 38) == ("menuItems", "toolbar", 0, "label")


def test_edit_on_compact_object_stays_compact(tmp_path):
    doc = make(tmp_path, '{"a": {"b": 1}}')
    doc.set_value(["a", "c"], 2)
    assert doc.text == '{"a": {"b": 1, "c": 2}}'
