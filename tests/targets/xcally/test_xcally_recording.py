"""Recording an XCALLY preview session: the header a replay starts from and bare steps that load back."""

import yaml

from workbench.core.scenario import parse_scenario
from workbench.core.scenario_record import RecordingStart, ScenarioRecorder, next_scenario_path
from workbench.targets.xcally.scenario import vocabulary


def test_host_recording_writes_its_header_and_bare_steps_that_load_back(tmp_path):
    recorder = ScenarioRecorder()
    recorder.add("start")  # not recording: ignored
    recorder.start(RecordingStart({"env": {"MOTION_URL": "https://motion.example"}, "restart_delay": 0.5,
                                   "autostart": False}), allow_hosts=["api.example.com"], name="process demo")
    recorder.add("start")
    recorder.add("expect", {"process": "running"})
    recorder.add("kill")
    recorder.stop()
    recorder.add("stop")  # stopped: ignored
    path = recorder.save(next_scenario_path(tmp_path))
    assert path == tmp_path / "scenarios" / "recorded-1.yaml"
    assert next_scenario_path(tmp_path).name == "recorded-2.yaml"
    data = yaml.safe_load(path.read_text())
    assert data["steps"] == ["start", {"expect": {"process": "running"}}, "kill", {"expect": {"no_errors": True}}]
    scenario = parse_scenario(path.read_text(), str(path), vocabulary())
    assert scenario.name == "process demo" and scenario.allow_hosts == ["api.example.com"]
    assert scenario.header == {"env": {"MOTION_URL": "https://motion.example"}, "restart_delay": 0.5,
                               "autostart": False}
    assert [s.kind for s in scenario.steps] == ["start", "expect", "kill", "expect"]
    assert "role" not in data and "conference" not in data  # no conference keys for hosts without one
