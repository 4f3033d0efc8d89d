"""The Pexip scenario vocabulary: the audience, plugin items, dialogs, the action stream, host settings."""

from __future__ import annotations

import pytest

from workbench.core.scenario import ScenarioError, parse_scenario
from workbench.targets.pexip.scenario import vocabulary

EXAMPLE = """
name: recording flips its label
plugin: recording-plugin-1.0
role: chair
platform: web
conference: {name: meet.alice, locked: false, guestsMuted: false, chatEnabled: true, mediaType: video, started: true}
self: {name: Alice}
participants:
  - {name: Bob, role: guest, uuid: bob}
host: {fail_dial: "^invalid", send_request_callback: reply}
steps:
  - expect: {item: {location: toolbar, index: 0}, label: Start recording}
  - click: {location: toolbar, index: 0}
  - expect: {dialog: Record alias}
  - click: {selector: "#start"}
  - expect: {item: {location: participants, participant: bob, index: 0}, label: Mute}
  - dispatch: {type: "[Conference] Connect Success", payload: {alias: meet.alice, joinRole: HOST}}
"""


def parse(text: str):
    return parse_scenario(text, "a.yaml", vocabulary())


def test_the_pexip_example_parses():
    s = parse(EXAMPLE)
    assert s.header["plugin"] == "recording-plugin-1.0" and s.header["role"] == "chair"
    assert s.header["host"]["fail_dial"] == "^invalid"
    assert [st.kind for st in s.steps][:3] == ["expect", "click", "expect"]
    assert s.steps[1].value.item().location == "toolbar"
    assert s.steps[0].pos.line == 12 and s.steps[0].pos.column == 5


@pytest.mark.parametrize("text, where, words", [
    ("steps:\n  - expect: {item: {location: tool}}\n", "a.yaml:2:", "must be toolbar, conference or participants"),
    ("role: boss\nsteps: [wait: 1]\n", "a.yaml:1:7", "must be chair or guest, not 'boss'"),
    ("steps:\n  - click: {location: participants, index: 0}\n", "a.yaml:2:", "needs `participant`"),
    ("steps:\n  - click: {}\n", "a.yaml:2:", "expected {location: toolbar"),
    ("host: {fail_dial: '(unclosed'}\nsteps: [wait: 1]\n", "a.yaml:1:", "not a valid regular expression"),
    ("host: {fail_dal: x}\nsteps: [wait: 1]\n", "a.yaml:1:", "unknown key 'fail_dal'"),
])
def test_errors_carry_positions(text, where, words):
    with pytest.raises(ScenarioError) as info:
        parse(text)
    assert str(info.value).startswith(where) and words in str(info.value), str(info.value)
