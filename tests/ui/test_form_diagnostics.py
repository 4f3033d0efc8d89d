"""Diagnostics everywhere exact: form fields marked with their errors, Problems with line:column raised on new
errors, the did-you-mean quick fix for an unknown action, undo by whole field edits, choices that keep their order."""

from __future__ import annotations

import json

import pytest

from tests.ui.conftest import PACKAGE, wait_diagnostics

pytestmark = pytest.mark.qt


def field(editor, *path):
    return next(f for f in editor.form.ctx.fields if f.path == tuple(path))


def test_a_form_field_shows_its_own_error(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["srcURL"], "recordin.plugin.js")
    wait_diagnostics(qtbot, window, lambda ds: any(d.code == "PEX009" for d in ds))
    src = field(editor, "srcURL")
    qtbot.waitUntil(lambda: bool(getattr(src, "errors", None)))
    assert "PEX009" in src.error_label.text() and src.error_label.isVisibleTo(editor.form)
    assert "did you mean 'recording.plugin.js'" in src.toolTip()
    assert not getattr(field(editor, "name"), "errors", None)
    editor.document.set_value(["srcURL"], "recording.plugin.js")
    qtbot.waitUntil(lambda: not src.errors)
    assert not src.error_label.isVisibleTo(editor.form)


def test_unknown_action_offers_did_you_mean(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["menuItems", "toolbar", 0, "action"], "recordConferense")
    diags = wait_diagnostics(qtbot, window, lambda ds: any(d.code == "PEX014" for d in ds))
    pex014 = next(d for d in diags if d.code == "PEX014")
    assert "did you mean 'recordConference'" in pex014.message
    window.editors.apply_fix(pex014.fix)
    assert json.loads(editor.document.text)["menuItems"]["toolbar"][0]["action"] == "recordConference"
    wait_diagnostics(qtbot, window, lambda ds: not ds)


def test_quick_fix_menu_has_a_drawn_icon_not_an_emoji(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["version"], "1.0")
    diags = wait_diagnostics(qtbot, window, lambda ds: any(d.fix for d in ds))
    menu = editor.editor._fix_menu([d.fix for d in diags if d.fix])
    action = menu.actions()[0]
    assert not action.icon().isNull() and not any(ord(ch) > 0xFFFF for ch in action.text())


def test_problems_have_line_and_column_and_come_forward(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    window.problems_dock.hide()
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["menuItems", "toolbar", 0, "action"], "nope")
    wait_diagnostics(qtbot, window, lambda ds: any(d.code == "PEX014" for d in ds))
    row = window.problems.tree.topLevelItem(0)
    assert window.problems.tree.headerItem().text(4) == "Line:Col"
    assert row.text(1) == "PEX014" and row.text(4) == "15:19"  # the value "nope", after `"action": `
    assert window.problems_dock.isVisible()  # a new error brought the panel up


def test_typing_in_a_field_undoes_as_one_step(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    original = editor.document.text
    name = field(editor, "name")
    name.edit.setFocus()
    qtbot.waitUntil(name.edit.hasFocus)
    name.edit.end(False)
    qtbot.keyClicks(name.edit, " tool")
    assert json.loads(editor.document.text)["name"] == "Recording tool"
    field(editor, "description").edit.setFocus()  # the field's edit ends when it loses focus
    qtbot.waitUntil(lambda: not name.edit.hasFocus())
    field(editor, "description").edit.setText("x")
    field(editor, "description").edit.textEdited.emit("x")
    editor.document.undo()
    assert json.loads(editor.document.text)["name"] == "Recording tool"  # only the description went back
    editor.document.undo()
    assert editor.document.text == original  # the five keystrokes were one step


def test_toggling_a_platform_keeps_the_order(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    platforms = field(editor, "platforms")
    before = json.loads(editor.document.text)["platforms"]
    platforms.boxes["electron"].click()
    assert json.loads(editor.document.text)["platforms"] == [p for p in before if p != "electron"]
    platforms.boxes["electron"].click()
    assert json.loads(editor.document.text)["platforms"] == before


def test_core_document_merges_field_steps_too(tmp_path):
    from workbench.core.document import Document
    (tmp_path / "a.json").write_text('{"name": "a"}')
    doc = Document(tmp_path, "a.json")
    for text in ("ab", "abc", "abcd"):
        doc.set_value(["name"], text, merge=("form", "name", 0))
    doc.set_value(["name"], "other", merge=("form", "name", 1))
    doc.undo()
    assert json.loads(doc.text)["name"] == "abcd"
    doc.undo()
    assert json.loads(doc.text)["name"] == "a"
    doc.redo()
    assert json.loads(doc.text)["name"] == "abcd"
