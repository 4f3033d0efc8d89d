"""Helpers of the host session tests: start sessions that are always closed, run steps and samples."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from qtasync import apply, run, started

START_MS = 15000

__all__ = ["START_MS", "apply", "assert_scenarios_pass", "run", "started_sessions"]


def started_sessions(create: Callable[..., object]) -> Iterator[Callable[..., object]]:
    """The body of a `session_of` fixture (`yield from` it): make(...) creates a session with create(...) and starts
    it; every session made is closed when the test ends, passed or failed."""
    made = []

    def make(*args, **kwargs):
        session = create(*args, **kwargs)
        made.append(session)
        started(session, START_MS)
        return session

    yield make
    for session in made:
        session.close()


def assert_scenarios_pass(root: Path) -> None:
    """The project at root has scenarios and every one of them passes."""
    from workbench.core.scenario import find_scenarios
    from workbench.registry import open_project
    from workbench.sandbox.runner import run_files  # Qt: imported once the test has set the environment up

    target, project = open_project(root)
    results = run(run_files(target, project, find_scenarios(root)), 120000)
    assert results and all(r.passed for r in results), [(r.name, r.failed_step, r.reason) for r in results]
