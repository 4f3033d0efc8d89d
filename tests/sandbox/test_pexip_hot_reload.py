"""Hot reload through the Pexip session: one plugin reloaded in the running page, the conference kept."""

from __future__ import annotations

import json
import shutil

import pytest
from qtasync import harness, js, run, wait_for
from testpaths import SAMPLES

from tests.sandbox.pexip_helpers import started_session
from workbench.sandbox.session.capabilities import HotReloads

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
    return (harness(session, "WBH.extensions.pexip.item({location: 'toolbar', index: 0})").get("item") or {}) \
        .get("label")


def test_the_pexip_session_hot_reloads(recording):
    assert isinstance(recording[1], HotReloads)


def test_reloaded_plugin_runs_its_new_source_with_the_conference_kept(recording):
    project, session = recording
    assert wait_for(lambda: toolbar_label(session) == "Start recording", 3000)
    source = project / FOLDER / "recording.plugin.js"
    source.write_text(source.read_text().replace("label: 'Start recording'", "label: 'Begin recording'"))
    assert run(session.reload_plugin(PLUGIN)) == 1
    assert toolbar_label(session) == "Begin recording"
    names = js(session, "WBHost.snapshot.participants.map(function (p) { return p.display_name || p.name; })")
    assert "Carol" in names
    assert any("reloaded" in e.message and PLUGIN in e.message for e in session.log.entries)


def test_a_changed_source_file_reloads_only_its_plugin(recording):
    project, session = recording
    source = project / FOLDER / "recording.plugin.js"
    source.write_text(source.read_text().replace("label: 'Start recording'", "label: 'Record now'"))
    assert run(session.reload_changed([f"{FOLDER}/recording.plugin.js"])) == PLUGIN
    assert toolbar_label(session) == "Record now"
    assert session.conference.connected


def test_package_change_is_reread_and_applied_by_the_reload(recording):
    project, session = recording
    package = project / FOLDER / "recording.plugin.package.json"
    data = json.loads(package.read_text())
    data["participantRoles"] = ["guest"]
    package.write_text(json.dumps(data))
    assert session.reread_plugins() == [PLUGIN]
    assert not session.plugin(PLUGIN).visible
    assert run(session.reload_plugin(PLUGIN)) == 0
    # a chair no longer gets the guest-only plugin's button
    assert harness(session, "WBH.extensions.pexip.item({location: 'toolbar', index: 0}).item") is None
