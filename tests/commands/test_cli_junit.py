"""JUnit reports: valid against the Jenkins xunit schema, one suite per scenario file with its timestamp."""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET

import pytest
from junit_schema import schema

from workbench.core.scenario_report import ScenarioResult, junit_text, write_junit


def results() -> list[ScenarioResult]:
    return [
        ScenarioResult("passes", "scenarios/a.yaml", True, seconds=0.5, steps_run=3),
        ScenarioResult("fails", "scenarios/b.yaml", False, seconds=1.25, failed_step="step 2 (click: {})",
                       reason="no element matches '#x'\nseen: nothing", log_tail=["[call] dialOut()"]),
        ScenarioResult("also in b", "scenarios/b.yaml", True, seconds=0.25, steps_run=1),
    ]


def test_one_suite_per_scenario_file_with_timestamp_hostname_and_counts(tmp_path):
    out = tmp_path / "reports" / "junit.xml"
    write_junit(results(), out)
    root = ET.parse(out).getroot()
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "1")
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures"), s.get("time")) for s in suites] == [
        ("scenarios/a.yaml", "1", "0", "0.500"), ("scenarios/b.yaml", "2", "1", "1.500")]
    for suite in suites:
        assert suite.get("hostname") == socket.gethostname()
        assert len(suite.get("timestamp")) == 19 and suite.get("timestamp")[10] == "T"
    assert all(case.get("file") is None for case in root.iter("testcase"))
    failure = root.find(".//testcase[@name='fails']/failure")
    assert failure.get("message") == "step 2 (click: {}): no element matches '#x'"
    assert "[call] dialOut()" in failure.text


@pytest.mark.slow
def test_report_is_valid_against_the_jenkins_junit_schema(tmp_path):
    validator = schema()
    validator.validate(junit_text(results()))
    validator.validate(junit_text([]))
    out = tmp_path / "junit.xml"
    write_junit(results(), out)
    validator.validate(str(out))
