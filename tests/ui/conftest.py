"""Window fixtures: settings, recovery data and the sample project all live in tmp_path."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SAMPLES

PACKAGE = "webapp2/plugins/recording/recording.plugin.package.json"


@pytest.fixture(scope="session", autouse=True)
def qasync_loop(qapp):
    """The window's work runs on the qasync loop: it counts as running for the whole session."""
    from qtasync import install_loop
    install_loop(qapp)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBENCH_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    from workbench.core.trust import trust
    trust(tmp_path)  # the tests' projects run in the preview as the user's own (security tests cover the others)


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    """A question nobody answers would hang the test: unexpected ones are recorded and answered safely."""
    from PySide6.QtWidgets import QMessageBox

    from workbench.ui import dialogs
    asked: list = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, names: asked.append(("unsaved", names)) or "discard")
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, entries: asked.append(("restore", entries)) or False)
    monkeypatch.setattr(dialogs, "ask_conflict",
                        lambda parent, rel, disk, mine: asked.append(("conflict", rel)) or dialogs.KEEP)
    monkeypatch.setattr(dialogs, "ask_save_before", lambda parent, purpose, valid, invalid: asked.append(
        ("save before", purpose, valid, invalid)) or "save")
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label, text="": asked.append(("text", title)))
    monkeypatch.setattr(dialogs, "ask_confirm", lambda parent, title, text: asked.append(("confirm", title)) or True)
    monkeypatch.setattr(dialogs, "ask_update_references",
                        lambda parent, old, new, files: asked.append(("references", files)) or True)
    monkeypatch.setattr(dialogs, "ask_new_folder", lambda parent, title, proposed: asked.append(("folder", title)))
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, _n=name, **k: asked.append((_n, a[2:3]))))
    return asked


@pytest.fixture
def copy_sample(tmp_path):
    def make(name: str):
        dest = tmp_path / "projects" / name
        shutil.copytree(SAMPLES / name, dest)
        _stand_in_build(name, dest)
        return dest
    return make


@pytest.fixture
def open_window(qtbot):
    """open_window(path) -> a shown MainWindow with the project open and its first validation done."""
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager

    windows = []

    def make(path):
        window = MainWindow(ThemeManager("light"))
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.sig_diagnostics, timeout=10000):
            assert window.open_project(path)
        windows.append(window)
        return window

    yield make
    for w in windows:
        if w.session is not None:
            for doc in w.session.documents.values():
                doc.saved_text = doc.text  # no "unsaved changes" question at teardown
        w.close()


def wait_diagnostics(qtbot, window, predicate, timeout=5000):
    """Wait until a validation run's diagnostics satisfy predicate; returns them."""
    box = []

    def check():
        if window.session and predicate(window.session.diagnostics):
            box.append(window.session.diagnostics)
            return True
        return False

    qtbot.waitUntil(check, timeout=timeout)
    return box[0]


def _stand_in_build(name: str, root) -> None:
    """Samples built by npm get a stand-in build output: the window tests are not about npm (the slow tests run it)."""
    if name == "pexip-typescript":
        from plugin_projects import stand_in_build
        stand_in_build(root)
    elif name == "webapp3-meeting-tools":
        from webapp3_projects import fake_build
        fake_build(root)
