"""Hot reload through the Pexip session's public controls: one plugin reloaded in the running page, conference kept."""

from __future__ import annotations

import json
import shutil

import pytest
from testpaths import SAMPLES

from tests.sandbox.pexip_helpers import started_session
from workbench.sandbox.exo_session import ExoSession
from workbench.sandbox.pexip_session import PexipSession
from workbench.sandbox.session import HostSession
from workbench.sandbox.waiting import wait_for
from workbench.sandbox.xcally_session import XcallySession

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
PLUGIN = "recording-plugin-1.0"
FOLDER = "webapp2/plugins/recording"


@pytest.fixture
def recording(qapp, tmp_path):
    project = tmp_path / "pexip-recording"
    shutil.copytree(SAMPLES / "pexip-recording", project)
    session = started_session(project, participants=[{"name": "Carol", "uuid": "carol"}])
    yield project, session
    session.close()


def toolbar_label(session):
    return session.page.eval_js("(WB.item({location: 'toolbar', index: 0}).item || {}).label || null")[1]


def test_only_the_pexip_host_hot_reloads():
    assert PexipSession.supports_hot_reload
    assert not HostSession.supports_hot_reload
    assert not XcallySession.supports_hot_reload and not ExoSession.supports_hot_reload


def test_reloaded_plugin_runs_its_new_source_with_the_conference_kept(recording):
    project, session = recording
    assert wait_for(lambda: toolbar_label(session) == "Start recording", 3000)
    source = project / FOLDER / "recording.plugin.js"
    source.write_text(source.read_text().replace("label: 'Start recording'", "label: 'Begin recording'"))
    rendered: list[int] = []
    session.reload_plugin(PLUGIN, rendered.append)
    assert wait_for(lambda: rendered == [1], 5000)
    assert toolbar_label(session) == "Begin recording"
    names = json.loads(session.page.eval_js(
        "JSON.stringify(WBHost.snapshot.participants.map(function (p) { return p.display_name || p.name; }))")[1])
    assert "Carol" in names
    assert any(e.data.get("reloaded") == PLUGIN for e in session.log.entries)


def test_package_change_is_reread_and_applied_by_the_reload(recording):
    project, session = recording
    package = project / FOLDER / "recording.plugin.package.json"
    data = json.loads(package.read_text())
    data["participantRoles"] = ["guest"]
    package.write_text(json.dumps(data))
    assert session.reread_plugins() == [PLUGIN]
    assert not session.plugin(PLUGIN).visible
    rendered: list[int] = []
    session.reload_plugin(PLUGIN, rendered.append)
    assert wait_for(lambda: rendered == [0], 5000)
    # a chair no longer gets the guest-only plugin's button
    assert session.page.eval_js("WB.item({location: 'toolbar', index: 0}).item === null")[1] is True
