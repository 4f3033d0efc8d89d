"""`workbench test PATH [SCENARIO ...] [-j N] [--shard K/N] [--format text|json|junit] [--junit FILE]`: run
scenario files headless.

With -j N (default: the processors available) N worker processes run the scenarios, each in its own sessions and
renderer processes (test_pool.py); results are printed and reported in file order whatever finishes first. --shard K/N runs the K-th of N
contiguous parts of the suite, for splitting it across CI machines (workbench/core/shard.py).

Exit 0 when every scenario passes (or the shard has none), 1 when any fails, 2 on bad usage (no project, no
scenario, unreadable file, a report that cannot be written, an invalid workbench.toml). Qt is imported inside run()
only; what Chromium writes on stderr goes to the log file, not to the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.commands.opening import open_or_explain
from workbench.commands.parser import EXIT_USAGE, print_error, shorten, unwritable
from workbench.core.shard import Shard, cores_available

PROG = "workbench test"
SUFFIXES = (".yaml", ".yml", ".json")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="the project folder")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                   help="scenario files (default: *.yaml|*.json in the project's scenario folder, scenarios/ "
                        "unless workbench.toml says otherwise)")
    p.add_argument("--format", choices=("text", "json", "junit"), default="text",
                   help="what goes to standard output: text (default), json or junit (XML); with json or junit "
                        "the progress lines go to standard error")
    p.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report to FILE")
    p.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help=f"worker processes running the scenarios, each with its own web engine (default: the "
                        f"processors available, {cores_available()} here); 1 runs them one by one in this process")
    p.add_argument("--shard", type=_shard, metavar="K/N",
                   help="run only the K-th of N equal parts of the suite (in file order), e.g. 2/4; the N parts "
                        "together run every scenario once")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of scenarios at once (1 or more)")
    return value


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _scenario_paths(root: Path, folder: Path, given: list[str]) -> tuple[list[Path], str | None]:
    if not given:  # sorted by name, code point by code point: the same order (and shards) on every system
        found = sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES),
                       key=lambda p: p.name) if folder.is_dir() else []
        return found, None if found else f"{shorten(root, 120)}: no scenario files in {folder} (*.yaml, *.json)"
    paths = []
    for name in given:
        path = Path(name)
        hit = next((c for c in (path, root / path, folder / path) if c.is_file()), None)
        if hit is None:
            return [], f"{shorten(name, 120)}: no such scenario file"
        paths.append(hit)
    return paths, None


def run(args: argparse.Namespace) -> int:
    from workbench.core.config import load_config

    opened = open_or_explain(args.path, prog=PROG)
    if opened is None:
        return EXIT_USAGE
    target, project = opened
    config = load_config(project.root)
    for problem in config.problems:
        print_error(PROG, problem.to_text())
    if config.problems:
        return EXIT_USAGE
    paths, problem = _scenario_paths(project.root, project.root / config.scenario_folder, args.scenarios)
    problem = problem or (unwritable("--junit", args.junit) if args.junit else None)
    if problem:
        print_error(PROG, problem)
        return EXIT_USAGE
    progress = sys.stdout if args.format == "text" else sys.stderr
    if args.shard:
        total, paths = len(paths), args.shard.select(paths)
        print(f"shard {args.shard}: {len(paths)} of {total} scenario file(s)", file=progress)
        if not paths:
            return _report([], args)
    jobs = min(args.jobs or cores_available(), max(1, len(paths)))
    results = _run_filtered(target, project, paths, config.allow_hosts, jobs, lambda r: _progress(r, args))
    return _report(results, args)


def _run_filtered(target, project, paths: list[Path], allow_hosts: tuple[str, ...], jobs: int = 1,
                  on_result=None) -> list:
    """Run the scenarios, up to `jobs` at once (in as many worker processes), with Chromium's chatter on fd 2 kept
    in the log file only."""
    import logging

    from workbench.commands.stderr_filter import FilteredStderr
    from workbench.core import logfile

    handler = logfile.install()
    logging.getLogger(__name__).info("running %d scenario file(s) of %s, %d at once", len(paths), project.root, jobs)
    if jobs > 1:
        from workbench.commands.test_pool import run_in_workers

        with FilteredStderr(handler):  # the workers inherit the filtered descriptor 2
            return run_in_workers(project.root, paths, jobs, allow_hosts, on_result, handler.path)
    with FilteredStderr(handler):
        from workbench.sandbox.environment import ensure_app
        from workbench.sandbox.qtlog import route_qt_messages
        route_qt_messages()
        app = ensure_app()  # prepares the environment (offscreen, egress proxy, URL scheme) before Qt starts
        import asyncio

        import qasync

        from workbench.sandbox.runner import run_files

        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            results = loop.run_until_complete(run_files(target, project, paths, jobs=jobs, on_result=on_result,
                                                        allow_hosts=allow_hosts))
        del app
    return results


def _progress(r, args: argparse.Namespace) -> None:
    """One scenario's line (or its failure), printed as soon as every earlier file's result is in."""
    progress = sys.stdout if args.format == "text" else sys.stderr
    if r.passed:
        if not args.quiet:
            print(f"PASS {r.name} ({r.file}, {r.steps_run} steps, {r.seconds:.2f} s)", file=progress, flush=True)
    else:
        print(r.failure_text(), file=progress, flush=True)


def _report(results: list, args: argparse.Namespace) -> int:
    from workbench.core.scenario_report import junit_text, summary, to_json, write_junit

    progress = sys.stdout if args.format == "text" else sys.stderr
    print(summary(results), file=progress)
    if args.format == "json":
        print(json.dumps(to_json(results), indent=2))
    elif args.format == "junit":
        sys.stdout.write(junit_text(results))
    if args.junit:
        try:
            write_junit(results, args.junit)
        except OSError as exc:
            print_error(PROG, f"cannot write --junit {shorten(args.junit, 120)}: {exc.strerror or exc}")
            return EXIT_USAGE
    return 0 if all(r.passed for r in results) else 1
