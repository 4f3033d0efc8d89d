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

from workbench.core.diagnostics import Position
from workbench.core.safeio import UnsafeFile, read_regular
from workbench.core.scenario_defaults import DEFAULT_TIMEOUT_MS  # noqa: F401 (part of the format)
from workbench.core.scenario_source import ScenarioError, _Positions, decode, load_json, load_yaml  # noqa: F401
from workbench.core.steps import StepSpec, Vocabulary

MAX_SCENARIO_BYTES = 16 * 1024 * 1024  # a hostile file is refused with its place, never a hang or a crash
COMMON_HEADER_DOCS = {
    "name": "what the scenario shows (default: the file name)",
    "description": "free text",
    "timeout": "default timeout of every expect, in ms (default 2000)",
    "allow_errors": "true lets uncaught plugin errors pass (check them with expect: {error})",
    "allow_hosts": "hosts the page may reach; everything else is blocked and logged",
    "steps": "the steps, in order",
}


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


def load_scenario(path: str | Path, vocabulary: Vocabulary, *, display_name: str | None = None) -> Scenario:
    """Read and check a scenario file; raises ScenarioError with file:line:column on any problem."""
    path = Path(path)
    file = display_name or str(path)
    try:
        data = read_regular(path, MAX_SCENARIO_BYTES)
    except UnsafeFile as exc:
        raise ScenarioError(file, None, f"cannot read the scenario: it {exc.problem.what}") from None
    except OSError as exc:
        raise ScenarioError(file, None, f"cannot read the scenario: {exc.strerror or exc}") from None
    return parse_scenario(decode(data, file), file, vocabulary, json_format=path.suffix.lower() == ".json",
                          default_name=path.stem)


def parse_scenario(text: str, file: str, vocabulary: Vocabulary, *, json_format: bool = False,
                   default_name: str = "scenario") -> Scenario:
    """Parse scenario text (YAML, or JSON when json_format) against a host's vocabulary."""
    data, pos = load_json(text, file) if json_format else load_yaml(text, file)
    from workbench.core.scenario_check import build_scenario
    return build_scenario(data, pos, file, vocabulary, default_name)


def find_scenarios(root: Path, folder: Path | None = None) -> list[Path]:
    """The project's scenario files: *.yaml|*.yml|*.json in folder (default scenarios/), sorted by name."""
    folder = Path(folder) if folder is not None else Path(root) / "scenarios"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml", ".json"))
