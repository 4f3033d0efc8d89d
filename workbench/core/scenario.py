"""Scenario files: what `workbench test` replays against a host session (Qt-free model and loader).

A scenario is a YAML (or JSON) file, by default in the project's `scenarios/` folder:

```yaml
name: recording flips its label
plugin: recording-plugin-1.0        # plugin id; optional when the project has one plugin
role: chair                         # the local user's role (chair | guest), default chair
platform: web                       # web | electron | ios | android, default web
conference: {name: meet.alice, locked: false, guestsMuted: false, chatEnabled: true, mediaType: video, started: true}
self: {name: Alice}                 # the local participant (uuid optional)
participants:                       # the others at start (any participant property may be given)
  - {name: Bob, role: guest, uuid: bob}
timeout: 2000                       # optional: default timeout of every expect, in ms
allow_errors: false                 # optional: true lets uncaught plugin errors pass (check them with expect: {error})
allow_hosts: [api.example.com]      # optional: hosts the page may reach (everything else is blocked and logged)
host: {fail_dial: "^invalid", send_request_callback: reply}   # optional host-specific settings
steps:
  - expect: {item: {location: toolbar, index: 0}, label: Start recording}
  - click: {location: toolbar, index: 0}          # or {location: participants, participant: bob, index: 0}
                                                  # or {location: conference, label: ...} or {selector: "#start"}
  - expect: {dialog: Record alias}                # a dialog with this title is open
  - fill: {selector: "#alias", value: "rtmp://rec.example/live"}
  - expect: {call: dialOut, args: ["rtmp://rec.example/live", auto, guest]}   # args: a prefix of the call's arguments
  - join: {name: Carol, role: guest, uuid: carol}
  - update: {participant: carol, set: {muted: true}}
  - leave: {participant: carol}
  - dispatch: {type: "[Conference] Connect Success", payload: {alias: meet.alice, joinRole: HOST}}
  - chat: {from: bob, text: hello}                # a message into the conference (RECEIVE_CHAT_MESSAGE)
  - expect: {conference: {locked: true}}          # simulated conference state, partial match
  - expect: {participant: bob, has: {muted: true}}
  - expect: {selector: "#toast", text: muted by the host}   # an element exists (containing the text, if given)
  - expect: {no_errors: true}                     # no uncaught error so far
  - expect: {error: "boom"}                       # an uncaught error whose message contains the text
  - wait: 200                                     # ms
```

Every `expect` polls until it holds or its `timeout` (ms, default 2000, settable per step) runs out; the failure
message says what was expected and what was seen. Any uncaught plugin error fails the step during which it
happened, unless `allow_errors: true`. Hosts add their own steps and expectations (see workbench/sandbox/session.py).
Load errors carry the file, line and column of the offending key.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.diagnostics import Position
from workbench.core.safeio import UnsafeFile, read_regular
from workbench.core.scenario_source import ScenarioError, _Positions, decode, load_json, load_yaml

COMMON_STEPS = frozenset({"expect", "click", "fill", "join", "update", "leave", "dispatch", "chat", "wait"})
COMMON_EXPECT_KEYS = frozenset({"item", "dialog", "call", "conference", "participant", "selector", "no_errors",
                                "error"})
EXPECT_MODIFIERS = frozenset({"label", "icon", "args", "has", "text", "timeout", "count", "result"})
TOP_KEYS = frozenset({"name", "plugin", "role", "platform", "conference", "self", "participants", "steps",
                      "timeout", "allow_errors", "allow_hosts", "host", "description"})
ROLES = ("chair", "guest")
PLATFORMS = ("web", "electron", "ios", "android")
DEFAULT_TIMEOUT_MS = 2000
# Bounds of what a scenario file may ask for: hostile files are refused with their place, never a hang or a crash.
MAX_SCENARIO_BYTES = 16 * 1024 * 1024
MAX_DURATION_MS = 24 * 3600 * 1000  # no timeout or wait is longer than a day


@dataclass
class Step:
    """One step: its name (`expect`, `click`...), its value, and where it is written."""

    kind: str
    value: Any
    index: int  # 1-based position in the steps list
    pos: Position | None = None

    def describe(self) -> str:
        return f"step {self.index} ({self.kind}: {json.dumps(self.value, default=str, ensure_ascii=False)})"

    def timeout_ms(self, default: int = DEFAULT_TIMEOUT_MS) -> int:
        if isinstance(self.value, dict) and isinstance(self.value.get("timeout"), (int, float)):
            return int(self.value["timeout"])
        return default


@dataclass
class Scenario:
    """A parsed scenario file."""

    name: str
    file: str
    steps: list[Step]
    plugin: str | None = None
    role: str = "chair"
    platform: str = "web"
    conference: dict = field(default_factory=dict)
    self_participant: dict = field(default_factory=dict)
    participants: list[dict] = field(default_factory=list)
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    allow_errors: bool = False
    allow_hosts: list[str] = field(default_factory=list)
    host: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # target-specific top-level keys

    @property
    def line(self) -> int:
        return 1


def is_duration_ms(value: Any) -> bool:
    """A number of milliseconds a step may wait: finite, not a boolean, from 0 up to MAX_DURATION_MS."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) \
        and 0 <= value <= MAX_DURATION_MS


def _check_host(data: Any, pos: _Positions) -> None:
    """Host settings the simulated conference compiles: a bad fail_dial regex is reported here, with its place."""
    host = data.get("host") if isinstance(data, dict) else None
    if not isinstance(host, dict) or "fail_dial" not in host:
        return
    pattern = host["fail_dial"]
    if not isinstance(pattern, str):
        raise pos.error(("host", "fail_dial"), "`fail_dial` is a regular expression (text), e.g. \"^invalid\"")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise pos.error(("host", "fail_dial"), f"`fail_dial` is not a valid regular expression: {exc}") from None


def load_scenario(path: str | Path, *, extra_steps: frozenset[str] = frozenset(),
                  extra_expect: frozenset[str] = frozenset(), extra_keys: frozenset[str] = frozenset(),
                  display_name: str | None = None) -> Scenario:
    """Read and check a scenario file; raises ScenarioError with file:line:column on any problem."""
    path = Path(path)
    file = display_name or str(path)
    try:
        data = read_regular(path, MAX_SCENARIO_BYTES)
    except UnsafeFile as exc:
        raise ScenarioError(file, None, f"cannot read the scenario: it {exc.problem.what}") from None
    except OSError as exc:
        raise ScenarioError(file, None, f"cannot read the scenario: {exc.strerror or exc}") from None
    return parse_scenario(decode(data, file), file, json_format=path.suffix.lower() == ".json",
                          extra_steps=extra_steps, extra_expect=extra_expect, extra_keys=extra_keys,
                          default_name=path.stem)


def parse_scenario(text: str, file: str, *, json_format: bool = False, extra_steps: frozenset[str] = frozenset(),
                   extra_expect: frozenset[str] = frozenset(), extra_keys: frozenset[str] = frozenset(),
                   default_name: str = "scenario") -> Scenario:
    """Parse scenario text (YAML, or JSON when json_format)."""
    data, pos = load_json(text, file) if json_format else load_yaml(text, file)
    _check_host(data, pos)
    from workbench.core.scenario_check import build_scenario
    return build_scenario(data, pos, file, COMMON_STEPS | extra_steps, COMMON_EXPECT_KEYS | extra_expect,
                          TOP_KEYS | extra_keys, default_name)


def find_scenarios(root: Path) -> list[Path]:
    """The project's scenario files: scenarios/*.yaml|*.yml|*.json, sorted by name."""
    folder = Path(root) / "scenarios"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml", ".json"))
