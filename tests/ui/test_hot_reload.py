"""Hot reload in the window for every host: a change on disk (or, for Pexip's forms, an unsaved edit) shows in the
preview, with the state the developer chose kept (conference, XCALLY's view, eXo's context)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from qtasync import run

from tests.ui.preview_helpers import HARNESS_WORLD, close_window, js, open_preview_window, previewing, wait_js
from workbench.targets.xcally.runtime.steps import view_text

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")
PACKAGE = "webapp2/plugins/recording/recording.plugin.package.json"
PLUGIN_JS = "webapp2/plugins/recording/recording.plugin.js"
TIMING = re.compile(r"in (\d+) ms$")


def reload_status(preview) -> str:
    return preview.panel.status.text()


def assert_sane_timing(text: str) -> None:
    match = TIMING.search(text)
    assert match and 0 <= int(match.group(1)) < 10000, text


def wait_view_text(qtbot, session, needle: str, timeout: int = 10000) -> None:
    qtbot.waitUntil(lambda: needle in (run(view_text(session)) or ""), timeout=timeout)


# -- Pexip -------------------------------------------------------------------------------------------------------------
def settings_text(qtbot, page) -> str:
    return js(qtbot, page, "document.getElementById('plugin-settings-list').innerText", world=HARNESS_WORLD)


def test_pexip_shows_an_unsaved_form_edit_and_keeps_the_last_good_text(qtbot, copy_sample):
    root = copy_sample("pexip-recording")
    with previewing(qtbot, root) as (window, preview):
        page = preview.panel.view.page()
        on_disk = (root / PACKAGE).read_text()
        editor = window.open_file(PACKAGE)
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000) as reloaded:
            editor.document.set_value(["name"], "Recorder")  # what the form's Name field does
        assert reloaded.args[0] == ["recording-plugin-1.0"]  # the plugin alone, the conference kept
        wait_js(qtbot, page, "document.getElementById('plugin-settings-list').innerText",
                lambda text: "Recorder" in text, world=HARNESS_WORLD)
        assert (root / PACKAGE).read_text() == on_disk and editor.document.dirty
        assert_sane_timing(reload_status(preview))

        editor.document.set_text(editor.document.text[:-8])  # half-typed JSON: the page keeps the last good text
        preview.push_unsaved()
        assert "Recorder" in settings_text(qtbot, page)
        assert json.loads(preview.controller.session.unsaved.texts[PACKAGE])["name"] == "Recorder"


def test_pexip_oops_screen_goes_once_the_error_is_fixed_and_the_plugin_reloaded(qtbot, copy_sample):
    root = copy_sample("pexip-recording")
    with previewing(qtbot, root) as (window, preview):
        page = preview.panel.view.page()
        oops = "WBH.extensions.pexip.oops()"
        source = root / PLUGIN_JS
        good = source.read_text()
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000):
            source.write_text("throw new Error('boom');\n" + good)
        wait_js(qtbot, page, oops, lambda shown: shown is True, world=HARNESS_WORLD)
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000):
            source.write_text(good)
        wait_js(qtbot, page, oops, lambda shown: shown is False, world=HARNESS_WORLD)


# -- XCALLY ------------------------------------------------------------------------------------------------------------
@pytest.fixture
def script_window(qtbot, copy_sample, monkeypatch):
    monkeypatch.setenv("PORT", "0")  # the sample's server takes a free port: the workbench finds it
    root = copy_sample("xcally-script")
    window, preview = open_preview_window(qtbot, root)
    session = preview.controller.session
    qtbot.waitUntil(lambda: bool(session.node.port), timeout=10000)
    yield root, window, preview, session
    close_window(window)


@needs_node
def test_xcally_script_restarts_on_save_like_nodemon_and_keeps_the_agent_view(qtbot, script_window):
    root, window, preview, session = script_window
    session.show_view("agent")
    qtbot.waitUntil(lambda: session.view_role == "agent")
    wait_view_text(qtbot, session, "Status plugin is running")
    first = session.process_info()["pid"]
    script = root / "app" / "index.js"
    with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=15000) as reloaded:
        script.write_text(script.read_text().replace("Status plugin is running", "Status plugin is up"))
    assert reloaded.args[0] == ["process restarted"]
    wait_view_text(qtbot, session, "Status plugin is up")
    assert session.process_info()["pid"] != first
    assert session.view_role == "agent"
    assert js(qtbot, preview.panel.view.page(), "XcallyFrame.role") == "agent"
    assert_sane_timing(reload_status(preview))


@needs_node
def test_xcally_script_a_crashed_plugin_starts_on_save_a_stopped_one_does_not(qtbot, script_window):
    root, window, preview, session = script_window
    script = root / "app" / "index.js"
    session.kill_process()  # restart on exit is off: it stays down, as nodemon waits for a change
    qtbot.waitUntil(lambda: session.process_info()["state"] == "stopped", timeout=10000)
    with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=15000):
        script.write_text(script.read_text() + "\n// fixed\n")
    assert session.process_info()["state"] == "running"

    run(session.stop_process())
    batches = []
    window.explorer.sig_files_changed.connect(batches.append)
    script.write_text(script.read_text() + "\n// again\n")
    qtbot.waitUntil(lambda: bool(batches))
    qtbot.waitUntil(lambda: not preview.controller.reloads.busy)
    assert session.process_info()["state"] == "stopped"
    assert any("Start runs the changed code" in e.message for e in session.log.entries)


def test_xcally_html_view_reloads_in_place_and_f5_keeps_the_view(qtbot, copy_sample):
    root = copy_sample("xcally-html")
    with previewing(qtbot, root) as (window, preview):
        session = preview.controller.session
        session.show_view("agent")
        wait_view_text(qtbot, session, "Agent quick replies")
        view = root / "views" / "agent.html"
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=5000) as reloaded:
            view.write_text(view.read_text().replace("Agent quick replies", "Agent replies, reloaded"))
        assert reloaded.args[0] == ["view reloaded"]
        wait_view_text(qtbot, session, "Agent replies, reloaded")
        assert_sane_timing(reload_status(preview))

        with qtbot.waitSignal(preview.sig_ready, timeout=10000):
            window.run()  # F5
        qtbot.waitUntil(lambda: reload_status(preview).startswith("page reloaded in"), timeout=5000)
        assert session.view_role == "agent"
        wait_view_text(qtbot, session, "Agent replies, reloaded")


# -- eXo ---------------------------------------------------------------------------------------------------------------
BUTTON = "JSON.stringify({context: ExoHost.context, text: (document.querySelector('#callButton') || {}).innerText})"


def test_exo_connector_change_reloads_the_page_keeping_the_context(qtbot, copy_sample):
    root = copy_sample("exo-connector")
    with previewing(qtbot, root) as (window, preview):
        page, session = preview.panel.view.page(), preview.controller.session
        space = session.places("space")[0]["id"]
        run(session.set_context({"type": "space", "id": space}))
        button = lambda: json.loads(js(qtbot, page, BUTTON))  # noqa: E731
        qtbot.waitUntil(lambda: (button()["context"] or {}).get("id") == space and "Call with Acme" in
                        (button()["text"] or ""))
        module = root / "webapp/src/main/webapp/js/webconferencing-acme.js"
        with qtbot.waitSignal(preview.controller.sig_reloaded, timeout=10000) as reloaded:
            module.write_text(module.read_text().replace(">Call with Acme<", ">Acme call<"))
        assert reloaded.args[0] == ["page"]
        qtbot.waitUntil(lambda: "Acme call" in (button()["text"] or ""), timeout=5000)
        assert button()["context"]["id"] == space

        with qtbot.waitSignal(preview.sig_ready, timeout=10000):
            window.run()  # F5
        qtbot.waitUntil(lambda: "Acme call" in (button()["text"] or ""), timeout=5000)
        assert button()["context"]["id"] == space and session.context["id"] == space
