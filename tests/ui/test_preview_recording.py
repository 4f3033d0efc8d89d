"""The preview in the real window: the recording sample's toolbar button, its dialog, the label flip, hot reload."""

from __future__ import annotations

import pytest

from tests.ui.preview_helpers import (
    HARNESS_WORLD,
    click_element,
    close_window,
    js,
    open_preview_window,
    toolbar_label,
    wait_js,
)

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"


@pytest.fixture
def recording_window(qtbot, copy_sample):
    window, preview = open_preview_window(qtbot, copy_sample("pexip-recording"))
    yield window, preview
    close_window(window)


def test_click_toolbar_button_fill_dialog_label_flips_and_dial_out_logged(qtbot, recording_window):
    window, preview = recording_window
    view = preview.panel.view
    page = view.page()
    qtbot.waitUntil(lambda: toolbar_label(qtbot, page) == "Start recording", timeout=5000)
    icon = js(qtbot, page, "WBH.extensions.pexip.item({location: 'toolbar', index: 0}).item.icon", world=HARNESS_WORLD)
    assert icon.endswith("startRecording.svg#startRecording")

    click_element(qtbot, view, ".plugin-toolbar-button[data-plugin='recording-plugin-1.0']")  # a real mouse click
    wait_js(qtbot, page, "WBH.extensions.pexip.dialogs()", lambda titles: "Record alias" in titles,
            world=HARNESS_WORLD)
    # the dialog appears in place, in the preview's page
    js(qtbot, page, "(function () { var i = document.querySelector('#alias'); i.focus(); i.value = "
                    "'rtmp://rec.example/live'; i.dispatchEvent(new Event('change', {bubbles: true})); "
                    "return true; })()")
    click_element(qtbot, view, "#start")

    qtbot.waitUntil(lambda: toolbar_label(qtbot, page) == "Stop recording", timeout=5000)
    icon = js(qtbot, page, "WBH.extensions.pexip.item({location: 'toolbar', index: 0}).item.icon", world=HARNESS_WORLD)
    assert icon.endswith("stopRecording.svg#stopRecording")
    assert js(qtbot, page, "WBH.extensions.pexip.dialogs()", world=HARNESS_WORLD) == []
    session = preview.controller.session
    dial = session.log.calls("dialOut")
    assert dial and dial[0].data["args"][:3] == ["rtmp://rec.example/live", "auto", "guest"]
    # the log panel shows the call with its arguments and result
    qtbot.waitUntil(lambda: any(line.startswith("call") and "dialOut(\"rtmp://rec.example/live\"" in line
                                for line in preview.log.visible_lines()), timeout=3000)
    # the simulated conference (shown in the controls) has the streaming recorder
    recorder = session.conference.find("rtmp://rec.example/live")
    assert recorder["isStreaming"] is True
    assert recorder["uuid"] in preview.controls.participants.uuids()


def test_editing_the_plugin_on_disk_reloads_it_and_keeps_the_participants(qtbot, recording_window, tmp_path):
    window, preview = recording_window
    page = preview.panel.view.page()
    controls = preview.controls
    bob = controls.add_participant("guest")
    controls.select(bob)
    controls._toggle("muted", lambda d, u, on: d.update(u, {"muted": on}))()
    conference = preview.controller.session.conference
    assert conference.participants[bob]["muted"] is True
    qtbot.waitUntil(lambda: toolbar_label(qtbot, page) == "Start recording", timeout=5000)

    path = window.session.project.root / PLUGIN_JS
    text = path.read_text()
    assert "label: 'Start recording'" in text
    with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000) as reloaded:
        path.write_text(text.replace("label: 'Start recording'", "label: 'Record now'"))  # as another editor would
    assert reloaded.args[0] == ["recording-plugin-1.0"]
    qtbot.waitUntil(lambda: toolbar_label(qtbot, page) == "Record now", timeout=5000)
    # the same page (no reload of the whole app), the same conference, with Bob still there and still muted
    assert preview.controller.session.conference is conference
    assert conference.participants[bob]["muted"] is True
    roster = js(qtbot, page, "Array.prototype.map.call(document.querySelectorAll('#participant-list .participant'),"
                             " function (li) { return li.getAttribute('data-uuid'); })")
    assert bob in roster
    assert not session_errors(preview)


def session_errors(preview):
    return [e.message for e in preview.controller.session.log.errors()]
