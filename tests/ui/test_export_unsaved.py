"""Export from the window: unsaved changes asked about (an invalid buffer never written), Save as remembered, Reveal
that works without a file manager, a report whose sizes have their own column, project-level errors placed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from tests.ui.conftest import PACKAGE
from workbench.ui import dialogs

pytestmark = pytest.mark.qt


def finished(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    return dialog.result


def test_an_invalid_unsaved_buffer_is_never_written(copy_sample, open_window, qtbot, no_modal_questions):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    on_disk = (root / PACKAGE).read_bytes()
    editor = window.open_file(PACKAGE)
    editor.document.set_text(editor.document.text.replace('"chair"]', '"chair",]'))  # broken JSON
    dialog = window.export()
    result = finished(qtbot, dialog)
    assert ("save before", "export", [], [PACKAGE]) in no_modal_questions
    assert (root / PACKAGE).read_bytes() == on_disk  # the invalid buffer stayed unsaved
    assert editor.document.dirty
    assert not result.blocked and result.path.is_file()  # the package holds the saved version


def test_valid_unsaved_buffers_are_saved_when_the_user_says_so(copy_sample, open_window, qtbot, monkeypatch):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["description"], "Saved before the export")
    answers = iter(["cancel", "skip", "save"])
    monkeypatch.setattr(dialogs, "ask_save_before", lambda parent, purpose, valid, invalid: next(answers))
    assert window.export() is None and editor.document.dirty  # cancelled: nothing at all
    dialog = window.export()  # exported as saved on disk, the buffer left alone
    finished(qtbot, dialog)
    assert editor.document.dirty and "Saved before" not in (root / PACKAGE).read_text()
    dialog.close()
    dialog = window.export()
    finished(qtbot, dialog)
    assert not editor.document.dirty and "Saved before the export" in (root / PACKAGE).read_text()


def test_save_as_is_remembered_for_the_project(copy_sample, open_window, qtbot, tmp_path):
    from workbench.ui.export.dialog import ExportDialog
    root = copy_sample("xcally-html")
    window = open_window(root)
    dialog = window.export()
    finished(qtbot, dialog)
    dialog.set_output(tmp_path / "out" / "desk")
    dialog.start()
    qtbot.waitUntil(lambda: getattr(dialog.result, "path", None) == tmp_path / "out" / "desk.zip", timeout=20000)
    assert (tmp_path / "out" / "desk.zip").is_file()
    dialog.close()
    again = ExportDialog(window.session.target, window.session.project, window)
    assert again.output == tmp_path / "out" / "desk.zip" and "desk.zip" in again.destination.text()


def test_report_sizes_have_their_own_column_and_reveal_falls_back(copy_sample, open_window, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    window = open_window(copy_sample("pexip-recording"))
    dialog = window.export()
    result = finished(qtbot, dialog)
    content = dialog.details.topLevelItem(0)
    assert content.text(0).startswith("Package content") and content.text(1).endswith("B")
    folder = content.child(0)
    assert folder.text(0) == "webapp2/" and folder.text(1).endswith("B") and folder.childCount() >= 2
    leaf = folder
    while leaf.childCount():
        leaf = leaf.child(leaf.childCount() - 1)
    assert "." in leaf.text(0) and leaf.text(1).split()[-1] in ("B", "kB", "MB")  # a file with its size only
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    assert "copied" in dialog.reveal_zip()
    assert QGuiApplication.clipboard().text() == str(result.path)
    assert str(result.path) in dialog.destination.text()
    dialog.copy.click()
    assert QGuiApplication.clipboard().text() == str(result.path)


def test_project_level_errors_say_so_and_reach_problems(copy_sample, open_window, qtbot, monkeypatch):
    from workbench.core.diagnostics import Diagnostic, Severity
    from workbench.core.packaging.export import ExportResult
    from workbench.core.packaging.report import PackageReport
    window = open_window(copy_sample("pexip-recording"))
    blocked = ExportResult(None, PackageReport("exo", "exo-connector", window.session.project.root),
                           [Diagnostic("EXO030", Severity.ERROR, "the connector is not built: run mvn package", "")],
                           blocked=True)
    monkeypatch.setattr("workbench.core.packaging.export_project", lambda *a, **k: blocked)
    dialog = window.export()
    finished(qtbot, dialog)
    item = dialog.details.topLevelItem(0).child(0)
    assert item.text(2) == "the project" and ":1:1" not in item.text(2)
    assert any(d.code == "EXO030" for d in window.problems.diagnostics)
    rows = [window.problems.tree.topLevelItem(i) for i in range(window.problems.tree.topLevelItemCount())]
    assert [(r.text(1), r.text(3)) for r in rows] == [("EXO030", "(project)")]
    assert window.problems.counts()[Severity.ERROR] == 1
