"""The scenario runner: one host session per scenario, steps in order, a result per scenario.

Shared by `workbench test` and the window's test panel. Everything is awaited on the qasync loop; several
scenarios may run at once (`jobs`), each in its own session and renderer, with the results in file order.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.scenario import Scenario, ScenarioError, load_scenario
from workbench.core.scenario_report import InOrder, ScenarioResult
from workbench.sandbox.session import HostSession, SessionError, SessionSetup, StepFailure

LOG_TAIL = 15


def load_for(target, project, path: Path) -> Scenario:
    """Load a scenario file with the host's vocabulary; raises ScenarioError."""
    try:
        shown = str(Path(path).resolve().relative_to(Path(project.root).resolve()))
    except (ValueError, OSError):
        shown = str(path)
    return load_scenario(path, target.vocabulary(project), display_name=shown)


async def run_scenario(target, project, scenario: Scenario,
                       on_session: Callable[[HostSession], None] | None = None,
                       on_step: Callable[[int, str | None], None] | None = None,
                       on_end: Callable[[HostSession, ScenarioResult], None] | None = None,
                       pace_s: float = 0.0) -> ScenarioResult:
    """Run one scenario in a fresh session; never raises for scenario problems (they are the result).

    on_step(index, failure) is called as each step starts (failure None) and when one fails (its message);
    on_end(session, result) just before the session closes (a view showing its page lets go of it then);
    pace_s waits before each step, so that a person can follow the run in a visible page."""
    result = ScenarioResult(scenario.name, scenario.file, passed=False)
    t0 = time.perf_counter()
    session: HostSession | None = None
    try:
        session = target.create_session(project, SessionSetup.from_scenario(scenario))
        if on_session:
            on_session(session)
        try:
            await session.start()
            if not scenario.allow_errors:
                await session.settle()
                session.check_errors(0)
        except (SessionError, StepFailure) as exc:
            result.failed_step = "start (loading the plugins)"
            result.reason = str(exc)
            return result
        for step in scenario.steps:
            where = f"{step.describe()} at {scenario.file}:{step.pos.line}:{step.pos.column}" if step.pos \
                else step.describe()
            since = session.log.last_seq
            if pace_s > 0:
                await asyncio.sleep(pace_s)
            s0 = time.perf_counter()
            if on_step:
                on_step(step.index, None)
            try:
                await session.apply_step(step)
                if not scenario.allow_errors:
                    if step is scenario.steps[-1]:
                        await session.settle()
                    session.check_errors(since)
            except StepFailure as exc:
                result.failed_step, result.reason = where, str(exc)
                result.failed_index, result.failed_line = step.index, step.pos.line if step.pos else 0
                if on_step:
                    on_step(step.index, str(exc))
                return result
            result.step_ms.append((time.perf_counter() - s0) * 1000)
            result.steps_run += 1
        result.passed = True
        return result
    except asyncio.CancelledError:
        result.reason = "cancelled"
        raise
    except Exception as exc:  # a bug in a host emulation must not stop the other scenarios
        result.reason = f"internal error: {type(exc).__name__}: {exc}"
        import logging
        logging.getLogger(__name__).exception("scenario %s failed inside the workbench", scenario.name)
        return result
    finally:
        result.seconds = time.perf_counter() - t0
        if session is not None:
            if not result.passed:
                result.log_tail = session.log.tail(LOG_TAIL)
            if on_end:
                on_end(session, result)
            session.close()
            session.deleteLater()


async def run_files(target, project, paths: list[Path], jobs: int = 1,
                    on_result: Callable[[ScenarioResult], None] | None = None,
                    allow_hosts: list[str] | tuple[str, ...] = ()) -> list[ScenarioResult]:
    """Load and run scenario files, up to `jobs` at once; results in the order of paths.

    A file that does not load is a failed result naming the line. `allow_hosts` (the project's workbench.toml) are
    added to every scenario's own. on_result gets each result in the order of paths too, as soon as the results of
    every earlier file are in (so what a caller prints never depends on which session finished first)."""
    gate = asyncio.Semaphore(max(1, int(jobs)))
    in_order = InOrder(on_result)

    async def one(index: int, path: Path) -> ScenarioResult:
        try:
            scenario = load_for(target, project, path)
        except ScenarioError as exc:
            result = ScenarioResult(Path(path).stem, str(path), passed=False, reason=str(exc))
        else:
            if allow_hosts:
                scenario.allow_hosts = sorted(set(scenario.allow_hosts) | set(allow_hosts))
            async with gate:
                result = await run_scenario(target, project, scenario)
        in_order.add(index, result)
        return result

    return list(await asyncio.gather(*(one(i, p) for i, p in enumerate(paths))))
