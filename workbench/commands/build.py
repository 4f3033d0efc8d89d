"""`workbench build PATH [--format text|json]`: run the project's own build (npm scripts, Maven...) as its host says.

The tool's output streams to standard error as it comes; the problems found in it are printed on standard output as
`path:line:col: severity CODE message` (or a JSON array with --format json), like `workbench validate`.
Exit status: 0 built (or nothing to build), 1 the build failed or cannot run yet, 2 the project cannot be opened,
130 interrupted (the build's processes are stopped).
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench.commands.opening import open_or_explain
from workbench.commands.parser import EXIT_USAGE, print_error


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="project folder")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="how the problems found are printed: text (default) or json")


def run(args: argparse.Namespace) -> int:
    import threading

    from workbench.core.build import run_build

    opened = open_or_explain(args.path, prog="workbench build")
    if opened is None:
        return EXIT_USAGE
    target, project = opened
    spec = target.build_spec(project)
    if spec is None:
        print(f"{project.kind} ({target.title}): nothing to build", file=sys.stderr)
        _print([], args.format)
        return 0
    if spec.missing:
        print_error("workbench build", spec.missing)
        _print([], args.format)
        return 1
    print(f"workbench build: {spec.title} in {spec.cwd}", file=sys.stderr)
    cancel = threading.Event()
    box: dict = {}
    worker = threading.Thread(target=lambda: box.setdefault("result", run_build(
        spec, project.root, lambda line: print(line, file=sys.stderr, flush=True), cancel)), daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        cancel.set()  # the build's whole process tree is stopped before the interruption is reported
        worker.join(10)
        raise
    result = box["result"]
    _print(result.diagnostics, args.format)
    if result.ok:
        print(f"workbench build: done in {result.seconds:.1f} s", file=sys.stderr)
        return 0
    print(f"workbench build: failed (exit code {result.returncode})", file=sys.stderr)
    return 1


def _print(diagnostics: list, fmt: str) -> None:
    if fmt == "json":
        json.dump([d.to_json() for d in diagnostics], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for d in diagnostics:
            sys.stdout.write(d.to_text() + "\n")
