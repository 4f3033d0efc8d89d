"""Menus with their shortcuts, the Help pages, Ctrl+E from a form field, and the Build action on a host's build
spec (progress, output, errors in Problems, cancel)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from tests.ui.conftest import PACKAGE
from workbench.core.build import BuildSpec

pytestmark = pytest.mark.qt


def menu_texts(window, title):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return {a.text(): a.shortcut().toString() for a in menu.actions() if a.text()}


def test_menus_have_what_a_user_looks_for_with_shortcuts(copy_sample, open_window):
    window = open_window(copy_sample("pexip-recording"))
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[:3] == ["File", "Edit", "Project"] and titles[-1] == "Help"
    file_menu = menu_texts(window, "File")
    for text, keys in (("New project…", "Ctrl+Shift+N"), ("New file…", "Ctrl+N"), ("Open folder…", "Ctrl+O"),
                       ("Close project", ""), ("Export", "Ctrl+E"), ("Quit", "Ctrl+Q")):
        assert file_menu[text] == keys, (text, file_menu)
    assert "Open recent" in file_menu
    edit = menu_texts(window, "Edit")
    assert edit["Undo"] == "Ctrl+Z" and edit["Find…"] == "Ctrl+F" and edit["Find in files…"] == "Ctrl+Shift+F"
    project = menu_texts(window, "Project")
    assert project["Validate"] and project["Build"] == "Ctrl+Shift+B"
    help_menu = menu_texts(window, "Help")
    assert {"Rules reference", "Keyboard shortcuts", "About Plugin Workbench"} <= set(help_menu)


def test_open_recent_lists_the_project(copy_sample, open_window):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    window.recent_menu.aboutToShow.emit()
    assert any(str(root.resolve()) in a.text() for a in window.recent_menu.actions())


def test_help_pages_list_rules_and_shortcuts(copy_sample, open_window):
    window = open_window(copy_sample("pexip-recording"))
    window.rules_action.trigger()
    page = window.help_page
    assert "PEX014" in page.browser.toPlainText() and "XC001" in page.browser.toPlainText()
    page.filter.setText("PEX014")
    assert "PEX014" in page.browser.toPlainText() and "XC001" not in page.browser.toPlainText()
    page.close()
    window.shortcuts_action.trigger()
    text = window.help_page.browser.toPlainText()
    assert "Export" in text and "Ctrl+E" in text and "Ctrl+Shift+B" in text


def test_ctrl_e_in_a_form_field_exports(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(PACKAGE)
    name = next(f for f in editor.form.ctx.fields if f.path == ("name",))
    name.edit.setFocus()
    qtbot.waitUntil(name.edit.hasFocus)
    with qtbot.waitSignal(window.export_action.triggered, timeout=2000):
        qtbot.keyClick(name.edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.export_dialog.result is not None, timeout=20000)
    window.export_dialog.close()
    qtbot.keyClick(name.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # text keys stay the field's
    assert name.edit.selectedText() == name.edit.text()
    # Where the platform binds Ctrl+E in line edits (end of line on X11), the field would take it: the form's
    # filter leaves the shortcut override unaccepted so the window's action wins, and keeps Ctrl+A for the field.
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    override.ignore()
    assert editor._undo_filter.eventFilter(name.edit, override) and not override.isAccepted()
    select_all = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not editor._undo_filter.eventFilter(name.edit, select_all)


@pytest.fixture
def fake_build(monkeypatch):
    """The project's host says how it builds: a small Python script standing for Maven or npm."""
    def use(window, script: str, missing: str | None = None):
        target = window.session.target
        root = window.session.project.root
        spec = BuildSpec("fake build", (sys.executable, "-c", script), root, missing=missing,
                         problem_patterns=(r"^ERROR (?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+) (?P<message>.*)$",))
        monkeypatch.setattr(type(target), "build_spec", lambda self, project: spec)
    return use


def test_build_shows_output_and_puts_errors_in_problems(copy_sample, open_window, qtbot, fake_build):
    window = open_window(copy_sample("pexip-recording"))
    fake_build(window, f"print('compiling'); print('ERROR {PACKAGE}:3:5 bad thing'); raise SystemExit(1)")
    with qtbot.waitSignal(window._build_runner().sig_finished, timeout=10000) as done:
        assert window.build()
    assert not done.args[0].ok
    assert "compiling" in window.build_panel.output.toPlainText()
    assert "Build failed" in window.build_panel.status.text()
    build_errors = [d for d in window.problems.diagnostics if d.code == "WB010"]
    assert [(d.file, d.range.start.line, d.range.start.column) for d in build_errors] == [(PACKAGE, 3, 5)]
    assert window.problems_dock.isVisible()


def test_build_can_be_cancelled(copy_sample, open_window, qtbot, fake_build):
    window = open_window(copy_sample("pexip-recording"))
    fake_build(window, "import time\nprint('started', flush=True)\ntime.sleep(30)")
    runner = window._build_runner()
    with qtbot.waitSignal(runner.sig_line, timeout=10000):
        window.build()
    assert window.cancel_build_action.isEnabled() and window.build_panel.progress.isVisible()
    with qtbot.waitSignal(runner.sig_finished, timeout=10000) as done:
        window.cancel_build_action.trigger()
    assert done.args[0].cancelled and window.build_panel.status.text() == "Build cancelled"


def test_a_build_that_cannot_run_says_why_in_problems(copy_sample, open_window, qtbot, fake_build):
    window = open_window(copy_sample("pexip-recording"))
    fake_build(window, "", missing="Maven (mvn) is not on PATH: install it, then build again")
    with qtbot.waitSignal(window._build_runner().sig_finished, timeout=10000):
        window.build()
    row = window.problems.tree.topLevelItem(0)
    assert "Maven (mvn) is not on PATH" in row.text(2) and row.text(3) == "(project)" and row.text(4) == ""


def test_a_host_without_a_build_says_so(copy_sample, open_window):
    window = open_window(copy_sample("pexip-recording"))
    assert not window.build()
    assert "need no build" in window.statusBar().currentMessage()
