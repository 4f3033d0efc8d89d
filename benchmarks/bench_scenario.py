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
    from timing import median_ms  # benchmarks/timing.py (the runner puts benchmarks/ on the path)

    from workbench.core.scenario import find_scenarios
    from workbench.sandbox.runner import load_for, run_scenario
    from workbench.registry import open_project

    steps: list[float] = []
    starts: list[float] = []
    failures: list[str] = []
    for _ in range(ROUNDS):
        for sample in SAMPLES:
            _target, project = open_project(REPO / "sample_projects" / sample)
            for path in find_scenarios(project.root):
                result = run_scenario(project, load_for(project, path))
                if not result.passed:
                    failures.append(result.name)
                steps += result.step_ms
                starts.append(result.seconds * 1000 - sum(result.step_ms))

    from workbench.sandbox.session import SessionSetup
    from workbench.targets.pexip.runtime import create_session
    _target, project = open_project(REPO / "sample_projects" / SAMPLES[0])
    session = create_session(project, SessionSetup())
    session.start()
    try:
        roundtrip = median_ms(lambda: session.page.eval_js("1"), repeat=100, warmup=10)
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
