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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workbench.core.diagnostics import Position

COMMON_STEPS = frozenset({"expect", "click", "fill", "join", "update", "leave", "dispatch", "chat", "wait"})
COMMON_EXPECT_KEYS = frozenset({"item", "dialog", "call", "conference", "participant", "selector", "no_errors",
                                "error"})
EXPECT_MODIFIERS = frozenset({"label", "icon", "args", "has", "text", "timeout", "count", "result"})
TOP_KEYS = frozenset({"name", "plugin", "role", "platform", "conference", "self", "participants", "steps",
                      "timeout", "allow_errors", "allow_hosts", "host", "description"})
ROLES = ("chair", "guest")
PLATFORMS = ("web", "electron", "ios", "android")
DEFAULT_TIMEOUT_MS = 2000


class ScenarioError(Exception):
    """A scenario file that cannot be run: the message starts with file:line:column."""

    def __init__(self, file: str, pos: Position | None, message: str):
        self.file, self.pos, self.reason = file, pos, message
        where = f"{file}:{pos.line}:{pos.column}" if pos else file
        super().__init__(f"{where}: {message}")


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


class _Positions:
    """Source positions of the values of a loaded document, by path (tuple of keys/indices)."""

    def __init__(self, file: str):
        self.file = file
        self.at: dict[tuple, Position] = {}
        self.key_at: dict[tuple, Position] = {}

    def of(self, path: tuple, key: bool = False) -> Position | None:
        table = self.key_at if key else self.at
        while path and path not in table:
            path = path[:-1]
        return table.get(path) or self.at.get(path)

    def error(self, path: tuple, message: str, key: bool = False) -> ScenarioError:
        return ScenarioError(self.file, self.of(path, key), message)


def _yaml_value(node: yaml.Node, path: tuple, pos: _Positions) -> Any:
    pos.at[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if not isinstance(key_node, yaml.ScalarNode) \
                else _scalar(key_node)
            pos.key_at[path + (key,)] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _yaml_value(value_node, path + (key,), pos)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_yaml_value(v, path + (i,), pos) for i, v in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    return yaml.SafeLoader("").construct_object(node, deep=True) if node.tag else node.value


def _load_yaml(text: str, file: str) -> tuple[Any, _Positions]:
    pos = _Positions(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Position(mark.line + 1, mark.column + 1) if mark else None
        raise ScenarioError(file, where, f"invalid YAML: {exc.problem or exc.context}") from None
    if node is None:
        raise ScenarioError(file, Position(1, 1), "empty scenario file")
    return _yaml_value(node, (), pos), pos


def _load_json(text: str, file: str) -> tuple[Any, _Positions]:
    from workbench.core.jsondoc import parse_json
    doc = parse_json(text, file)
    if not doc.ok:
        first = next((d for d in doc.diagnostics if d.severity.value == "error"), None)
        where = first.range.start if first else Position(1, 1)
        raise ScenarioError(file, where, f"invalid JSON: {first.message if first else 'no value'}")
    pos = _Positions(file)

    def visit(node, path: tuple) -> None:
        pos.at[path] = node.range.start
        for key, child in node.members.items():
            pos.key_at[path + (key,)] = node.key_ranges[key].start if key in node.key_ranges else child.range.start
            visit(child, path + (key,))
        for i, child in enumerate(node.items):
            visit(child, path + (i,))

    visit(doc.root, ())
    return doc.value, pos


def load_scenario(path: str | Path, *, extra_steps: frozenset[str] = frozenset(),
                  extra_expect: frozenset[str] = frozenset(), extra_keys: frozenset[str] = frozenset(),
                  display_name: str | None = None) -> Scenario:
    """Read and check a scenario file; raises ScenarioError with file:line:column on any problem."""
    path = Path(path)
    file = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(file, None, f"cannot read the scenario: {exc}") from None
    return parse_scenario(text, file, json_format=path.suffix.lower() == ".json", extra_steps=extra_steps,
                          extra_expect=extra_expect, extra_keys=extra_keys, default_name=path.stem)


def parse_scenario(text: str, file: str, *, json_format: bool = False, extra_steps: frozenset[str] = frozenset(),
                   extra_expect: frozenset[str] = frozenset(), extra_keys: frozenset[str] = frozenset(),
                   default_name: str = "scenario") -> Scenario:
    """Parse scenario text (YAML, or JSON when json_format)."""
    data, pos = _load_json(text, file) if json_format else _load_yaml(text, file)
    from workbench.core.scenario_check import build_scenario
    return build_scenario(data, pos, file, COMMON_STEPS | extra_steps, COMMON_EXPECT_KEYS | extra_expect,
                          TOP_KEYS | extra_keys, default_name)


def find_scenarios(root: Path) -> list[Path]:
    """The project's scenario files: scenarios/*.yaml|*.yml|*.json, sorted by name."""
    folder = Path(root) / "scenarios"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml", ".json"))
