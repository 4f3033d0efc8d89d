"""Editing in the real window: form and text views of one document, live diagnostics, quick fixes."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import PACKAGE, wait_diagnostics

pytestmark = pytest.mark.qt


def field(editor, *path):
    return next(f for f in editor.form.ctx.fields if f.path == tuple(path))


def test_open_sample_shows_outline_files_and_status(copy_sample, open_window):
    window = open_window(copy_sample("pexip-recording"))
    model = window.explorer.model
    assert model.find(PACKAGE) is not None
    names = [c.name for c in model.outline.children]
    assert any("ecording" in n for n in names), names  # the plugin is a first-class node
    assert "Pexip" in window.target_label.text()
    assert window.validation_label.text() == "✓ no problems"


def test_form_edit_changes_text_at_once_and_diagnostics(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    original = editor.document.text
    action = field(editor, "menuItems", "toolbar", 0, "action")
    line = action.combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "startIt")
    text = editor.editor.toPlainText()
    assert '"action": "startIt"' in text  # the text view follows at once
    assert text.replace('"startIt"', '"recordConference"') == original  # nothing else moved
    diags = wait_diagnostics(qtbot, window, lambda ds: any(d.code == "PEX014" for d in ds))
    pex014 = next(d for d in diags if d.code == "PEX014")
    assert pex014.file == PACKAGE and pex014.range.start.line == 15
    assert window.problems.tree.topLevelItemCount() >= 1
    # one undo history: Ctrl+Z in the text view reverts the form's edits
    editor.editor.setFocus()
    while editor.document.dirty:
        qtbot.keyClick(editor.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.document.text == original
    assert action.combo.currentText() == "recordConference"
    wait_diagnostics(qtbot, window, lambda ds: not ds)


def test_text_edit_updates_the_form_and_unknown_keys_survive(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    cursor = editor.editor.document().find('"Recording"')
    cursor.insertText('"Recorder", "custom": {"x": 1}')
    assert field(editor, "name").edit.text() == "Recorder"
    field(editor, "participantRoles").boxes["guest"].click()
    value = json.loads(editor.document.text)
    assert value["participantRoles"] == ["chair", "guest"]
    assert value["custom"] == {"x": 1} and list(value)[:3] == ["id", "name", "custom"]


def test_broken_json_shows_problem_at_its_line_and_quick_fix_repairs(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    doc = editor.editor.document()
    cursor = doc.find('"chair"]')
    cursor.setPosition(cursor.selectionEnd() - 1)
    cursor.insertText(",")  # ["chair",] : a trailing comma on line 9
    diags = wait_diagnostics(qtbot, window, lambda ds: any(d.code == "JSON002" for d in ds))
    problem = next(d for d in diags if d.code == "JSON002")
    assert (problem.file, problem.range.start.line) == (PACKAGE, 9)
    assert editor.form.banner.isVisible() and not editor.form.body.isEnabled()
    assert any(d.code == "JSON002" for d in editor.editor.diagnostics)  # underlined in the editor
    window.problems.tree.itemClicked.emit(window.problems.tree.topLevelItem(0), 0)
    assert editor.editor.textCursor().blockNumber() + 1 == 9
    fixes = editor.editor.fixes_at_cursor()
    assert [f.title for f in fixes] == ["Remove the trailing comma"]
    editor.editor.sig_apply_fix.emit(fixes[0])
    assert '["chair"]' in editor.editor.toPlainText()
    wait_diagnostics(qtbot, window, lambda ds: not ds)
    assert not editor.form.banner.isVisible()


def test_save_writes_atomically_and_tab_shows_dirty_state(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    field(editor, "id").edit.setFocus()
    qtbot.keyClick(field(editor, "id").edit, Qt.Key.Key_End)
    qtbot.keyClicks(field(editor, "id").edit, "x")
    assert window.editors.tabText(window.editors.currentIndex()).startswith("●")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert json.loads((root / PACKAGE).read_text())["id"] == "recording-plugin-1.0x"
    assert not window.editors.tabText(window.editors.currentIndex()).startswith("●")


def test_branding_manifest_new_id_and_settings_plugin_order(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-conference-tools"))
    manifest = window.open_file("webapp2/manifest.json")
    old = manifest.document.value_at(["brandingID"])
    field(manifest, "brandingID").new_id_button.click()
    new = manifest.document.value_at(["brandingID"])
    assert new != old and new.isdigit()
    settings = window.open_file("webapp2/settings.json")
    plugins = field(settings, "plugins")
    before = [p["id"] for p in settings.document.value_at(["plugins"])]
    plugins.grid.itemAtPosition(1, 4).widget().click()  # the first row's "move down"
    after = [p["id"] for p in settings.document.value_at(["plugins"])]
    assert after == list(reversed(before))


def test_xcally_manifest_form_follows_type(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("xcally-html"))
    editor = window.open_file("manifest.json")
    params = field(editor, "parameters")
    assert params.box.title().startswith("Parameters (html")
    type_field = field(editor, "type")
    type_field.combo.setCurrentIndex(type_field.values.index("script"))
    assert '"type": "script"' in editor.editor.toPlainText()
    assert params.box.title().startswith("Parameters (script")
    wait_diagnostics(qtbot, window, lambda ds: any(d.file == "manifest.json" for d in ds))


def test_ctrl_z_typed_in_a_form_field_undoes_through_the_document(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    original = editor.document.text
    name = field(editor, "name").edit
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_End)
    qtbot.keyClicks(name, "X")
    assert '"name": "RecordingX"' in editor.editor.toPlainText()
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.document.text == original and not editor.document.dirty
    assert name.text() == "Recording"  # the form shows the undone document, not the field's own history
