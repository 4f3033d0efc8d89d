"""Scenarios against the emulated Pexip app: the samples pass; wrong expectations, throwing and looping plugins fail."""

from __future__ import annotations

import time

import pytest
from qtasync import run
from testpaths import FIXTURES, SAMPLES

from tests.sandbox.pexip_helpers import run_text
from workbench.core.scenario import find_scenarios
from workbench.registry import open_project
from workbench.sandbox.runner import run_files

pytestmark = [pytest.mark.qt, pytest.mark.webengine]
SCENARIOS = FIXTURES / "scenarios"


@pytest.mark.parametrize("sample", ["pexip-recording", "pexip-conference-tools"])
def test_sample_scenarios_pass(qapp, sample):
    target, project = open_project(SAMPLES / sample)
    results = run(run_files(target, project, find_scenarios(project.root)), 120000)
    assert len(results) >= 3
    assert [r.failure_text() for r in results if not r.passed] == []


def test_wrong_expectation_fails_naming_step_and_what_was_seen(qapp):
    result = run_text(SAMPLES / "pexip-recording", """
name: wrong label
steps:
  - connect
  - expect: {item: {location: toolbar, index: 0}, label: Begin recording, timeout: 300}
""")
    assert not result.passed
    assert "step 2 (expect" in result.failed_step and "inline.yaml:5:5" in result.failed_step
    assert 'label "Start recording", expected "Begin recording"' in result.reason
    assert any("Connect Success" in line for line in result.log_tail)


def test_wrong_call_expectation_lists_the_calls_seen(qapp):
    result = run_text(SAMPLES / "pexip-conference-tools", """
name: wrong call
participants: [{name: Bob, uuid: bob}]
steps:
  - click: {location: participants, participant: bob, index: 0}
  - expect: {call: sendRequest, args: ["participants/bob/unmute"], timeout: 300}
""")
    assert not result.passed
    assert "no call of sendRequest" in result.reason and "participants/bob/mute" in result.reason


def test_throwing_plugin_fails_with_the_error_text(qapp):
    target, project = open_project(SCENARIOS / "throwing")
    [result] = run(run_files(target, project, find_scenarios(project.root)), 60000)
    assert not result.passed
    assert "TypeError: Cannot read properties of null (reading 'missing')" in result.reason
    assert "webapp2/plugins/throwing/throwing.plugin.js:4:" in result.reason
    assert any(line.startswith("[error]") for line in result.log_tail)


def test_oops_overlay_appears_on_uncaught_error(qapp):
    from qtasync import harness, wait_for

    from tests.sandbox.pexip_helpers import started_session
    session = started_session(SCENARIOS / "throwing")
    try:
        assert harness(session, "WBH.extensions.pexip.oops()") is False
        harness(session, "WBH.extensions.pexip.clickItem({location: 'toolbar', index: 0})")
        assert wait_for(lambda: harness(session, "WBH.extensions.pexip.oops()") is True, 3000)
        entry = session.log.errors()[0]
        assert entry.data["file"] == "webapp2/plugins/throwing/throwing.plugin.js" and entry.data["line"] == 4
        assert "throwing.plugin.js" in entry.data["stack"]
    finally:
        session.close()


def test_error_during_load_fails_at_start(qapp):
    target, project = open_project(SCENARIOS / "loadthrow")
    [result] = run(run_files(target, project, find_scenarios(project.root)), 60000)
    assert not result.passed and result.failed_step.startswith("start")
    assert "load-time failure in loadthrow" in result.reason


def test_allow_errors_lets_an_expected_error_pass(qapp):
    result = run_text(SCENARIOS / "throwing", """
name: errors expected
allow_errors: true
steps:
  - click: {location: toolbar, index: 0}
  - expect: {error: "reading 'missing'"}
""")
    assert result.passed, result.failure_text()


def test_looping_plugin_fails_within_ten_seconds(qapp):
    target, project = open_project(SCENARIOS / "looping")
    t0 = time.monotonic()
    [result] = run(run_files(target, project, find_scenarios(project.root)), 60000)
    elapsed = time.monotonic() - t0
    assert not result.passed
    assert "stopped responding" in result.reason
    assert elapsed < 10, elapsed


def test_published_style_plugin_runs_unchanged(qapp):
    target, project = open_project(SCENARIOS / "published")
    [result] = run(run_files(target, project, find_scenarios(project.root)), 60000)
    assert result.passed, result.failure_text()


def test_bad_scenario_file_is_a_failure_with_its_position(qapp, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsteps:\n  - clikc: {selector: '#x'}\n")
    target, project = open_project(SAMPLES / "pexip-recording")
    [result] = run(run_files(target, project, [bad]), 60000)
    assert not result.passed and "bad.yaml:3:5: unknown step 'clikc' (did you mean 'click'?)" in result.reason


def test_plugin_hanging_at_load_fails_the_start_within_ten_seconds(qapp):
    target, project = open_project(SCENARIOS / "loadloop")
    t0 = time.monotonic()
    [result] = run(run_files(target, project, find_scenarios(project.root)), 60000)
    assert time.monotonic() - t0 < 10
    assert not result.passed and result.failed_step.startswith("start") and "stopped responding" in result.reason
