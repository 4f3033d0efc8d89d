"""Recording a Pexip preview session: controls become steps, page clicks and API calls become steps and checks."""

import yaml

from workbench.core.conference import Conference
from workbench.core.conference.presets import preset_participant
from workbench.core.hostlog import HostLog
from workbench.core.scenario import parse_scenario
from workbench.core.scenario_record import ConferenceDriver, RecordingStart, ScenarioRecorder, conference_header
from workbench.targets.pexip.runtime.api import recorded_check
from workbench.targets.pexip.scenario import vocabulary


def make():
    conf = Conference("meet.alice", self_name="Alice", self_uuid="alice")
    conf.add_participant({"name": "Bob", "uuid": "bob", "role": "guest"}, announce=False)
    conf.connect()
    recorder = ScenarioRecorder()
    dispatched = []
    return conf, recorder, ConferenceDriver(conf, recorder, lambda t, p: dispatched.append((t, p)))


def start(recorder, conf, **header):
    base, stable = conference_header(conf)
    recorder.start(RecordingStart({**header, **base}, stable, recorded_check), name=header.pop("name", ""))


def test_controls_change_the_model_and_are_recorded_as_steps():
    conf, recorder, driver = make()
    start(recorder, conf, role="chair", platform="web", plugin="recording-plugin-1.0")
    recorder.header["name"] = "demo"
    uid = driver.join(preset_participant("streaming recorder", [p["name"] for p in conf.participants.values()]))
    driver.speak("bob")
    driver.raise_hand("bob")
    driver.lock(True)
    driver.chat("bob", "!lock")
    driver.dispatch("[Conference] Custom", {"x": 1})
    driver.leave(uid)
    assert conf.participants["bob"]["vad"] == 100 and conf.participants["bob"]["buzzTime"] > 0
    assert conf.details["locked"] is True and uid not in conf.participants
    data = recorder.scenario()
    assert data["participants"] == [{"name": "Bob", "role": "guest", "uuid": "bob"}]
    kinds = [next(iter(s)) for s in data["steps"]]
    assert kinds == ["join", "update", "update", "update", "chat", "dispatch", "leave", "expect"]
    assert data["steps"][0]["join"]["isStreaming"] is True and data["steps"][0]["join"]["uuid"] == "recorder"
    assert data["steps"][4] == {"chat": {"from": "bob", "text": "!lock"}}
    # the file parses as a scenario `workbench test` accepts
    scenario = parse_scenario(recorder.to_yaml(), "rec.yaml", vocabulary())
    assert scenario.name == "demo" and scenario.header["plugin"] == "recording-plugin-1.0"
    assert len(scenario.steps) == 8


def test_page_events_and_calls_become_steps_and_checks_but_not_when_idle():
    conf, recorder, _driver = make()
    log = HostLog()
    log.listen(recorder.note_entry)
    recorder.note_step({"click": {"location": "toolbar", "index": 0}})  # not recording yet
    start(recorder, conf)
    recorder.note_step({"click": {"location": "toolbar", "index": 0}})
    log.call("openTemplateDialog", [{"title": "Record alias", "body": "<input id=alias>"}])
    recorder.note_step({"fill": {"selector": "#alias", "value": "rtmp://x"}})
    log.call("dialOut", ["rtmp://x", "auto", "guest", "<function>", {"streaming": True}], {"status": "success"})
    log.call("disconnectParticipant", ["00000000-0000-0001-0000-000000000002"])  # a dialled uuid: name only
    log.call("registerPlugin", [{"id": "x"}])
    steps = recorder.scenario()["steps"]
    assert steps == [{"click": {"location": "toolbar", "index": 0}}, {"expect": {"dialog": "Record alias"}},
                     {"fill": {"selector": "#alias", "value": "rtmp://x"}},
                     {"expect": {"call": "dialOut", "args": ["rtmp://x", "auto", "guest"]}},
                     {"expect": {"call": "disconnectParticipant"}}, {"expect": {"no_errors": True}}]
    log.add("error", "boom")
    assert recorder.scenario()["steps"][-1] != {"expect": {"no_errors": True}}


def test_save_writes_yaml(tmp_path):
    conf, recorder, driver = make()
    start(recorder, conf)
    driver.mute_guests(True)
    path = recorder.save(tmp_path / "scenarios" / "x.yaml")
    data = yaml.safe_load(path.read_text())
    assert data["steps"][0] == {"update": {"conference": True, "set": {"guestsMuted": True}}}
