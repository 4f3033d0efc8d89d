"""Conference controls, audience switches and the Plugins list, driving the one simulated conference."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.preview_helpers import close_window, js, open_preview_window, toolbar_label, wait_js

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

ROSTER = ("Array.prototype.map.call(document.querySelectorAll('#participant-list .participant'), function (li) {"
          " return {uuid: li.getAttribute('data-uuid'), text: li.innerText, speaking: li.classList.contains("
          "'speaking')}; })")


@pytest.fixture
def window_preview(qtbot, copy_sample):
    opened = []

    def make(sample):
        window, preview = open_preview_window(qtbot, copy_sample(sample))
        opened.append(window)
        return window, preview

    yield make
    for w in opened:
        close_window(w)


def test_controls_change_the_model_and_the_page_follows(qtbot, window_preview):
    _window, preview = window_preview("pexip-recording")
    page, controls = preview.panel.view.page(), preview.controls
    conference = preview.controller.session.conference
    sip = controls.add_participant("SIP endpoint")
    assert conference.participants[sip]["protocol"] == "sip"
    wait_js(qtbot, page, ROSTER, lambda r: any(p["uuid"] == sip for p in r))
    controls.select(sip)
    controls._on_selected(lambda d, u: d.speak(u))
    controls._toggle("buzzTime", lambda d, u, on: d.raise_hand(u, on))()
    roster = wait_js(qtbot, page, ROSTER, lambda r: any(p["uuid"] == sip and p["speaking"] for p in r))
    assert "✋" in next(p["text"] for p in roster if p["uuid"] == sip)
    # any property, typed as JSON, through the properties table
    row = controls.properties.keys().index("isExternal")
    controls.properties.setData(controls.properties.index(row, 1), "false")
    assert conference.participants[sip]["isExternal"] is False
    controls.locked.click()
    assert conference.details["locked"] is True
    wait_js(qtbot, page, "!document.getElementById('conference-locked').hidden")
    controls.chat_from.setCurrentIndex(controls.chat_from.findData(sip))
    controls.chat_text.setText("hello from the room")
    controls.send_chat()
    wait_js(qtbot, page, "document.getElementById('chat-messages').innerText",
            lambda t: "hello from the room" in t)
    controls.action_type.setCurrentText("[Conference] Custom Event")
    controls.action_payload.setText('{"n": 1}')
    controls.dispatch()
    assert any(e.data.get("type") == "[Conference] Custom Event" for e in preview.controller.session.log.entries)
    controls.select(sip)
    controls.remove_selected()
    assert sip not in conference.participants
    wait_js(qtbot, page, ROSTER, lambda r: all(p["uuid"] != sip for p in r))


def test_role_and_platform_switches_and_plugins_list(qtbot, window_preview):
    _window, preview = window_preview("pexip-recording")
    panel, conference = preview.panel, preview.controller.session.conference
    bob = preview.controls.add_participant("guest")
    qtbot.waitUntil(lambda: toolbar_label(qtbot, panel.view.page()) == "Start recording", timeout=5000)
    qtbot.waitUntil(lambda: preview.plugins.states() == {"recording-plugin-1.0": True}, timeout=5000)
    # a guest does not get the chair-only recording button, and keeps the same conference
    with qtbot.waitSignal(preview.controller.sig_ready, timeout=10000):
        panel.role.setCurrentText("guest")
    assert preview.controller.session.conference is conference and bob in conference.participants
    assert js(qtbot, panel.view.page(), "document.querySelectorAll('.plugin-toolbar-button').length") == 0
    qtbot.waitUntil(lambda: preview.plugins.list.count() == 1
                    and "chair" in preview.plugins.list.item(0).text(), timeout=5000)
    with qtbot.waitSignal(preview.controller.sig_ready, timeout=10000):
        panel.role.setCurrentText("chair")
    with qtbot.waitSignal(preview.controller.sig_ready, timeout=10000):
        panel.platform.setCurrentText("android")
    qtbot.waitUntil(lambda: toolbar_label(qtbot, panel.view.page()) == "Start recording", timeout=5000)
    # unloading from the Plugins list removes the button; loading it again brings it back
    item = preview.plugins.list.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)
    wait_js(qtbot, panel.view.page(), "document.querySelectorAll('.plugin-toolbar-button').length", lambda n: n == 0)
    qtbot.waitUntil(lambda: preview.plugins.states() == {"recording-plugin-1.0": False}, timeout=5000)
    preview.plugins.list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: toolbar_label(qtbot, panel.view.page()) == "Start recording", timeout=5000)


def test_allow_unload_false_cannot_be_unloaded(qtbot, window_preview, copy_sample):
    import json
    window, preview = window_preview("pexip-recording")
    package = window.session.project.root / "webapp2/plugins/recording/recording.plugin.package.json"
    data = json.loads(package.read_text())
    data["allowUnload"] = False
    with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000):
        package.write_text(json.dumps(data, indent=2))
    qtbot.waitUntil(lambda: preview.plugins.list.count() == 1
                    and not preview.plugins.list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled, timeout=5000)
    assert "allowUnload" in preview.plugins.list.item(0).toolTip()
    preview.controller.set_plugin_enabled("recording-plugin-1.0", False)
    qtbot.waitUntil(lambda: any("cannot be unloaded" in e.message for e in preview.controller.session.log.entries),
                    timeout=3000)
    qtbot.waitUntil(lambda: toolbar_label(qtbot, preview.panel.view.page()) == "Start recording", timeout=5000)


def test_chat_from_follows_the_selection_and_participants_can_be_named(qtbot, window_preview):
    _window, preview = window_preview("pexip-recording")
    controls = preview.controls
    conference = preview.controller.session.conference
    first = controls.add_participant("SIP endpoint")
    controls.new_name.setText("Dana from sales")
    dana = controls.add_participant("SIP endpoint")
    assert conference.participants[dana]["name"] == "Dana from sales" and controls.new_name.text() == ""
    controls.select(first)
    assert controls.chat_from.currentData() == first
    controls.select(dana)
    assert controls.chat_from.currentData() == dana  # not the first participant of the list
    controls.chat_text.setText("hi")
    controls.send_chat()
    assert controls.chat_text.text() == ""


def test_a_property_keeps_its_type_with_a_clear_error(qtbot, window_preview):
    _window, preview = window_preview("pexip-recording")
    controls = preview.controls
    conference = preview.controller.session.conference
    uid = controls.add_participant("SIP endpoint")
    controls.select(uid)
    row = controls.properties.keys().index("isExternal")
    assert not controls.properties.setData(controls.properties.index(row, 1), "maybe")
    assert conference.participants[uid]["isExternal"] in (True, False)
    assert controls.status.text() == "⚠ isExternal takes true or false: 'maybe' was not stored"
    controls.prop_edit.setText("isExternal = maybe")
    controls.set_property_from_text()
    assert "isExternal takes true or false" in controls.status.text()
    controls.prop_edit.setText("isExternal = true")
    controls.set_property_from_text()
    assert conference.participants[uid]["isExternal"] is True
