"""Flows a user relies on in the real window: find/replace, diagnostic tooltips, File > Import package."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QToolTip

from tests.ui.conftest import PACKAGE, wait_diagnostics

pytestmark = pytest.mark.qt

PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"


def test_find_next_and_replace_all_undone_in_one_step(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PLUGIN_JS)
    text, bar = editor.editor, editor.find_bar
    original = editor.document.text
    occurrences = original.count("recordConference")
    assert occurrences >= 2
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.find_edit.hasFocus)
    assert not bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "recordConference")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    first = text.textCursor()
    assert first.selectedText() == "recordConference"
    assert first.selectionStart() == original.index("recordConference")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)  # find next moves on
    assert text.textCursor().selectionStart() == original.index("recordConference", first.selectionEnd())
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.replace_edit.isVisible)
    assert bar.find_edit.text() == "recordConference"  # the selection became the search text
    qtbot.keyClicks(bar.replace_edit, "captureConference")
    bar.replace_all_button.click()
    assert editor.document.text == original.replace("recordConference", "captureConference")
    assert bar.status.text() == f"{occurrences} replaced"
    assert editor.document.dirty
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo step
    assert editor.document.text == original and not editor.document.dirty


def test_hovering_an_underlined_range_shows_its_message(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    code = editor.editor
    cursor = code.document().find('"chair"]')
    cursor.setPosition(cursor.selectionEnd() - 1)
    cursor.insertText(",")  # a trailing comma
    wait_diagnostics(qtbot, window, lambda ds: any(d.code == "JSON002" for d in ds))
    qtbot.waitUntil(lambda: any(d.code == "JSON002" for d in code.diagnostics))
    problem = next(d for d in code.diagnostics if d.code == "JSON002")
    under = code._cursor_for(problem)
    under.setPosition(under.selectionStart())
    viewport = code.viewport()
    at = code.cursorRect(under).center() + QPoint(2, 0)
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    qtbot.waitUntil(lambda: "JSON002" in QToolTip.text())
    assert problem.message in QToolTip.text()
    # away from the underline (line 1) there is no diagnostic tooltip
    away = code.cursorRect(code.document().find("{")).center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, away, viewport.mapToGlobal(away)))
    qtbot.waitUntil(lambda: "JSON002" not in QToolTip.text())


def answer_file_dialogs(monkeypatch, zip_path, dest):
    """The zip chosen, then the folder to unpack into: a new one (the window's question accepts a path that does
    not exist yet)."""
    from workbench.ui import dialogs
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(zip_path), "")))
    monkeypatch.setattr(dialogs, "ask_new_folder", lambda parent, title, proposed: str(dest))


@pytest.mark.parametrize("sample,front", [("pexip-recording", PACKAGE),
                                          ("xcally-html", "manifest.json")])
def test_file_import_package_opens_the_unpacked_project(tmp_path, monkeypatch, qtbot, copy_sample, sample, front,
                                                        no_modal_questions):
    from workbench.core.packaging import export_project
    from workbench.registry import open_project
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager

    target, project = open_project(copy_sample(sample))
    result = export_project(target, project, output=tmp_path / "package.zip")
    assert result.path is not None, result.diagnostics
    dest = tmp_path / "imported" / sample
    answer_file_dialogs(monkeypatch, result.path, dest)
    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    window.show()
    import_action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Import package…")
    with qtbot.waitSignal(window.sig_diagnostics, timeout=10000):
        import_action.trigger()
    assert window.session is not None and window.session.project.root.resolve() == dest.resolve()
    assert window.session.target.name == target.name
    editor = window.open_file(front)
    assert editor.document.text == (project.root / front).read_text("utf-8")
    assert not no_modal_questions
    window.close()


def test_import_of_a_hostile_zip_is_refused_with_nothing_written(tmp_path, monkeypatch, qtbot, no_modal_questions):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("manifest.json", '{"name": "V", "version": "1.0.0", "type": "html"}')
        zf.writestr("../escaped.txt", "owned")
    parent = tmp_path / "imports"
    parent.mkdir()
    answer_file_dialogs(monkeypatch, evil, parent / "new-project")
    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    window.show()
    window.import_action.trigger()
    assert [kind for kind, _ in no_modal_questions] == ["warning"]
    message = no_modal_questions[0][1][0]
    assert "zip-slip" in message and "evil.zip" in message
    assert list(parent.iterdir()) == [] and not (tmp_path / "escaped.txt").exists()
    assert window.session is None
    window.close()
