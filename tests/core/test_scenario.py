"""Scenario files: parsing YAML and JSON against a vocabulary, errors with positions, JUnit output (host-free)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from workbench.core.conference.steps import CONFERENCE_HEADER, CONFERENCE_STEPS
from workbench.core.page_step_specs import PAGE_STEPS
from workbench.core.scenario import ScenarioError, find_scenarios, load_scenario, parse_scenario
from workbench.core.scenario_report import ScenarioResult, write_junit
from workbench.core.steps import StepSpec, Vocabulary

VOCABULARY = Vocabulary.of((*PAGE_STEPS, *CONFERENCE_STEPS), CONFERENCE_HEADER)

EXAMPLE = """
name: the conference steps
conference: {name: meet.alice, locked: false}
self: {name: Alice}
participants:
  - {name: Bob, role: guest, uuid: bob}
steps:
  - click: {selector: "#start"}
  - fill: {selector: "#alias", value: "rtmp://rec.example/live"}
  - expect: {call: dialOut, args: ["rtmp://rec.example/live", auto, guest]}
  - join: {name: Carol, role: guest, uuid: carol}
  - update: {participant: carol, set: {muted: true}}
  - leave: {participant: carol}
  - chat: {from: bob, text: hello}
  - expect: {conference: {locked: true}}
  - expect: {participant: bob, has: {muted: true}}
  - expect: {selector: "#toast", text: muted by the host}
  - expect: {no_errors: true}
  - wait: 200
"""


def parse(text: str, file: str = "a.yaml", **kw):
    return parse_scenario(text, file, VOCABULARY, **kw)


def test_a_scenario_parses_into_typed_steps_with_positions():
    s = parse(EXAMPLE)
    assert s.name == "the conference steps"
    assert s.header["participants"] == [{"name": "Bob", "role": "guest", "uuid": "bob"}]
    assert [st.kind for st in s.steps][:3] == ["click", "fill", "expect"]
    assert s.steps[0].pos.line == 8 and s.steps[0].pos.column == 5
    assert s.steps[0].value.selector == "#start" and s.steps[2].spec.name == "call"
    assert s.steps[-1].value == 200 and s.header["conference"]["name"] == "meet.alice"


@pytest.mark.parametrize("text, where, words", [
    ("steps:\n  - clik: {selector: x}\n", "a.yaml:2:5", "unknown step 'clik' (did you mean 'click'?)"),
    ("name: x\nstepz: []\n", "a.yaml:2:1", "unknown key 'stepz'"),
    ("steps:\n  - expect: {labl: x}\n", "a.yaml:2:", "unknown key 'labl'"),
    ("steps:\n  - click: {selektor: x}\n", "a.yaml:2:", "unknown key 'selektor' (did you mean 'selector'?)"),
    ("steps: [\n", "a.yaml:2:1", "invalid YAML"),
    ("name: x\n", "a.yaml:1:1", "non-empty `steps`"),
    ("steps:\n  - wait: soon\n", "a.yaml:2:", "expected a number of milliseconds"),
    ("steps:\n  - wait: .inf\n", "a.yaml:2:", "inf is not a usable number"),
    ("steps:\n  - expect: {selector: '#x', timeout: .nan}\n", "a.yaml:2:", "nan is not a usable number"),
    ("steps:\n  - update: {participant: bob}\n", "a.yaml:2:", "missing `set`"),
    ("timeout: -5\nsteps: [wait: 1]\n", "a.yaml:1:", "must be above 0"),
])
def test_errors_carry_positions(text, where, words):
    with pytest.raises(ScenarioError) as info:
        parse(text)
    assert str(info.value).startswith(where) and words in str(info.value), str(info.value)


def test_json_scenarios_with_positions():
    s = parse('{"steps": [{"wait": 5}]}', "b.json", json_format=True)
    assert s.steps[0].kind == "wait"
    with pytest.raises(ScenarioError, match=r"^b.json:2:12: wait: must be at least 0"):
        parse('{"steps": [\n  {"wait": -1}]}', "b.json", json_format=True)
    with pytest.raises(ScenarioError, match=r"^b.json:1:\d+: invalid JSON"):
        parse('{"steps": [', "b.json", json_format=True)


def test_steps_come_from_the_vocabulary():
    with pytest.raises(ScenarioError, match="unknown step 'start'"):
        parse("steps:\n  - start\n")
    bare = StepSpec("start", type(None), "x:y", bare=True)
    vocab = Vocabulary.of((*PAGE_STEPS, bare))
    s = parse_scenario("steps:\n  - start\n  - wait: 1\n", "x.yaml", vocab)
    assert [st.kind for st in s.steps] == ["start", "wait"]


def test_find_and_load_files(tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "b.json").write_text('{"steps": [{"wait": 1}]}')
    (tmp_path / "scenarios" / "a.yaml").write_text("steps:\n  - wait: 1\n")
    (tmp_path / "scenarios" / "notes.txt").write_text("x")
    found = find_scenarios(tmp_path)
    assert [p.name for p in found] == ["a.yaml", "b.json"]
    assert load_scenario(found[0], VOCABULARY).name == "a"


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
