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

import yaml

from workbench.core.diagnostics import Position
from workbench.core.safeio import UnsafeFile, read_regular

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
MAX_DEPTH = 64  # nesting of lists and mappings
MAX_EXPANSION, MAX_EXPANSION_FLOOR = 10, 100_000  # aliases may expand to 10 times the file's values past 100k
MAX_DURATION_MS = 24 * 3600 * 1000  # no timeout or wait is longer than a day


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


def _load_yaml(text: str, file: str) -> tuple[Any, _Positions]:
    pos = _Positions(file)
    loader = None
    try:
        loader = _BoundedLoader(text)  # the reader checks every character as it starts
        node = loader.get_single_node()
    except _TooBig as exc:
        raise ScenarioError(file, _where(exc.mark), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ScenarioError(file, _where(mark), f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:
        raise ScenarioError(file, _offset_position(text, exc.position), f"invalid YAML: {exc}".split("\n")[0]) \
            from None
    except yaml.YAMLError as exc:
        raise ScenarioError(file, None, f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise ScenarioError(file, Position(1, 1), "empty scenario file")
    return _Values(loader, pos).of(node, ()), pos


def _where(mark) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


def _offset_position(text: str, offset: int) -> Position:
    """1-based line and column of a character offset."""
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


class _TooBig(Exception):
    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


class _BoundedLoader(yaml.SafeLoader):
    """A composer that refuses what would make the values explode: nesting deeper than MAX_DEPTH, recursive aliases,
    and aliases that expand to far more values than the file holds (a "billion laughs" file). Sizes and depths are
    counted per node as it is composed, so a hostile file costs no more than its own length."""

    def __init__(self, text: str):
        super().__init__(text)
        self._depth = 0
        self._open: set[str] = set()  # anchors whose node is being composed
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (values once aliases expand, depth)
        self._composed = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) and event.anchor in self._open:
            raise _TooBig(event.start_mark, f"recursive alias *{event.anchor}: the value contains itself")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooBig(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        anchor = None if isinstance(event, yaml.AliasEvent) else getattr(event, "anchor", None)
        if anchor:
            self._open.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open.discard(anchor)
        if id(node) not in self._shape:
            self._composed += 1
            self._measure(node, event.start_mark)
        return node

    def _measure(self, node: yaml.Node, mark) -> None:
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        shapes = [self._shape.get(id(c), (1, 1)) for c in children]
        size = 1 + sum(s for s, _ in shapes)
        depth = 1 + max((d for _, d in shapes), default=0)
        if depth > MAX_DEPTH:
            raise _TooBig(mark, f"aliases nest the values more than {MAX_DEPTH} levels deep")
        if size > MAX_EXPANSION_FLOOR and size > MAX_EXPANSION * self._composed:
            raise _TooBig(mark, f"aliases expand this value to {size} values, far more than the file holds "
                                "(a \"billion laughs\" file?): write the values out instead")
        self._shape[id(node)] = (size, depth)


class _Values:
    """Python values of composed YAML nodes, with the position of each (tags are checked as values are built)."""

    DEFAULT_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")

    def __init__(self, loader: yaml.SafeLoader, pos: _Positions):
        self.loader, self.pos = loader, pos

    def of(self, node: yaml.Node, path: tuple) -> Any:
        where = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        self.pos.at[path] = where
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in self.DEFAULT_TAGS:
            raise ScenarioError(self.pos.file, where, f"the tag {_tag_name(node.tag)} is not supported in a scenario")
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                key_at = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise ScenarioError(self.pos.file, key_at, "a key must be a plain value (text or a number), "
                                                                "not a list or a mapping")
                key = self.scalar(key_node, key_at)
                try:
                    hash(key)
                except TypeError:
                    raise ScenarioError(self.pos.file, key_at, "a key must be a plain value (text or a number)") \
                        from None
                self.pos.key_at[path + (key,)] = key_at
                out[key] = self.of(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.of(v, path + (i,)) for i, v in enumerate(node.value)]
        return self.scalar(node, where)

    def scalar(self, node: yaml.Node, where: Position) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            raise ScenarioError(self.pos.file, where, f"cannot read {shown!r} as {_tag_name(node.tag)}: "
                                                      f"{problem}") from None
        return _finite(value, self.pos.file, where)


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _finite(value: Any, file: str, where: Position | None) -> Any:
    """The value, unless it is a number no step can use (.inf, .nan, 1e999)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(file, where, f"{value} is not a usable number: write a finite number")
    return value


def _load_json(text: str, file: str) -> tuple[Any, _Positions]:
    from workbench.core.jsondoc import parse_json
    _check_json_depth(text, file)
    doc = parse_json(text, file)
    if not doc.ok:
        first = next((d for d in doc.diagnostics if d.severity.value == "error"), None)
        where = first.range.start if first else Position(1, 1)
        raise ScenarioError(file, where, f"invalid JSON: {first.message if first else 'no value'}")
    pos = _Positions(file)

    def visit(node, path: tuple) -> None:
        pos.at[path] = node.range.start
        _finite(node.value, file, node.range.start)
        for key, child in node.members.items():
            pos.key_at[path + (key,)] = node.key_ranges[key].start if key in node.key_ranges else child.range.start
            visit(child, path + (key,))
        for i, child in enumerate(node.items):
            visit(child, path + (i,))

    visit(doc.root, ())
    return doc.value, pos


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _check_json_depth(text: str, file: str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH before building it (the builder recurses once per level)."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ScenarioError(file, _offset_position(text, match.start()),
                                    f"nested more than {MAX_DEPTH} levels deep")
        elif token in "]}":
            depth = max(0, depth - 1)


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


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8")
        raise ScenarioError(file, _offset_position(good, len(good)), f"byte 0x{data[exc.start]:02x} is not valid "
                                                                     "UTF-8: save the scenario as UTF-8") from None


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
    return parse_scenario(_decode(data, file), file, json_format=path.suffix.lower() == ".json",
                          extra_steps=extra_steps, extra_expect=extra_expect, extra_keys=extra_keys,
                          default_name=path.stem)


def parse_scenario(text: str, file: str, *, json_format: bool = False, extra_steps: frozenset[str] = frozenset(),
                   extra_expect: frozenset[str] = frozenset(), extra_keys: frozenset[str] = frozenset(),
                   default_name: str = "scenario") -> Scenario:
    """Parse scenario text (YAML, or JSON when json_format)."""
    data, pos = _load_json(text, file) if json_format else _load_yaml(text, file)
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
