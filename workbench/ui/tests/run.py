"""A run of scenarios in the visible preview: the runner of `workbench test`, one scenario after the other.

The preview's live session makes way for the run (a script plugin's port, a second renderer), each scenario's
session is shown in the preview while it runs, and the live session comes back afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.ui.tests.model import FAILED, PASSED, RUNNING, ScenarioRow

if TYPE_CHECKING:  # the runner and the scenario format load with the first run, not with the window
    from workbench.core.scenario_report import ScenarioResult


class RunListener:
    """What a run tells the panel (all on the GUI thread)."""

    def scenario_started(self, row: ScenarioRow) -> None: ...

    def step_changed(self, row: ScenarioRow, index: int) -> None: ...

    def scenario_finished(self, row: ScenarioRow, snapshot) -> None: ...


async def run_rows(target, project, rows: list[ScenarioRow], controller, listener: RunListener,
                   pace_s: float = 0.0, snapshot: Callable[[], object] | None = None) -> list[ScenarioResult]:
    """Run the rows' scenario files in the preview; their results, in order (a file that does not load fails)."""
    from workbench.core.config import load_config
    allow_hosts = load_config(project.root).allow_hosts
    results = []
    controller.borrow()
    try:
        for row in rows:
            results.append(await _run_one(target, project, row, controller, listener, pace_s, snapshot, allow_hosts))
    finally:
        controller.give_back()
    return results


async def _run_one(target, project, row: ScenarioRow, controller, listener: RunListener, pace_s: float,
                   snapshot: Callable[[], object] | None, allow_hosts) -> ScenarioResult:
    from workbench.core.scenario import ScenarioError
    from workbench.core.scenario_report import ScenarioResult
    from workbench.sandbox.runner import load_for, run_scenario
    row.reset()
    listener.scenario_started(row)
    picture: list = []
    try:
        scenario = load_for(target, project, Path(row.path))
    except ScenarioError as exc:
        result = ScenarioResult(Path(row.path).stem, str(row.path), passed=False, reason=str(exc))
        row.load_error = str(exc)
        row.finish(result)
        listener.scenario_finished(row, None)
        return result
    if allow_hosts:
        scenario.allow_hosts = sorted(set(scenario.allow_hosts) | set(allow_hosts))

    def on_step(index: int, failure: str | None) -> None:
        for step in row.steps:
            if step.state == RUNNING:
                step.state = PASSED
        step = row.step(index)
        if step is not None:
            step.state, step.message = (FAILED, failure) if failure else (RUNNING, "")
        listener.step_changed(row, index)

    def on_end(session, result: ScenarioResult) -> None:
        if not result.passed and snapshot is not None:
            picture.append(snapshot())  # the page as it was when the step failed
        controller.drop_guest(session)

    try:
        result = await run_scenario(target, project, scenario, on_session=controller.show_guest, on_step=on_step,
                                    on_end=on_end, pace_s=pace_s)
    except asyncio.CancelledError:
        row.state = FAILED
        row.finish(ScenarioResult(scenario.name, scenario.file, passed=False, reason="stopped"))
        listener.scenario_finished(row, None)
        raise
    row.finish(result)
    listener.scenario_finished(row, picture[0] if picture else None)
    return result
