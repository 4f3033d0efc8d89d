"""What the test panel shows, as plain data: the project's scenarios, their steps, and the last result of each."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the scenario format (pydantic, YAML) loads when scenarios are listed, not with the window
    from workbench.core.scenario_report import ScenarioResult

NOT_RUN, RUNNING, PASSED, FAILED = "not run", "running", "passed", "failed"
PLAIN = re.compile(r"[A-Za-z_][\w .#@/()+=-]*(?<! )")  # a string YAML would read back as the same string


@dataclass
class StepRow:
    """One step as written: its number, its text, where it is."""

    index: int
    text: str
    line: int = 0
    column: int = 0
    state: str = NOT_RUN
    message: str = ""  # why it failed (what was seen)


@dataclass
class ScenarioRow:
    """One scenario file and the outcome of its last run."""

    path: Path
    rel: str  # relative to the project root, '/'-separated
    name: str
    steps: list[StepRow] = field(default_factory=list)
    load_error: str = ""
    state: str = NOT_RUN
    result: ScenarioResult | None = None
    start_failed: bool = False  # the session did not start (no step ran)
    snapshot: bool = False  # the panel holds a picture of the preview when the run failed

    def reset(self) -> None:
        """Before a run: nothing known yet."""
        self.state, self.result, self.start_failed, self.snapshot = RUNNING, None, False, False
        for step in self.steps:
            step.state, step.message = NOT_RUN, ""

    def step(self, index: int) -> StepRow | None:
        return next((s for s in self.steps if s.index == index), None)

    def failed_step(self) -> StepRow | None:
        return next((s for s in self.steps if s.state == FAILED), None)

    def finish(self, result: ScenarioResult) -> None:
        """Take a run's result (the runner's own: what `workbench test` would print)."""
        self.result = result
        self.state = PASSED if result.passed else FAILED
        if result.passed:
            for step in self.steps:
                step.state = PASSED
            return
        failed = self.step(result.failed_index) if getattr(result, "failed_index", 0) else None
        if failed is not None:
            failed.state, failed.message = FAILED, result.reason
        elif not any(s.state == FAILED for s in self.steps):
            self.start_failed = True
        for step in self.steps:
            if step.state == RUNNING:
                step.state = NOT_RUN


def scenario_rows(target, project, folder: Path) -> list[ScenarioRow]:
    """The scenario files of the folder, each with its steps (or why it does not load)."""
    from workbench.core.scenario import ScenarioError, find_scenarios
    from workbench.sandbox.runner import load_for
    rows = []
    root = Path(project.root)
    for path in find_scenarios(root, folder):
        try:
            rel = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = str(path)
        row = ScenarioRow(path, rel, path.stem)
        try:
            scenario = load_for(target, project, path)
        except ScenarioError as exc:
            row.load_error = str(exc)
        else:
            row.name = scenario.name
            row.steps = [step_row(s) for s in scenario.steps]
        rows.append(row)
    return rows


def step_row(step) -> StepRow:
    """A row for a loaded Step: 'click: {location: toolbar, index: 0}' at its line."""
    shown = step.raw if step.raw is not None else step.value
    text = f"{step.kind}: {flow(shown)}" if shown is not None else step.kind
    return StepRow(step.index, text, step.pos.line if step.pos else 0, step.pos.column if step.pos else 0)


def flow(value: Any) -> str:
    """A value as YAML's flow style writes it (quotes only where a plain scalar would be misread), to show."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, str):
        plain = PLAIN.fullmatch(value) and value.lower() not in ("true", "false", "null", "yes", "no", "on", "off")
        return value if plain else json.dumps(value, ensure_ascii=False)
    return str(value)
