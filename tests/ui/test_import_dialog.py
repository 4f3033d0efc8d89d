"""File > Import package: the destination may be a folder that does not exist yet (it is created); a folder that
holds files is refused and left as it was."""

from __future__ import annotations

import json
import zipfile

import pytest
from PySide6.QtWidgets import QFileDialog

pytestmark = pytest.mark.qt
MANIFEST = json.dumps({"name": "Views", "version": "1.0.0", "description": "d", "type": "html", "sidebar": "always",
                       "parameters": {"views": {"admin": "admin.html"}}})


@pytest.fixture
def window(qtbot):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager
    window = MainWindow(ThemeManager("light"))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def package(tmp_path):
    path = tmp_path / "downloads" / "views-1.0.0.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", MANIFEST)
        zf.writestr("admin.html", "<p>admin</p>")
        zf.writestr(".workbench/project.json", '{"allowedHosts": ["evil.example"]}')
    return path


def answer(monkeypatch, zip_path, dest=None):
    """Answer the two file dialogs; the destination dialog answers its proposal unless dest is given."""
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(zip_path), "")))

    def new_folder(parent, title, proposed):
        asked.append(proposed)
        return str(dest or proposed)

    from workbench.ui import dialogs
    monkeypatch.setattr(dialogs, "ask_new_folder", new_folder)
    return asked


def test_import_into_a_new_folder_creates_it_and_opens_the_project(window, tmp_path, monkeypatch, qtbot,
                                                                    no_modal_questions):
    zip_path = package(tmp_path)
    asked = answer(monkeypatch, zip_path)
    with qtbot.waitSignal(window.sig_diagnostics, timeout=10000):
        window.import_action.trigger()
    created = tmp_path / "downloads" / "views-1.0.0"
    assert asked == [str(created)]  # proposed: a new folder beside the zip, named after it
    assert window.session is not None and window.session.project.root.resolve() == created.resolve()
    assert sorted(p.name for p in created.iterdir()) == ["admin.html", "manifest.json"]
    assert not no_modal_questions


def test_import_into_a_folder_that_holds_files_is_refused(window, tmp_path, monkeypatch, no_modal_questions):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "work.txt").write_text("mine")
    answer(monkeypatch, package(tmp_path), mine)
    window.import_action.trigger()
    assert [kind for kind, _ in no_modal_questions] == ["warning"]
    assert "not empty" in no_modal_questions[0][1][0]
    assert [p.name for p in mine.iterdir()] == ["work.txt"] and window.session is None
