"""The App Zone frame: html views through the project scheme, script plugins under Node, the sidebar mock."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from qtasync import apply, js, wait_for
from testpaths import SAMPLES

from tests.sandbox.session_helpers import assert_scenarios_pass, started_sessions
from workbench.core.hostlog import CONSOLE, NETWORK
from workbench.core.process import tree as proctree
from workbench.core.project import Project
from workbench.sandbox.session import SessionSetup, StepFailure
from workbench.targets.xcally.runtime.session import XcallySession

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")


@pytest.fixture
def session_of(qapp):
    def create(root: Path, kind: str, **extra) -> XcallySession:
        return XcallySession(Project(Path(root), "xcally", kind), SessionSetup(header=extra))

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
    apply(s, "expect", {"view": "admin", "text": "Queue dashboard (admin)"})
    apply(s, "expect", {"view": "agent", "text": "Agent quick replies"})
    with pytest.raises(StepFailure, match="not 'Nowhere to be seen'"):
        apply(s, "expect", {"view": "agent", "text": "Nowhere to be seen", "timeout": 300})


def test_sidebar_shows_who_sees_the_plugin(session_of, tmp_path):
    s = session_of(_html_plugin(tmp_path, "adminOnly", {"admin": "views/admin.html"}), "xcally-html")
    assert js(s, "document.getElementById('sees-admin').textContent") == "see it"
    assert js(s, "document.getElementById('sees-agent').textContent") == "do not see it"
    apply(s, "expect", {"view": "admin", "text": "Local admin page"})
    with pytest.raises(StepFailure, match="no agent view is shown: No agent view: the manifest has no "
                                          "parameters.views.agent"):
        apply(s, "expect", {"view": "agent", "timeout": 300})
    assert "(hidden)" in js(s, "document.getElementById('sidebar-plugin').textContent")


def test_remote_views_are_blocked_unless_allowed(session_of, tmp_path):
    root = _html_plugin(tmp_path, "always", {"admin": "https://crm.example.invalid/panel"})
    s = session_of(root, "xcally-html")
    assert wait_for(lambda: bool(s.log.of_kind(NETWORK)), 5000)
    blocked = s.log.of_kind(NETWORK)[0]
    assert "crm.example.invalid" in blocked.message and "Content Security Policy" in blocked.message


@needs_node
def test_script_plugin_runs_logs_and_is_shown_in_the_frame(session_of):
    s = session_of(SAMPLES / "xcally-script", "xcally-script", env={"PORT": "0"})
    apply(s, "expect", {"process": "running"})
    apply(s, "expect", {"http": {"path": "/health", "status": 200, "text": "ok"}})
    apply(s, "expect", {"view": "agent", "text": "Status plugin is running"})
    assert any(e.kind == CONSOLE and e.message.startswith("listening on port") for e in s.log.entries)
    port = s.node.port
    assert any(f"serves HTTP on port {port}" in e.message for e in s.log.entries)
    pid = s.node.process.pid
    apply(s, "stop")
    apply(s, "expect", {"process": "stopped"})
    assert proctree.tree_pids(pid, pid) == []  # nothing of the plugin's process group is left
    with pytest.raises(StepFailure, match="the plugin process is stopped"):
        apply(s, "expect", {"process": "running", "timeout": 300})


@needs_node
def test_missing_node_is_reported_clearly(session_of):
    s = session_of(SAMPLES / "xcally-script", "xcally-script", autostart=False,
                   host={"node": "no-such-node-on-this-machine"})
    with pytest.raises(StepFailure, match="Node.js was not found on PATH"):
        apply(s, "start")


@needs_node
@pytest.mark.parametrize("sample", ["xcally-script", "xcally-html"])
def test_the_sample_scenarios_pass(sample):
    assert_scenarios_pass(SAMPLES / sample)
