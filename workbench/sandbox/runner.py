"""The scenario runner: one host session per scenario, steps in order, a result per scenario.

Shared by `workbench test` and the window; it waits on the event loop (signals, JS callbacks), never sleeps.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from workbench.core.scenario import Scenario, ScenarioError, load_scenario
from workbench.core.scenario_report import ScenarioResult
from workbench.sandbox.session import HostSession, SessionError, SessionSetup, StepFailure

LOG_TAIL = 15


def runtime_of(project) -> ModuleType:
    """The target's runtime module (workbench.targets.<target>.runtime)."""
    return importlib.import_module(f"workbench.targets.{project.target}.runtime")


def load_for(project, path: Path, runtime: ModuleType | None = None) -> Scenario:
    """Load a scenario file with the steps and keys the project's host adds; raises ScenarioError."""
    runtime = runtime or runtime_of(project)
    try:
        shown = str(Path(path).resolve().relative_to(Path(project.root).resolve()))
    except ValueError:
        shown = str(path)
    return load_scenario(path, extra_steps=getattr(runtime, "EXTRA_STEPS", frozenset()),
                         extra_expect=getattr(runtime, "EXTRA_EXPECT", frozenset()),
                         extra_keys=getattr(runtime, "EXTRA_KEYS", frozenset()), display_name=shown)


def run_scenario(project, scenario: Scenario, runtime: ModuleType | None = None,
                 on_session: Callable[[HostSession], None] | None = None) -> ScenarioResult:
    """Run one scenario in a fresh session; never raises for scenario problems (they are the result)."""
    runtime = runtime or runtime_of(project)
    result = ScenarioResult(scenario.name, scenario.file, passed=False)
    t0 = time.perf_counter()
    session: HostSession | None = None
    try:
        session = runtime.create_session(project, SessionSetup.from_scenario(scenario))
        if on_session:
            on_session(session)
        try:
            session.start()
            if not scenario.allow_errors:
                session.settle()
                session.check_errors(0)
        except (SessionError, StepFailure) as exc:
            result.failed_step = "start (loading the plugins)"
            result.reason = str(exc)
            return result
        for step in scenario.steps:
            where = f"{step.describe()} at {scenario.file}:{step.pos.line}:{step.pos.column}" if step.pos \
                else step.describe()
            since = session.log.last_seq
            s0 = time.perf_counter()
            try:
                session.apply_step(step)
                if not scenario.allow_errors:
                    if step is scenario.steps[-1]:
                        session.settle()
                    session.check_errors(since)
            except StepFailure as exc:
                result.failed_step, result.reason = where, str(exc)
                return result
            result.step_ms.append((time.perf_counter() - s0) * 1000)
            result.steps_run += 1
        result.passed = True
        return result
    except Exception as exc:  # a bug in a host emulation must not stop the other scenarios
        result.reason = f"internal error: {type(exc).__name__}: {exc}"
        return result
    finally:
        result.seconds = time.perf_counter() - t0
        if session is not None:
            if not result.passed:
                result.log_tail = session.log.tail(LOG_TAIL)
            session.close()


def run_files(project, paths: list[Path], allow_hosts: list[str] | tuple[str, ...] = ()) -> list[ScenarioResult]:
    """Load and run scenario files; a file that does not load is a failed result naming the line.
    `allow_hosts` (the project's workbench.toml) are added to every scenario's own."""
    runtime = runtime_of(project)
    results = []
    for path in paths:
        try:
            scenario = load_for(project, path, runtime)
        except ScenarioError as exc:
            results.append(ScenarioResult(Path(path).stem, str(path), passed=False, reason=str(exc)))
            continue
        if allow_hosts:
            scenario.allow_hosts = sorted(set(scenario.allow_hosts) | set(allow_hosts))
        results.append(run_scenario(project, scenario, runtime))
    return results
