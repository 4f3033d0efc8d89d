"""Forms in the real window: the menu-item cards at a narrow split, the action picker over unsaved JS, CRLF files."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import PACKAGE

pytestmark = pytest.mark.qt

PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"


def field(editor, *path):
    return next(f for f in editor.form.ctx.fields if f.path == tuple(path))


def test_menu_item_fields_are_readable_when_the_form_is_narrow(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    form = editor.form
    qtbot.waitUntil(lambda: editor.splitter.width() > 600)
    # the form beside the text, with the preview docked too, gets about 300 px (docs/screenshots/pexip-*.png)
    editor.splitter.setSizes([300, editor.splitter.width() - 300])
    qtbot.waitUntil(lambda: 290 <= form.width() <= 310)
    item = ("menuItems", "toolbar", 0)
    widgets = {name: field(editor, *item, name) for name in ("icon", "label", "action")}
    viewport = form.viewport()
    qtbot.waitUntil(lambda: widgets["label"].width() >= 150)
    for name, widget in widgets.items():
        assert widget.width() >= 150, name
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width(), name  # not cut off by the pane's edge
    items = field(editor, "menuItems").list
    button = items.row_buttons[0]["remove"]
    assert button.isVisible() and button.mapTo(viewport, QPoint(button.width(), 0)).x() <= viewport.width()
    assert form.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to


def test_menu_item_cards_add_move_and_remove(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    items = field(editor, "menuItems").list
    items.add_button.click()
    assert [i["label"] for i in editor.document.value_at(["menuItems", "toolbar"])] == [None, "New item"]
    assert len(items.cards) == 2 and not items.row_buttons[1]["down"].isEnabled()
    items.row_buttons[1]["up"].click()
    assert [i["label"] for i in editor.document.value_at(["menuItems", "toolbar"])] == ["New item", None]
    items.row_buttons[0]["remove"].click()
    assert [i["label"] for i in editor.document.value_at(["menuItems", "toolbar"])] == [None]
    assert len(items.cards) == 1


def test_action_picker_reads_the_unsaved_js_buffer(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    package = window.open_file(PACKAGE)
    action = field(package, "menuItems", "toolbar", 0, "action")

    def choices():
        return [action.combo.itemText(i) for i in range(action.combo.count())]

    assert "stopEverything" not in choices()
    js = window.open_file(PLUGIN_JS)
    on_disk = (root / PLUGIN_JS).read_bytes()
    cursor = js.editor.document().find("recordConference: recordConference,")
    cursor.insertText("recordConference: recordConference,\n    stopEverything: recordConference,")
    qtbot.waitUntil(lambda: "stopEverything" in choices())
    assert (root / PLUGIN_JS).read_bytes() == on_disk  # read from the buffer, not from a save
    assert action.combo.currentText() == "recordConference"  # the chosen action is kept
    window.editors.close_file(PLUGIN_JS)  # discarded (the fixture answers "discard"): back to the disk
    qtbot.waitUntil(lambda: "stopEverything" not in choices())
    assert "recordConference" in choices()


def test_crlf_manifest_keeps_its_line_endings_through_form_and_text_edits(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    path = root / PACKAGE
    original = path.read_text("utf-8").rstrip("\n").replace("\n", "\r\n")  # CRLF, no final newline
    path.write_bytes(original.encode("utf-8"))
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    assert not editor.document.dirty
    assert "\r" not in editor.editor.toPlainText()
    name = field(editor, "name").edit
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, "X")
    field(editor, "menuItems").list.add_button.click()  # a form edit that inserts new lines
    cursor = editor.editor.document().find('"version"')
    cursor.insertText('"custom": 1,\n  "version"')  # a text edit with a new line
    qtbot.keyClick(editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.document.dirty)
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line ends with CRLF
    assert data.count(b"\r\n") > original.count("\r\n")
    assert not data.endswith(b"\n")  # the missing final newline stays missing
    value = json.loads(data)
    assert value["name"] == "RecordingX" and value["custom"] == 1
    assert [i["label"] for i in value["menuItems"]["toolbar"]] == [None, "New item"]
