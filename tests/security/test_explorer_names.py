"""The explorer's new / rename with hostile names: nothing leaves the folder it is made in, and nothing the user has
(a file, a folder, a link whose target is gone) is renamed over."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import SAMPLES

pytestmark = pytest.mark.qt


@pytest.fixture
def window(tmp_path, monkeypatch, qtbot):
    from workbench.ui import dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warned.append(text)))
    monkeypatch.setattr(dialogs, "ask_update_references", lambda *a: False)
    root = tmp_path / "plugin"
    shutil.copytree(SAMPLES / "xcally-html", root)
    w = MainWindow(ThemeManager("light"))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.sig_diagnostics, timeout=10000):
        assert w.open_project(root)
    w.warned = warned
    yield w
    w.close_project()


@pytest.mark.parametrize("name", ["../outside.js", "..", "sub/../../x.js", "a\\..\\b.js", "nul\0.js", "/etc/x"])
def test_names_that_leave_the_folder_are_refused(window, tmp_path, monkeypatch, name):
    from workbench.ui import dialogs
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: name)
    assert window.explorer_actions.new_file("views") is None
    assert window.explorer_actions.rename("views/admin.html", name) is None
    assert window.warned and not (tmp_path / "outside.js").exists()
    assert (tmp_path / "plugin" / "views" / "admin.html").is_file()


def test_a_link_whose_target_is_gone_is_not_renamed_over(window, tmp_path):
    root = tmp_path / "plugin"
    os.symlink("gone.html", root / "views" / "old.html")
    assert window.explorer_actions.rename("views/admin.html", "old.html") is None
    assert os.path.islink(root / "views" / "old.html") and (root / "views" / "admin.html").is_file()
    assert "already exists" in window.warned[-1]
    assert window.explorer_actions.rename("views/admin.html", "agent.html") is None  # an existing file
    assert (root / "views" / "agent.html").read_text() != (root / "views" / "admin.html").read_text()
