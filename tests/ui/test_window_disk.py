"""The window follows the disk: explorer and editors, the conflict prompt, crash recovery, export, layout."""

from __future__ import annotations

import json
import os

import pytest

from tests.ui.conftest import PACKAGE
from workbench.ui import dialogs

pytestmark = pytest.mark.qt


def test_explorer_follows_creates_renames_and_deletes(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    model = window.explorer.model
    (root / "notes.md").write_text("hi")
    (root / "webapp2" / "extra").mkdir()
    (root / "webapp2" / "extra" / "a.js").write_text("1")
    qtbot.waitUntil(lambda: model.find("notes.md") is not None and model.find("webapp2/extra/a.js") is not None,
                    timeout=2000)
    os.rename(root / "notes.md", root / "readme.md")
    qtbot.waitUntil(lambda: model.find("notes.md") is None and model.find("readme.md") is not None, timeout=2000)
    (root / "readme.md").unlink()
    qtbot.waitUntil(lambda: model.find("readme.md") is None, timeout=2000)


def test_burst_of_files_is_coalesced(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    batches = []
    window.explorer.sig_files_changed.connect(batches.append)
    burst = root / "burst"
    burst.mkdir()
    for i in range(1500):
        (burst / f"f{i:04}.txt").write_text("x")
    qtbot.waitUntil(lambda: (n := window.explorer.model.find("burst")) is not None and len(n.children) == 1500,
                    timeout=5000)
    assert len(batches) < 100  # thousands of events, a handful of updates


def test_clean_editor_follows_the_disk(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    text = (root / PACKAGE).read_text().replace('"Recording"', '"Recorder"')
    (root / PACKAGE).write_text(text)
    qtbot.waitUntil(lambda: '"Recorder"' in editor.editor.toPlainText(), timeout=2000)
    assert not editor.document.dirty
    assert editor.form.ctx.value(("name",)) == "Recorder"


@pytest.mark.parametrize("answer", [dialogs.RELOAD, dialogs.KEEP])
def test_conflict_prompt_reload_or_keep_mine(copy_sample, open_window, qtbot, monkeypatch, answer):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    asked = []
    monkeypatch.setattr(dialogs, "ask_conflict",
                        lambda parent, rel, disk, mine: asked.append((rel, disk, mine)) or answer)
    editor.document.set_value(["name"], "Mine")
    theirs = (root / PACKAGE).read_text().replace('"Recording"', '"Theirs"')
    (root / PACKAGE).write_text(theirs)
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    rel, disk, mine = asked[0]
    assert rel == PACKAGE and '"Theirs"' in disk and '"Mine"' in mine  # both sides offered
    if answer == dialogs.RELOAD:
        assert editor.document.text == theirs and not editor.document.dirty
        editor.document.undo()  # the user's edits stay reachable in the undo history
        assert '"Mine"' in editor.document.text
    else:
        assert '"Mine"' in editor.document.text and editor.document.dirty
        assert window.editors.save(PACKAGE)
        assert json.loads((root / PACKAGE).read_text())["name"] == "Mine"


def test_diff_view_shows_both_sides(qtbot):
    view = dialogs.DiffDialog("a.json", '{"a": 1}\n', '{"a": 2}\n')
    qtbot.addWidget(view)
    text = view.view.toPlainText()
    assert '-{"a": 1}' in text and '+{"a": 2}' in text


def test_unsaved_buffers_are_recovered_after_a_crash(copy_sample, open_window, qtbot, monkeypatch):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["name"], "Unsaved")
    window.session.snapshot()
    window.session.recovery = type(window.session.recovery)(root, base=window.session.recovery.folder.parent.parent
                                                            / "elsewhere")  # the crash: nothing cleaned up
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, entries: [e.rel for e in entries] == [PACKAGE])
    second = open_window(root)
    restored = second.editors.editors[PACKAGE]
    assert restored.document.dirty and restored.document.value_at(["name"]) == "Unsaved"


def test_export_reports_package_and_blocks_on_errors(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    dialog = window.export()
    with qtbot.waitSignal(dialog.sig_finished, timeout=20000) as done:
        pass
    result = done.args[0]
    assert not isinstance(result, str) and result.path and result.path.is_file()
    assert dialog.reveal.isVisible() and "brandingID" in dialog.status.text()
    dialog.close()
    editor = window.open_file(PACKAGE)
    editor.document.set_value(["menuItems", "toolbar", 0, "action"], "missing")
    assert window.editors.save(PACKAGE)  # saved by the user: the export's gate blocks on it
    dialog = window.export()
    with qtbot.waitSignal(dialog.sig_finished, timeout=20000) as done:
        pass
    assert done.args[0].blocked and dialog.anyway.isVisible()
    item = dialog.details.topLevelItem(0).child(0)
    assert "PEX014" in item.text(0)
    dialog.details.itemClicked.emit(item, 0)
    assert window.editors.current_rel() == PACKAGE
    assert window.editors.current_editor().editor.textCursor().blockNumber() + 1 == 15
    with qtbot.waitSignal(dialog.sig_finished, timeout=20000) as done:
        dialog.anyway.click()
    assert not done.args[0].blocked and done.args[0].path.is_file()


def test_start_page_creates_a_project_from_a_sample(tmp_path, qtbot):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager
    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    window.show_start_page()
    assert "xcally-html" in window.start_page.sample_buttons
    with qtbot.waitSignal(window.sig_project_opened, timeout=5000):
        assert window.new_from_sample("xcally-html", str(tmp_path))
    assert (tmp_path / "xcally-html" / "manifest.json").is_file()
    window.show_start_page()
    assert window.start_page.recent_list.item(0).text() == str((tmp_path / "xcally-html").resolve())


def test_layout_and_theme_are_persisted(copy_sample, open_window, qtbot):
    from workbench.ui import settings
    window = open_window(copy_sample("xcally-script"))
    window.problems_dock.hide()
    window.set_theme_choice("dark")
    window.close()
    from workbench.ui.main_window import MainWindow
    again = MainWindow()
    qtbot.addWidget(again)
    again.restore_layout()  # as `workbench` does once every panel is docked
    assert again.problems_dock.isHidden()
    assert again.theme.theme.dark
    assert settings.app_settings().value("ui/theme") == "dark"


def test_quick_open_ranks_file_names(copy_sample, open_window, qtbot):
    from workbench.ui.quick_open import rank
    assert rank("recjs", ["a/recording.plugin.js", "b/other.json", "recording.plugin.package.json"])[0] == \
        "a/recording.plugin.js"
    window = open_window(copy_sample("pexip-recording"))
    window.quick_open()
    dialog = window.quick_open_dialog
    qtbot.keyClicks(dialog.edit, "settings")
    qtbot.keyClick(dialog.edit, "\r")
    assert window.editors.current_rel() == "webapp2/settings.json"
