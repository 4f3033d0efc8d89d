"""The "Plugin process" panel of XCALLY projects: App Zone's start / stop / kill with its restart policy, the views."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from qtasync import run

from tests.ui.preview_helpers import close_window, js, open_preview_window, wait_js
from workbench.core.process import tree as proctree
from workbench.targets.xcally.process import RestartPolicy
from workbench.targets.xcally.ui.panel import ProcessPanel

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def script_window(qtbot, copy_sample, monkeypatch):
    """The xcally-script sample in a window, its plugin running; afterwards no process of it is left."""
    monkeypatch.setenv("PORT", "0")  # the sample's server takes a free port: the workbench finds it
    window, preview = open_preview_window(qtbot, copy_sample("xcally-script"))
    panel = preview.host_controls.panel
    qtbot.waitUntil(lambda: "running" in panel.state_label.text() and "port" in panel.state_label.text(),
                    timeout=10000)
    pids: set[int] = set()
    yield window, preview, panel, pids.add
    close_window(window)  # pytest-qt may have closed it already: then this does nothing
    assert all(proctree.tree_pids(pid, pid) == [] for pid in pids if pid), "a plugin process outlived the window"


def frame_process_state(qtbot, page):
    return js(qtbot, page, "document.getElementById('processState').textContent")


@needs_node
def test_stop_and_start_drive_the_plugin_process(qtbot, script_window):
    window, preview, panel, remember = script_window
    assert isinstance(panel, ProcessPanel)
    assert preview.host_controls.content(preview.host_controls.currentIndex()) is panel
    assert [preview.host_controls.tabText(i) for i in range(preview.host_controls.count())] == ["Plugin process"]
    page = preview.panel.view.page()
    session = preview.controller.session
    first = session.process_info()["pid"]
    remember(first)
    assert f"pid {first}" in panel.state_label.text()
    assert not panel.start_button.isEnabled()

    qtbot.mouseClick(panel.stop_button, LEFT)
    qtbot.waitUntil(lambda: " stopped" in panel.state_label.text())
    wait_js(qtbot, page, "document.getElementById('processState').textContent", lambda t: t == "stopped")
    assert proctree.tree_pids(first, first) == []
    assert panel.start_button.isEnabled() and not panel.kill_button.isEnabled()

    qtbot.mouseClick(panel.start_button, LEFT)
    qtbot.waitUntil(lambda: "running" in panel.state_label.text() and "port" in panel.state_label.text(),
                    timeout=10000)
    second = session.process_info()["pid"]
    remember(second)
    assert second != first
    assert frame_process_state(qtbot, page) == "running"


@needs_node
def test_killed_plugin_with_restart_on_comes_back_after_the_delay(qtbot, script_window):
    window, preview, panel, remember = script_window
    session = preview.controller.session
    panel.restart_on.click()
    panel.delay.setValue(0.3)
    panel.delay.editingFinished.emit()
    assert session.restart_policy() == RestartPolicy(True, 0.3)
    qtbot.waitUntil(lambda: panel.env.values().get("XC_PLUGIN_RESTART") == "true")  # the variable the plugin gets
    before = session.process_info()
    remember(before["pid"])

    qtbot.mouseClick(panel.kill_button, LEFT)
    qtbot.waitUntil(lambda: session.process_info()["starts"] == before["starts"] + 1
                    and "port" in panel.state_label.text(), timeout=10000)
    after = session.process_info()
    remember(after["pid"])
    assert after["state"] == "running" and after["pid"] != before["pid"]
    assert any("restarting in 0.3 s" in e.message for e in session.log.entries)


@needs_node
def test_restart_off_and_variables_for_the_next_start(qtbot, script_window):
    window, preview, panel, remember = script_window
    session = preview.controller.session
    remember(session.process_info()["pid"])
    qtbot.mouseClick(panel.add_variable_button, LEFT)
    row = panel.env.rowCount() - 1
    panel.env.item(row, 0).setText("MOTION_URL")
    panel.env.item(row, 1).setText("https://motion.example")
    assert session.process_env()["MOTION_URL"] == "https://motion.example"
    panel.env.selectRow(row)
    qtbot.mouseClick(panel.remove_variable_button, LEFT)
    assert "MOTION_URL" not in session.process_env()

    qtbot.mouseClick(panel.kill_button, LEFT)  # restart is off by default: the plugin stays down
    qtbot.waitUntil(lambda: " stopped" in panel.state_label.text(), timeout=15000)
    qtbot.waitUntil(lambda: any("not restarted (XC_PLUGIN_RESTART is off)" in e.message for e in session.log.entries))


def test_html_plugin_switches_views_and_shows_who_sees_it(qtbot, copy_sample):
    window, preview = open_preview_window(qtbot, copy_sample("xcally-html"))
    try:
        panel = preview.host_controls.panel
        assert panel.process_box is None and preview.host_controls.tabText(0) == "Plugin process"
        assert "Admins see it · Agents see it" in panel.sidebar_label.text()
        page = preview.panel.view.page()
        agent = panel.findChild(QRadioButton, "view-agent")
        qtbot.mouseClick(agent, LEFT)
        wait_js(qtbot, page, "XcallyFrame.role", lambda r: r == "agent")
        assert "agent.html" in js(qtbot, page, "XcallyFrame.view")
        qtbot.waitUntil(lambda: preview.controller.session.view_role == "agent")
        # The frame's own switch is shown in the panel too.
        js(qtbot, page, "XcallyFrame.showRole('admin')")
        qtbot.waitUntil(lambda: panel.findChild(QRadioButton, "view-admin").isChecked())
    finally:
        close_window(window)


@needs_node
def test_stopping_a_plugin_that_ignores_sigterm_keeps_the_window_responsive(qtbot, copy_sample, monkeypatch):
    root = copy_sample("xcally-script")
    script = root / "app" / "index.js"
    # the plugin shrugs off SIGTERM: stopping it takes the whole grace period before SIGKILL
    script.write_text(script.read_text() + "\nprocess.removeAllListeners('SIGTERM');\nprocess.on('SIGTERM', () => {});\n")
    monkeypatch.setenv("PORT", "0")
    window, preview = open_preview_window(qtbot, root)
    try:
        panel = preview.host_controls.panel
        # listening means the script ran, so its SIGTERM handler is in place
        qtbot.waitUntil(lambda: "running" in panel.state_label.text() and "port" in panel.state_label.text(),
                        timeout=10000)
        pid = preview.controller.session.process_info()["pid"]
        ticks: list[int] = []
        from PySide6.QtCore import QTimer
        timer = QTimer(interval=50)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        qtbot.mouseClick(panel.stop_button, LEFT)
        assert panel.status.text() == "stopping…"  # the click returned at once
        qtbot.waitUntil(lambda: " stopped" in panel.state_label.text(), timeout=10000)
        timer.stop()
        assert len(ticks) >= 10  # the event loop kept running through the grace period
        assert proctree.tree_pids(pid, pid) == []
    finally:
        close_window(window)


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def running_with_port(panel) -> bool:
    return "running" in panel.state_label.text() and "port" in panel.state_label.text()


def set_variable(qtbot, panel, name: str, value: str) -> None:
    qtbot.mouseClick(panel.add_variable_button, LEFT)
    row = panel.env.rowCount() - 1
    panel.env.item(row, 0).setText(name)
    panel.env.item(row, 1).setText(value)


def run_recorded(project_root, path, pids: set[int]):
    """Replay a scenario file as `workbench test` does; the plugin's pids go into pids."""
    from workbench.registry import open_project
    from workbench.sandbox.runner import load_for, run_scenario

    target, project = open_project(project_root)
    scenario = load_for(target, project, path)
    return run(run_scenario(target, project, scenario, on_session=lambda s: s.log.listen(
        lambda e: pids.add(e.data["pid"]) if e.data.get("pid") else None)), 60000)


