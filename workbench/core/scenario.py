"""Scenario files: what `workbench test` replays against a host session (Qt-free model and loader).

A scenario is a YAML (or JSON) file, by default in the project's `scenarios/` folder:

```yaml
name: the button opens its dialog     # optional, default: the file name
timeout: 2000                         # optional: default timeout of every expect, in ms
allow_errors: false                   # optional: true lets uncaught plugin errors pass (check them with expect: {error})
allow_hosts: [api.example.com]        # optional: hosts the page may reach (everything else is blocked and logged)
# ...the host's own keys (who is in the conference, which user, the plugin process's environment...)
steps:
  - click: {selector: "#start"}
  - fill: {selector: "#alias", value: "rtmp://rec.example/live"}
  - expect: {selector: "#toast", text: recording}   # retried until it holds or its timeout runs out
  - expect: {call: dialOut, args: ["rtmp://rec.example/live"]}
  - expect: {no_errors: true}
  - wait: 200
```

The vocabulary (steps, `expect` subjects, header keys) comes from the host: the common page steps, those of its
capabilities (a simulated conference adds join/update/leave/chat) and its own. Every value is checked against its
step's model when the file is read; a problem is a ScenarioError with the file, line and column of the offending
key. Any uncaught plugin error fails the step during which it happened, unless `allow_errors: true`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from workbench.core.diagnostics import Position
from workbench.core.steps import StepSpec, Vocabulary

DEFAULT_TIMEOUT_MS = 2000
COMMON_HEADER_DOCS = {
    "name": "what the scenario shows (default: the file name)",
    "description": "free text",
    "timeout": "default timeout of every expect, in ms (default 2000)",
    "allow_errors": "true lets uncaught plugin errors pass (check them with expect: {error})",
    "allow_hosts": "hosts the page may reach; everything else is blocked and logged",
    "steps": "the steps, in order",
}


class ScenarioError(Exception):
    """A scenario file that cannot be run: the message starts with file:line:column."""

    def __init__(self, file: str, pos: Position | None, message: str):
        self.file, self.pos, self.reason = file, pos, message
        where = f"{file}:{pos.line}:{pos.column}" if pos else file
        super().__init__(f"{where}: {message}")


@dataclass
class Step:
    """One step: its name (`expect`, `click`...), its typed value, the spec that runs it, and where it is written."""

    kind: str
    value: Any
    index: int  # 1-based position in the steps list
    pos: Position | None = None
    raw: Any = None  # the value as written
    spec: StepSpec | None = None  # for `expect`: the subject's spec

    def describe(self) -> str:
        shown = self.raw if self.raw is not None else self.value
        return f"step {self.index} ({self.kind}: {json.dumps(shown, default=str, ensure_ascii=False)})"

    def timeout_ms(self, default: int = DEFAULT_TIMEOUT_MS) -> int:
        timeout = getattr(self.value, "timeout", None)
        return int(timeout) if isinstance(timeout, (int, float)) else default


@dataclass
class Scenario:
    """A parsed scenario file: the common settings, the host's header keys (validated) and the steps."""

    name: str
    file: str
    steps: list[Step]
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    allow_errors: bool = False
    allow_hosts: list[str] = field(default_factory=list)
    header: dict[str, Any] = field(default_factory=dict)  # the host's own top-level keys, as validated
    description: str = ""


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


def load_scenario(path: str | Path, vocabulary: Vocabulary, *, display_name: str | None = None) -> Scenario:
    """Read and check a scenario file; raises ScenarioError with file:line:column on any problem."""
    path = Path(path)
    file = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(file, None, f"cannot read the scenario: {exc}") from None
    return parse_scenario(text, file, vocabulary, json_format=path.suffix.lower() == ".json",
                          default_name=path.stem)


def parse_scenario(text: str, file: str, vocabulary: Vocabulary, *, json_format: bool = False,
                   default_name: str = "scenario") -> Scenario:
    """Parse scenario text (YAML, or JSON when json_format) against a host's vocabulary."""
    data, pos = _load_json(text, file) if json_format else _load_yaml(text, file)
    from workbench.core.scenario_check import build_scenario
    return build_scenario(data, pos, file, vocabulary, default_name)


def find_scenarios(root: Path, folder: Path | None = None) -> list[Path]:
    """The project's scenario files: *.yaml|*.yml|*.json in folder (default scenarios/), sorted by name."""
    folder = Path(folder) if folder is not None else Path(root) / "scenarios"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml", ".json"))
