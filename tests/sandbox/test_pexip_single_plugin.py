"""A lone Pexip plugin folder (a package file, no settings.json) runs its scenarios like a branding package."""

from __future__ import annotations

import shutil

import pytest
from qtasync import run
from testpaths import SAMPLES

from workbench.registry import open_project
from workbench.sandbox.runner import run_files

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
PLUGIN = SAMPLES / "pexip-recording" / "webapp2" / "plugins" / "recording"

SCENARIO = """\
name: lone plugin records
plugin: recording-plugin-1.0
participants:
  - {name: Bob, role: guest, uuid: bob}
steps:
  - expect: {item: {location: toolbar, index: 0}, label: Start recording}
  - click: {location: toolbar, index: 0}
  - expect: {dialog: Record alias}
  - fill: {selector: "#alias", value: "rtmp://rec.example/live"}
  - click: {selector: "#start"}
  - expect: {call: dialOut, args: ["rtmp://rec.example/live", auto, guest]}
  - expect: {dialog: false}
  - expect: {item: {location: toolbar, index: 0}, label: Stop recording}
  - expect: {no_errors: true}
"""


def test_lone_plugin_folder_runs_a_scenario_without_settings_json(qapp, tmp_path):
    folder = tmp_path / "recording"
    shutil.copytree(PLUGIN, folder)
    scenario = tmp_path / "lone.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    target, project = open_project(folder)
    assert project.kind == "pexip-plugin"

    [result] = run(run_files(target, project, [scenario]), 60000)

    assert result.passed, result.failure_text()
    assert result.steps_run == 9
    assert not (folder / "settings.json").exists()  # the settings are synthesized, never written into the folder
