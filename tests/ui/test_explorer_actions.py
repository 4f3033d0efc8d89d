"""The explorer's context menu: new file, rename with references updated, move to the trash, reveal, copy path;
same-named files get tabs that say where they are."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QGuiApplication

from tests.ui.conftest import PACKAGE, wait_diagnostics
from workbench.ui import dialogs

pytestmark = pytest.mark.qt
PLUGIN = "webapp2/plugins/recording"


def test_renaming_a_plugin_folder_updates_settings_srcurl(copy_sample, open_window, qtbot, no_modal_questions):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    window.open_file(PACKAGE)
    new = window.explorer_actions.rename(PLUGIN, "recorder")
    assert new == "webapp2/plugins/recorder"
    assert ("references", ["webapp2/settings.json"]) in no_modal_questions
    settings = json.loads((root / "webapp2/settings.json").read_text())
    assert settings["plugins"][0]["srcURL"] == "plugins/recorder/recording.plugin.package.json"
    moved = "webapp2/plugins/recorder/recording.plugin.package.json"
    assert moved in window.editors.editors and PACKAGE not in window.editors.editors  # the tab follows the file
    assert window.explorer.model.find(moved) is not None and window.explorer.model.find(PLUGIN) is None
    wait_diagnostics(qtbot, window, lambda ds: not ds)  # nothing broke


def test_renaming_a_source_updates_the_open_package_buffer(copy_sample, open_window, qtbot):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    editor = window.open_file(PACKAGE)
    window.explorer_actions.rename(f"{PLUGIN}/recording.plugin.js", "rec.plugin.js")
    assert json.loads(editor.document.text)["srcURL"] == "rec.plugin.js"
    assert not editor.document.dirty  # it was clean: saved with the new reference
    assert json.loads((root / PACKAGE).read_text())["srcURL"] == "rec.plugin.js"
    wait_diagnostics(qtbot, window, lambda ds: not ds)


def test_rename_without_updating_references_leaves_them(copy_sample, open_window, qtbot, monkeypatch):
    root = copy_sample("xcally-html")
    window = open_window(root)
    monkeypatch.setattr(dialogs, "ask_update_references", lambda *a: False)
    window.explorer_actions.rename("views", "pages")
    assert json.loads((root / "manifest.json").read_text())["parameters"]["views"]["admin"] == "views/admin.html"
    diags = wait_diagnostics(qtbot, window, lambda ds: any(d.file == "manifest.json" for d in ds))
    assert diags  # the broken path is reported, as the user chose


def test_xcally_views_follow_their_folder(copy_sample, open_window, qtbot):
    root = copy_sample("xcally-html")
    window = open_window(root)
    window.explorer_actions.rename("views", "pages")
    views = json.loads((root / "manifest.json").read_text())["parameters"]["views"]
    assert views == {"admin": "pages/admin.html", "agent": "pages/agent.html"}
    wait_diagnostics(qtbot, window, lambda ds: not ds)


def test_new_file_is_created_and_opened(copy_sample, open_window, monkeypatch):
    root = copy_sample("pexip-recording")
    window = open_window(root)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "notes.md")
    window.explorer.select(PACKAGE)
    rel = window.explorer_actions.new_file()
    assert rel == f"{PLUGIN}/notes.md" and (root / rel).is_file()
    assert window.editors.current_rel() == rel
    assert window.explorer_actions.new_file() is None  # the same name again: refused, nothing overwritten


def test_delete_moves_to_the_trash(copy_sample, open_window, monkeypatch, tmp_path):
    (tmp_path / "xdg").mkdir()  # the trash of this test, not the user's
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    root = copy_sample("pexip-recording")
    window = open_window(root)
    window.open_file(PACKAGE)
    assert window.explorer_actions.delete(PACKAGE)
    assert not (root / PACKAGE).exists() and PACKAGE not in window.editors.editors
    trashed = list((tmp_path / "xdg").rglob("recording.plugin.package.json"))
    assert trashed, "the file went to the trash, not away for good"


def test_reveal_without_a_file_manager_copies_the_path(copy_sample, open_window, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    root = copy_sample("pexip-recording")
    window = open_window(root)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    window.explorer_actions.reveal(PACKAGE)
    assert QGuiApplication.clipboard().text() == str(root / PACKAGE)
    assert "copied" in window.statusBar().currentMessage()


def test_context_menu_lists_the_actions(copy_sample, open_window):
    window = open_window(copy_sample("pexip-recording"))
    texts = [a.text().split("\t")[0] for a in window.explorer_actions.menu_for(PACKAGE).actions() if a.text()]
    assert texts == ["New file…", "New folder…", "Rename…", "Move to trash", "Reveal in file manager",
                     "Copy path", "Copy relative path"]


def test_same_named_files_have_distinct_tabs(copy_sample, open_window):
    window = open_window(copy_sample("exo-connector"))
    rels = [r for r in window.explorer.model.file_paths() if r.endswith("configuration.xml")]
    assert len(rels) == 3
    for rel in rels:
        window.open_file(rel)
    titles = {window.editors.tabText(window.editors.indexOf(window.editors.editors[r])) for r in rels}
    assert len(titles) == 3 and all(t.startswith("configuration.xml — ") for t in titles), titles
