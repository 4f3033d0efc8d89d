"""The host log panel, errors that open the editor, the network allow-list bar, recording a replayable scenario."""

from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from qtasync import run

from tests.ui.preview_helpers import (
    HARNESS_WORLD,
    click_element,
    close_window,
    open_preview_window,
    toolbar_label,
    wait_js,
)
from workbench.core.hostlog import HostLog

pytestmark = [pytest.mark.qt, pytest.mark.webengine]

PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"


@pytest.fixture
def preview_of(qtbot, copy_sample):
    opened = []

    def make(sample="pexip-recording", edit=None):
        path = copy_sample(sample)
        if edit:
            edit(path)
        window, preview = open_preview_window(qtbot, path)
        opened.append(window)
        return window, preview

    yield make
    for w in opened:
        close_window(w)


def test_huge_and_circular_payloads_do_not_freeze_the_log(qtbot):
    from workbench.ui.preview.log_view import LogPanel
    panel = LogPanel()
    qtbot.addWidget(panel)
    log = HostLog()
    panel.bind(log)
    circular: dict = {"name": "loop"}
    circular["self"] = circular
    t0 = time.perf_counter()
    log.add("console", "x" * 2_000_000, level="log")
    log.add("call", "sendRequest(...)", name="sendRequest", args=[circular, list(range(100_000))])
    for i in range(3000):
        log.action(f"[Test] Event {i}", {"i": i})
    panel.model.flush()
    panel.show()
    lines = panel.visible_lines()
    tip = panel.proxy.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert time.perf_counter() - t0 < 3.0
    assert len(lines) == 3002 and len(lines[0]) < 600 and "2000000 characters" in lines[0]
    assert "[Circular]" in tip and "more" in tip and len(tip) < 8000
    # filters and search
    panel.kind_buttons["action"].setChecked(False)
    assert len(panel.visible_lines()) == 2
    panel.kind_buttons["action"].setChecked(True)
    panel.proxy.set_text("event 2999")
    assert panel.visible_lines() == [panel.model.entries[-1] and lines[-1]]


def test_an_error_links_to_its_file_and_line(qtbot, preview_of):
    def throw_on_click(path):
        js_file = path / PLUGIN_JS
        js_file.write_text(js_file.read_text().replace(
            "    if (isRecording(participants)) {",
            "    if (participants.length > 0) { throw new Error('boom from the plugin'); }\n"
            "    if (isRecording(participants)) {"))

    window, preview = preview_of(edit=throw_on_click)
    view = preview.panel.view
    qtbot.waitUntil(lambda: toolbar_label(qtbot, view.page()) == "Start recording", timeout=5000)
    click_element(qtbot, view, ".plugin-toolbar-button")
    qtbot.waitUntil(lambda: bool(preview.controller.session.log.errors()), timeout=5000)
    error = preview.controller.session.log.errors()[0]
    assert "boom from the plugin" in error.message
    source = (window.session.project.root / PLUGIN_JS).read_text().splitlines()
    line_no = next(n for n, text in enumerate(source, 1) if "boom from the plugin" in text)
    assert error.data["file"] == PLUGIN_JS and error.data["line"] == line_no
    qtbot.waitUntil(lambda: any("boom from the plugin" in line and f"{PLUGIN_JS}:{line_no}" in line
                                for line in preview.log.visible_lines()), timeout=3000)
    preview.log_dock.raise_()
    row = next(i for i, line in enumerate(preview.log.visible_lines()) if "boom from the plugin" in line)
    log_view = preview.log.view
    log_view.scrollTo(preview.log.proxy.index(row, 0))
    log_view.setCurrentIndex(preview.log.proxy.index(row, 0))
    log_view.setFocus()
    qtbot.keyClick(log_view, Qt.Key.Key_Return)  # activates the entry, as a double-click does
    assert window.editors.current_rel() == PLUGIN_JS
    assert window.editors.current_editor().editor.textCursor().blockNumber() + 1 == line_no


def test_blocked_request_offers_to_allow_the_host_and_persists_it(qtbot, preview_of):
    def fetch_outside(path):
        js_file = path / PLUGIN_JS
        js_file.write_text(js_file.read_text().replace(
            "  function load(participants$, conferenceDetails$) {",
            "  function load(participants$, conferenceDetails$) {\n"
            "    fetch('https://api.example.com/status').catch(function () {});"))

    window, preview = preview_of(edit=fetch_outside)
    bar = preview.panel.blocked
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert "api.example.com" in bar.label.text() and "connect-src" in bar.label.text()
    qtbot.mouseClick(bar.allow, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    settings = json.loads((window.session.project.root / ".workbench/project.json").read_text())
    assert settings["allowedHosts"] == ["api.example.com"]
    assert "api.example.com" in preview.controller.session.environment.lockdown.allowed
    # the next session of this project starts with the host allowed
    preview.controller.open(window.session.project)
    assert "api.example.com" in preview.controller.session.environment.lockdown.allowed


def test_recorded_session_replays_with_workbench_test(qtbot, preview_of):
    from workbench.core.scenario import load_scenario
    from workbench.sandbox.runner import run_scenario

    window, preview = preview_of()
    view, controls = preview.panel.view, preview.controls
    qtbot.waitUntil(lambda: toolbar_label(qtbot, view.page()) == "Start recording", timeout=5000)
    controls.record_button.click()
    carol = controls.add_participant("guest")
    controls.select(carol)
    controls._toggle("muted", lambda d, u, on: d.update(u, {"muted": on}))()
    click_element(qtbot, view, ".plugin-toolbar-button")
    wait_js(qtbot, view.page(), "WBH.extensions.pexip.dialogs()", lambda titles: "Record alias" in titles,
            world=HARNESS_WORLD)
    click_element(qtbot, view, "#alias")  # the user types the alias, then leaves the field
    QTest.keyClicks(view.focusProxy(), "rtmp://rec/x")
    QTest.keyClick(view.focusProxy(), Qt.Key.Key_Tab)
    click_element(qtbot, view, "#start")
    qtbot.waitUntil(lambda: toolbar_label(qtbot, view.page()) == "Stop recording", timeout=5000)
    controls.record_button.click()
    path = controls.save(str(window.session.project.root / "scenarios" / "recorded.yaml"))
    text = open(path).read()
    assert "click: {location: toolbar, index: 0, plugin: recording-plugin-1.0}" in text, text
    assert "fill: {selector: '#alias', value: 'rtmp://rec/x'}" in text, text
    assert "call: dialOut" in text
    target = window.session.target
    scenario = load_scenario(path, target.vocabulary(window.session.project))
    result = run(run_scenario(target, window.session.project, scenario), 60000)
    assert result.passed, (result.failed_step, result.reason, result.log_tail)