@needs_node
def test_variables_and_restart_settings_survive_closing_the_project(qtbot, script_window):
    window, preview, panel, remember = script_window
    root = window.session.project.root
    remember(preview.controller.session.process_info()["pid"])
    port = free_port()
    set_variable(qtbot, panel, "PORT", str(port))
    panel.restart_on.click()
    panel.delay.setValue(0.5)
    panel.delay.editingFinished.emit()

    with qtbot.waitSignal(preview.controller.sig_session, check_params_cb=lambda s: s is None):
        assert window.close_project()
    with qtbot.waitSignal(preview.sig_ready, timeout=20000):
        assert window.open_project(root)
    panel = preview.host_controls.panel
    session = preview.controller.session
    # the plugin started with the saved variables: it listens on the port given in the panel
    qtbot.waitUntil(lambda: f"port {port}" in panel.state_label.text(), timeout=10000)
    remember(session.process_info()["pid"])
    assert session.process_env() == {"PORT": str(port), "XC_PLUGIN_RESTART": "true"}
    assert session.restart_policy() == RestartPolicy(True, 0.5)
    assert panel.env.values()["PORT"] == str(port)
    assert panel.restart_on.isChecked() and panel.delay.value() == 0.5


@needs_node
def test_workbench_test_ignores_what_the_window_saved(qtbot, copy_sample, monkeypatch):
    # a scenario file alone decides how it runs in CI: the window's saved "restart on" must not leak into it
    from workbench.targets.xcally.settings import save_process

    monkeypatch.setenv("PORT", "0")
    root = copy_sample("xcally-script")
    save_process(root, {"XC_PLUGIN_RESTART": "true"}, 0.2)  # what the window saved: restart on
    folder = root / "scenarios"
    (folder / "plain.yaml").write_text("name: no restart asked\nsteps:\n  - kill\n  - expect: {process: stopped}\n"
                                       "  - wait: 600\n  - expect: {process: stopped}\n")
    (folder / "own.yaml").write_text("name: own env\nenv: {PORT: '0', XC_PLUGIN_RESTART: 'true'}\nrestart_delay: 0.2\n"
                                     "steps:\n  - kill\n  - expect: {process: running, timeout: 5000}\n")
    pids: set[int] = set()
    results = [run_recorded(root, folder / name, pids) for name in ("plain.yaml", "own.yaml")]
    assert all(proctree.tree_pids(pid, pid) == [] for pid in pids)
    assert [(r.passed, r.failed_step) for r in results] == [(True, None)] * 2, [r.reason for r in results]
    assert pids


