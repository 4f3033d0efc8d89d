"""New Project: the wizard per host (blank and sample starts, options checked as typed), nothing written before
Create nor when "Unsaved changes" is cancelled, and the same choices on the command line."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QComboBox

from tests.ui.conftest import PACKAGE
from workbench.core.diagnostics import Severity

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager
    w = MainWindow(ThemeManager("light"))
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.session is not None:
        for doc in w.session.documents.values():
            doc.saved_text = doc.text
    w.close()


def choose(dialog, host: str, start: str) -> None:
    dialog.host.setCurrentIndex(dialog.host.findData(host))
    rows = [dialog.starts.item(i).data(0x0100) for i in range(dialog.starts.count())]
    dialog.starts.setCurrentRow(rows.index(start))


def set_option(dialog, key: str, value: str) -> None:
    field = dialog.field(key)
    if isinstance(field.input, QComboBox):
        field.input.setCurrentText(value)
    else:
        field.input.clear()
        field.input.setText(value)
        field.edited = True


def create(qtbot, window, dialog):
    assert dialog.create_button.isEnabled(), dialog.problems()
    with qtbot.waitSignal(window.sig_diagnostics, timeout=10000) as done:
        dialog.create_button.click()
    return done.args[0]


CASES = [
    ("pexip", "pexip-blank", "Team Tools", {"plugin_id": "team-tools-2.0", "plugin_name": "Team tools"}),
    ("pexip", "pexip-recording", "Recorder", {"plugin_id": "rec-plugin-3.1", "plugin_name": "Rec"}),
    ("xcally", "xcally-blank", "Queue Helper", {"plugin_type": "script"}),
    ("xcally", "xcally-blank", "Agent Notes", {"plugin_type": "html"}),
    ("xcally", "xcally-html", "Desk", {"name": "Desk"}),
    ("exo", "exo-connector", "Zoomy Rooms", {}),
    ("webapp3", "webapp3-blank", "Hello Tools", {}),
    ("webapp3", "webapp3-meeting-tools", "Desk", {"plugin_id": "desk-tools"}),
]


@pytest.mark.parametrize("host,start,name,options", CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_a_wizard_run_per_host_validates_clean(tmp_path, qtbot, window, host, start, name, options):
    dialog = window.new_project()
    choose(dialog, host, start)
    qtbot.keyClicks(dialog.name, name)
    dialog.location.setText(str(tmp_path))
    for key, value in options.items():
        set_option(dialog, key, value)
    dest = dialog.dest()
    assert not dest.exists()  # nothing is written before Create
    assert str(dest) in dialog.dest_label.text()
    diags = create(qtbot, window, dialog)
    assert window.session.project.root == dest.resolve()
    unbuilt = ["WA3018"] if host == "webapp3" else []  # a Vite project says to build it (npm ci, then build)
    assert [d.code for d in diags if d.severity is not Severity.INFO] == unbuilt, [d.to_text() for d in diags]
    if start == "pexip-blank":
        settings = json.loads((dest / "webapp2/settings.json").read_text())
        assert settings["plugins"][0]["id"] == "team-tools-2.0"
        package = dest / "webapp2" / settings["plugins"][0]["srcURL"]
        assert json.loads(package.read_text())["name"] == "Team tools"
    if start == "pexip-recording":
        assert "rec-plugin-3.1" in (dest / PACKAGE).read_text()
        assert "recording-plugin-1.0" not in (dest / "webapp2/settings.json").read_text()
    if host == "xcally":
        manifest = json.loads((dest / "manifest.json").read_text())
        assert manifest["name"] == options.get("name", name)
        assert manifest["type"] == options.get("plugin_type", "html")
    if start == "webapp3-blank":  # the plugin id follows the project's name, in the source and the manifest entry
        assert "registerPlugin({ id: 'hello-tools'" in (dest / "src/index.ts").read_text()
        assert "./plugins/hello-tools/index.html" in (dest / "vite.config.ts").read_text()
    if start == "webapp3-meeting-tools":
        assert "'desk-tools'" in (dest / "src/index.ts").read_text()
        assert "meeting-tools" not in (dest / "vite.config.ts").read_text()
    if host == "exo":  # the type and title follow the project's name
        assert (dest / "webapp/src/main/webapp/js/webconferencing-zoomy_rooms.js").is_file()
        assert "Zoomy Rooms" in window.session.project.title or window.session.project.title.startswith("zoomy")


def test_options_are_checked_as_typed_and_follow_the_name(tmp_path, qtbot, window):
    dialog = window.new_project("exo-connector")
    assert dialog.host.currentData() == "exo"
    dialog.location.setText(str(tmp_path))
    qtbot.keyClicks(dialog.name, "Meet Now")
    assert dialog.field("type").value() == "meet_now" and dialog.field("title").value() == "Meet Now"
    set_option(dialog, "type", "Meet Now")
    assert not dialog.create_button.isEnabled()
    assert "one lowercase word" in dialog.field("type").error.text() and dialog.field("type").error.isVisible()
    set_option(dialog, "type", "meet")
    assert dialog.create_button.isEnabled()
    (tmp_path / "meet-now2").mkdir()
    (tmp_path / "meet-now2" / "keep.txt").write_text("mine")
    qtbot.keyClicks(dialog.name, "2")  # the user's own value is kept when the name changes
    assert dialog.field("type").value() == "meet"
    assert not dialog.create_button.isEnabled() and "not empty" in dialog.dest_label.text()


def test_cancelling_unsaved_changes_creates_nothing(tmp_path, qtbot, copy_sample, open_window, monkeypatch):
    from workbench.ui import dialogs
    from workbench.ui.wizard.new_project import NewProjectRequest
    window = open_window(copy_sample("pexip-recording"))
    window.open_file(PACKAGE).document.set_value(["name"], "Unsaved")
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, names: "cancel")
    dest = tmp_path / "new-one"
    assert not window.create_project(NewProjectRequest("xcally-blank", dest, {"name": "X"}))
    assert not dest.exists()
    assert window.session.documents[PACKAGE].dirty  # the open project and its edits stay


def test_start_page_offers_the_wizard_and_blank_starts(qtbot, window):
    window.show_start_page()
    page = window.start_page
    assert "pexip-blank" in page.sample_buttons and page.sample_buttons["pexip-blank"].text() == "Blank pexip"
    page.sample_buttons["xcally-html"].click()
    dialog = window.new_project_dialog
    assert dialog.isVisible() and dialog.sample().name == "xcally-html"
    dialog.reject()
    page.new_button.click()
    assert window.new_project_dialog is not dialog and window.new_project_dialog.isVisible()


def test_the_command_line_offers_the_same_choices(tmp_path, capsys):
    from workbench.cli import main
    assert main(["new", "pexip-blank", str(tmp_path / "p"), "--plugin-id", "hello-1.0",
                 "--plugin-name", "Hello"]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    assert main(["new", "xcally-blank", str(tmp_path / "x"), "--plugin-type", "nope"]) == 2
    assert "choose one of html, script" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    assert main(["new", "pexip-blank", str(tmp_path / "q"), "--plugin-id", "bad id"]) == 2
    assert "--plugin-id 'bad id'" in capsys.readouterr().err
