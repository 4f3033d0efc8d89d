"""Scenario speed: time per scenario step over the Pexip samples' scenarios, against a bare JS round trip.

`scenario_step_ms_median`: median wall time of one step (every step of every scenario of the Pexip samples).
`js_roundtrip_ms_median`: median of a bare `runJavaScript("1")` round trip on the same host page, same run.
Also `scenario_start_ms_median`: a session's start (page load, plugins, conference connect).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SAMPLES = ("pexip-recording", "pexip-conference-tools")
ROUNDS = 3


def scenario_figures() -> dict:
    from workbench.sandbox.environment import ensure_app, prepare_environment
    prepare_environment()
    ensure_app()
    from timing import run  # benchmarks/timing.py (the runner puts benchmarks/ on the path)

    return run(_figures())


async def _figures() -> dict:
    from timing import median_ms_async

    from workbench.core.scenario import find_scenarios
    from workbench.registry import open_project
    from workbench.sandbox.runner import load_for, run_scenario

    steps: list[float] = []
    starts: list[float] = []
    failures: list[str] = []
    for _ in range(ROUNDS):
        for sample in SAMPLES:
            target, project = open_project(REPO / "sample_projects" / sample)
            for path in find_scenarios(project.root):
                result = await run_scenario(target, project, load_for(target, project, path))
                if not result.passed:
                    failures.append(result.name)
                steps += result.step_ms
                starts.append(result.seconds * 1000 - sum(result.step_ms))

    target, project = open_project(REPO / "sample_projects" / SAMPLES[0])
    session = target.create_session(project)
    await session.start()
    try:
        roundtrip = await median_ms_async(lambda: session.page.evaluate("1"), repeat=100, warmup=10)
    finally:
        session.close()
    figures = {
        "scenario_step_ms_median": round(statistics.median(steps), 3),
        "scenario_steps_measured": len(steps),
        "scenario_start_ms_median": round(statistics.median(starts), 1),
        "js_roundtrip_ms_median": roundtrip,
    }
    if failures:
        figures["scenario_failures"] = len(failures)
    return figures


FIGURES = {"scenario_step_ms_median": scenario_figures}

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    t0 = time.perf_counter()
    print(scenario_figures(), f"{time.perf_counter() - t0:.1f} s")