@needs_node
def test_recorded_process_controls_replay_green(qtbot, script_window):
    import yaml
    window, preview, panel, remember = script_window
    root = window.session.project.root
    session = preview.controller.session
    remember(session.process_info()["pid"])
    set_variable(qtbot, panel, "GREETING", "hello")

    qtbot.mouseClick(panel.record_button, LEFT)
    assert panel.record_button.text() == "■ Stop"
    qtbot.mouseClick(panel.stop_button, LEFT)
    qtbot.waitUntil(lambda: " stopped" in panel.state_label.text(), timeout=10000)
    qtbot.mouseClick(panel.start_button, LEFT)
    qtbot.waitUntil(lambda: running_with_port(panel), timeout=10000)
    remember(session.process_info()["pid"])
    qtbot.mouseClick(panel.findChild(QRadioButton, "view-agent"), LEFT)
    qtbot.waitUntil(lambda: session.view_role == "agent")
    qtbot.mouseClick(panel.kill_button, LEFT)  # restart is off: it stays down
    qtbot.waitUntil(lambda: " stopped" in panel.state_label.text(), timeout=5000)
    qtbot.mouseClick(panel.start_button, LEFT)
    qtbot.waitUntil(lambda: running_with_port(panel), timeout=10000)
    remember(session.process_info()["pid"])
    qtbot.mouseClick(panel.record_button, LEFT)
    assert panel.status.text() == "Recorded 9 step(s)" and panel.save_button.isEnabled(), \
        (panel.status.text(), [e.message for e in session.log.entries[-15:]])
    saved = panel.save(panel.default_scenario_path())
    assert saved == str(root / "scenarios" / "recorded-1.yaml")
    close_window(window)

    data = yaml.safe_load(open(saved).read())
    assert data["env"] == {"GREETING": "hello"} and "autostart" not in data  # it ran when the recording began
    assert data["steps"] == ["stop", {"expect": {"process": "stopped"}}, "start", {"expect": {"process": "running"}},
                             {"expect": {"view": "agent"}}, "kill", {"expect": {"process": "stopped"}},
                             "start", {"expect": {"process": "running"}}, {"expect": {"no_errors": True}}]
    pids: set[int] = set()
    result = run_recorded(root, saved, pids)
    assert result.passed, (result.failed_step, result.reason, data["steps"])
    assert result.steps_run == len(data["steps"])
    assert pids and all(proctree.tree_pids(pid, pid) == [] for pid in pids)
