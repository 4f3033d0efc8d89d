"""`workbench test PATH [SCENARIO ...] [--junit FILE]`: run scenario files headless (offscreen).

Exit 0 when every scenario passes, 1 when any fails, 2 on bad usage (no project, no scenario, unreadable file).
Qt is imported inside run() only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.opening import open_or_explain


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="the project folder")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                   help="scenario files (default: the project's scenarios/*.yaml|*.json)")
    p.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report")
    p.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")


def _scenario_paths(root: Path, given: list[str]) -> tuple[list[Path], str | None]:
    from workbench.core.scenario import find_scenarios
    if not given:
        found = find_scenarios(root)
        return found, None if found else f"{root}: no scenario files in {root / 'scenarios'} (*.yaml, *.json)"
    paths = []
    for name in given:
        path = Path(name)
        candidates = [path, root / path, root / "scenarios" / path]
        hit = next((c for c in candidates if c.is_file()), None)
        if hit is None:
            return [], f"{name}: no such scenario file"
        paths.append(hit)
    return paths, None


def run(args: argparse.Namespace) -> int:
    opened = open_or_explain(args.path, prog="workbench test")
    if opened is None:
        return 2
    target, project = opened
    paths, problem = _scenario_paths(project.root, args.scenarios)
    if problem:
        print(f"workbench test: {problem}", file=sys.stderr)
        return 2

    from workbench.sandbox.environment import ensure_app, prepare_environment
    prepare_environment()  # env vars, the egress proxy and the URL scheme, before Qt starts
    app = ensure_app()
    import asyncio

    import qasync

    from workbench.core.scenario_report import summary, write_junit
    from workbench.sandbox.runner import run_files

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        results = loop.run_until_complete(run_files(target, project, paths))
    for r in results:
        if r.passed:
            if not args.quiet:
                print(f"PASS {r.name} ({r.file}, {r.steps_run} steps, {r.seconds:.2f} s)")
        else:
            print(r.failure_text())
    print(summary(results))
    if args.junit:
        write_junit(results, args.junit)
    del app
    return 0 if all(r.passed for r in results) else 1
