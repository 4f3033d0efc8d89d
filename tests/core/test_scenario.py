"""Scenario files: parsing YAML and JSON, errors with positions, JUnit output."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from workbench.core.scenario import ScenarioError, find_scenarios, load_scenario, parse_scenario
from workbench.core.scenario_report import ScenarioResult, write_junit

ISSUE_EXAMPLE = """
name: recording flips its label
plugin: recording-plugin-1.0
role: chair
platform: web
conference: {name: meet.alice, locked: false, guestsMuted: false, chatEnabled: true, mediaType: video, started: true}
self: {name: Alice}
participants:
  - {name: Bob, role: guest, uuid: bob}
steps:
  - expect: {item: {location: toolbar, index: 0}, label: Start recording}
  - click: {location: toolbar, index: 0}
  - expect: {dialog: Record alias}
  - fill: {selector: "#alias", value: "rtmp://rec.example/live"}
  - click: {selector: "#start"}
  - expect: {call: dialOut, args: ["rtmp://rec.example/live", auto, guest]}
  - expect: {item: {location: participants, participant: bob, index: 0}, label: Mute}
  - join: {name: Carol, role: guest, uuid: carol}
  - update: {participant: carol, set: {muted: true}}
  - leave: {participant: carol}
  - dispatch: {type: "[Conference] Connect Success", payload: {alias: meet.alice, joinRole: HOST}}
  - chat: {from: bob, text: hello}
  - expect: {conference: {locked: true}}
  - expect: {participant: bob, has: {muted: true}}
  - expect: {selector: "#toast", text: muted by the host}
  - expect: {no_errors: true}
  - wait: 200
"""


def test_the_issue_example_parses():
    s = parse_scenario(ISSUE_EXAMPLE, "a.yaml")
    assert s.name == "recording flips its label" and s.plugin == "recording-plugin-1.0"
    assert s.participants == [{"name": "Bob", "role": "guest", "uuid": "bob"}]
    assert [st.kind for st in s.steps][:3] == ["expect", "click", "expect"]
    assert s.steps[0].pos.line == 11 and s.steps[0].pos.column == 5
    assert s.steps[-1].value == 200 and s.conference["name"] == "meet.alice"


@pytest.mark.parametrize("text, where, words", [
    ("steps:\n  - clik: {selector: x}\n", "a.yaml:2:5", "unknown step 'clik' (did you mean 'click'?)"),
    ("name: x\nstepz: []\n", "a.yaml:2:1", "unknown key 'stepz'"),
    ("steps:\n  - expect: {item: {location: tool}}\n", "a.yaml:2:", "location must be one of"),
    ("steps:\n  - expect: {labl: x}\n", "a.yaml:2:", "unknown key 'labl'"),
    ("role: boss\nsteps: [wait: 1]\n", "a.yaml:1:7", "role must be one of chair, guest"),
    ("steps: [\n", "a.yaml:2:1", "invalid YAML"),
    ("name: x\n", "a.yaml:1:1", "non-empty `steps`"),
    ("steps:\n  - wait: soon\n", "a.yaml:2:", "wait takes a number of milliseconds"),
    ("steps:\n  - update: {participant: bob}\n", "a.yaml:2:", "missing `set`"),
])
def test_errors_carry_positions(text, where, words):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "a.yaml")
    assert str(info.value).startswith(where) and words in str(info.value)


def test_json_scenarios_with_positions():
    s = parse_scenario('{"steps": [{"wait": 5}]}', "b.json", json_format=True)
    assert s.steps[0].kind == "wait"
    with pytest.raises(ScenarioError, match=r"^b.json:2:12: wait: wait takes"):
        parse_scenario('{"steps": [\n  {"wait": -1}]}', "b.json", json_format=True)
    with pytest.raises(ScenarioError, match=r"^b.json:1:\d+: invalid JSON"):
        parse_scenario('{"steps": [', "b.json", json_format=True)


def test_host_steps_are_opt_in():
    with pytest.raises(ScenarioError, match="unknown step 'start'"):
        parse_scenario("steps:\n  - start\n", "x.yaml")
    s = parse_scenario("steps:\n  - start\n  - expect: {process: running}\n", "x.yaml",
                       extra_steps=frozenset({"start"}), extra_expect=frozenset({"process"}))
    assert [st.kind for st in s.steps] == ["start", "expect"]


def test_find_and_load_files(tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "b.json").write_text('{"steps": [{"wait": 1}]}')
    (tmp_path / "scenarios" / "a.yaml").write_text("steps:\n  - wait: 1\n")
    (tmp_path / "scenarios" / "notes.txt").write_text("x")
    found = find_scenarios(tmp_path)
    assert [p.name for p in found] == ["a.yaml", "b.json"]
    assert load_scenario(found[0]).name == "a"


def test_junit_report(tmp_path):
    ok = ScenarioResult("passes", "scenarios/a.yaml", True, seconds=0.5, steps_run=3)
    bad = ScenarioResult("fails", "scenarios/b.yaml", False, seconds=1.0, failed_step="step 2 (click: {})",
                         reason="no element matches '#x'", log_tail=["[call] dialOut()"])
    out = tmp_path / "junit.xml"
    write_junit([ok, bad], out)
    root = ET.parse(out).getroot()
    assert root.get("tests") == "2" and root.get("failures") == "1"
    failure = root.find(".//testcase[@name='fails']/failure")
    assert "step 2 (click: {})" in failure.get("message") and "[call] dialOut()" in failure.text
    assert root.find(".//testcase[@name='passes']/failure") is None
