"""`workbench test PATH [SCENARIO ...] [--format text|json|junit] [--junit FILE]`: run scenario files headless.

Exit 0 when every scenario passes, 1 when any fails, 2 on bad usage (no project, no scenario, unreadable file,
a report that cannot be written, an invalid workbench.toml). Qt is imported inside run() only; what Chromium
writes on stderr goes to the log file, not to the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.commands.opening import open_or_explain
from workbench.commands.parser import EXIT_USAGE, print_error, shorten, unwritable

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


def _scenario_paths(root: Path, folder: Path, given: list[str]) -> tuple[list[Path], str | None]:
    if not given:
        found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES) \
            if folder.is_dir() else []
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
    results = _run_filtered(target, project, paths, config.allow_hosts)
    return _report(results, args)


def _run_filtered(target, project, paths: list[Path], allow_hosts: tuple[str, ...]) -> list:
    """Run the scenarios with Chromium's chatter on fd 2 kept in the log file only."""
    import logging

    from workbench.commands.stderr_filter import FilteredStderr
    from workbench.core import logfile

    handler = logfile.install()
    logging.getLogger(__name__).info("running %d scenario file(s) of %s", len(paths), project.root)
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
            results = loop.run_until_complete(run_files(target, project, paths, allow_hosts=allow_hosts))
        del app
    return results


def _report(results: list, args: argparse.Namespace) -> int:
    from workbench.core.scenario_report import junit_text, summary, to_json, write_junit

    progress = sys.stdout if args.format == "text" else sys.stderr
    for r in results:
        if r.passed:
            if not args.quiet:
                print(f"PASS {r.name} ({r.file}, {r.steps_run} steps, {r.seconds:.2f} s)", file=progress)
        else:
            print(r.failure_text(), file=progress)
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
