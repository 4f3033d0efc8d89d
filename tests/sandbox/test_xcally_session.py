"""The App Zone frame: html views through the project scheme, script plugins under Node, the sidebar mock."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from testpaths import SAMPLES

from tests.sandbox.session_helpers import assert_scenarios_pass, run, started_sessions
from workbench.core import proctree
from workbench.core.project import Project
from workbench.core.scenario import Step
from workbench.sandbox.environment import prepare_environment

prepare_environment()  # the project scheme must be registered before the QApplication exists

from workbench.core.hostlog import CONSOLE, NETWORK  # noqa: E402
from workbench.sandbox.session import SessionSetup, StepFailure  # noqa: E402
from workbench.sandbox.xcally_session import XcallySession  # noqa: E402

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")


@pytest.fixture
def session_of(qapp):
    def create(root: Path, kind: str, **extra) -> XcallySession:
        host = extra.pop("host", {})
        return XcallySession(Project(Path(root), "xcally", kind), SessionSetup(extra=extra, host=host,
                                                                                 allow_hosts=[]))

    yield from started_sessions(create)


def _html_plugin(tmp_path: Path, sidebar: str, views: dict) -> Path:
    root = tmp_path / "plugin"
    (root / "views").mkdir(parents=True)
    (root / "views/admin.html").write_text("<h1>Local admin page</h1>")
    manifest = {"name": "Probe", "version": "1.0.0", "description": "d", "type": "html", "sidebar": sidebar,
                "icon": "icon-apps", "parameters": {"views": views}}
    (root / "manifest.json").write_text(json.dumps(manifest))
    return root


def test_html_views_are_served_from_the_project(session_of):
    s = session_of(SAMPLES / "xcally-html", "xcally-html")
    run(s, "expect", {"view": "admin", "text": "Queue dashboard (admin)"})
    run(s, "expect", {"view": "agent", "text": "Agent quick replies"})
    with pytest.raises(StepFailure, match="not 'Nowhere to be seen'"):
        run(s, "expect", {"view": "agent", "text": "Nowhere to be seen", "timeout": 300})


def test_sidebar_shows_who_sees_the_plugin(session_of, tmp_path):
    s = session_of(_html_plugin(tmp_path, "adminOnly", {"admin": "views/admin.html"}), "xcally-html")
    assert s.js("document.getElementById('sees-admin').textContent") == "see it"
    assert s.js("document.getElementById('sees-agent').textContent") == "do not see it"
    run(s, "expect", {"view": "admin", "text": "Local admin page"})
    with pytest.raises(StepFailure, match="no agent view is shown: No agent view: the manifest has no "
                                          "parameters.views.agent"):
        run(s, "expect", {"view": "agent", "timeout": 300})
    assert "(hidden)" in s.js("document.getElementById('sidebar-plugin').textContent")


def test_remote_views_are_blocked_unless_allowed(session_of, tmp_path):
    root = _html_plugin(tmp_path, "always", {"admin": "https://crm.example.invalid/panel"})
    s = session_of(root, "xcally-html")
    s.poll(Step("expect", {}, 1), lambda: (bool(s.log.of_kind(NETWORK)), "no network entry"))
    blocked = s.log.of_kind(NETWORK)[0]
    assert "crm.example.invalid" in blocked.message and "Content Security Policy" in blocked.message


@needs_node
def test_script_plugin_runs_logs_and_is_shown_in_the_frame(session_of):
    s = session_of(SAMPLES / "xcally-script", "xcally-script", env={"PORT": "0"})
    run(s, "expect", {"process": "running"})
    run(s, "expect", {"http": {"path": "/health", "status": 200, "text": "ok"}})
    run(s, "expect", {"view": "agent", "text": "Status plugin is running"})
    assert any(e.kind == CONSOLE and e.message.startswith("listening on port") for e in s.log.entries)
    port = s.node.port
    assert any(f"listens on port {port}" in e.message for e in s.log.entries)
    pid = s.node.process.pid
    run(s, "stop")
    run(s, "expect", {"process": "stopped"})
    assert proctree.tree_pids(pid, pid) == []  # nothing of the plugin's process group is left
    with pytest.raises(StepFailure, match="the plugin process is stopped"):
        run(s, "expect", {"process": "running", "timeout": 300})


@needs_node
def test_missing_node_is_reported_clearly(session_of):
    s = session_of(SAMPLES / "xcally-script", "xcally-script", autostart=False,
                   host={"node": "no-such-node-on-this-machine"})
    with pytest.raises(StepFailure, match="Node.js was not found on PATH"):
        run(s, "start")


@needs_node
@pytest.mark.parametrize("sample", ["xcally-script", "xcally-html"])
def test_the_sample_scenarios_pass(sample):
    assert_scenarios_pass(SAMPLES / sample)
