"""`workbench export PATH [--target HOST] [-o FILE] [--force] [--report FILE]`: write the upload zip.

Exit status: 0 written, 1 blocked by errors, 2 bad usage or IO failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.commands.opening import open_or_explain
from workbench.commands.parser import print_error, unwritable

# the host-specific options: ExportOptions field -> help (the hosts that read each say so in Target.EXPORT_OPTIONS)
HOST_OPTIONS = {
    "include_node_modules": "package node_modules too",
    "merge_into": "branding zip to merge into (e.g. the default package), keeping its other files",
    "write_branding_id": "also write the new brandingID into the project's manifest.json",
    "build": "run the project's build (e.g. `mvn -o -q package`) before packaging",
}


def _readers(option: str) -> list:
    from workbench.registry import all_targets
    return [t for t in all_targets() if option in getattr(t, "EXPORT_OPTIONS", ())]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="project folder")
    from workbench.registry import target_names
    p.add_argument("--target", choices=target_names(), help="host (detected from the folder by default)")
    p.add_argument("-o", "--output", metavar="FILE", help="zip to write (default: PATH/workbench-exports/<name>.zip)")
    p.add_argument("--force", action="store_true", help="write the zip even when validation finds errors")
    p.add_argument("--report", metavar="FILE", help="write the package report as JSON ('-' for standard output)")
    for option, text in HOST_OPTIONS.items():
        hosts = ", ".join(t.title for t in _readers(option)) or "no installed host"
        kind = {"metavar": "ZIP", "type": Path} if option == "merge_into" else {"action": "store_true"}
        p.add_argument("--" + option.replace("_", "-"), help=f"{text} ({hosts})", **kind)


def run(args: argparse.Namespace) -> int:
    from workbench.core.packaging import ExportError, export_project

    opened = open_or_explain(args.path, args.target)
    if opened is None:
        return 2
    target, project = opened
    options = {name: getattr(args, name) for name in HOST_OPTIONS}
    for name, value in options.items():
        if value and name not in getattr(target, "EXPORT_OPTIONS", ()):
            hosts = " and ".join(t.title for t in _readers(name)) or "no installed host"
            print(f"workbench: --{name.replace('_', '-')} applies to {hosts} projects only; this is a "
                  f"{target.title} project", file=sys.stderr)
            return 2
    if args.merge_into and not args.merge_into.is_file():
        print(f"workbench: {args.merge_into}: no such file", file=sys.stderr)
        return 2
    for option, where in (("-o", args.output), ("--report", args.report)):
        problem = unwritable(option, where) if where else None
        if problem:  # before the export: a zip written and then a report that cannot be is a half-done job
            print_error("workbench export", problem)
            return 2
    try:
        result = export_project(target, project, output=args.output, force=args.force, options=options)
    except ExportError as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return 2
    if args.report and _write_report(args.report, result.report.to_json()) != 0:
        return 2
    _print(result, args.report == "-")
    return 1 if result.blocked else 0


def _write_report(where: str, data: dict) -> int:
    text = json.dumps(data, indent=2) + "\n"
    if where == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(where).write_text(text, "utf-8")
    except OSError as exc:
        print(f"workbench: cannot write the report {where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def _print(result, report_on_stdout: bool) -> None:
    from workbench.core.packaging import human_size

    out = sys.stderr if report_on_stdout else sys.stdout
    report = result.report
    for d in result.diagnostics:
        print(d.to_text(), file=sys.stderr)
    if result.blocked:
        errors = len(result.errors)
        print(f"workbench: export blocked by {errors} error(s); nothing was written"
              + ("" if any(d.code.startswith("PKG") for d in result.errors) else " (--force writes it anyway)"),
              file=sys.stderr)
        for note in report.notes:
            print(f"  note: {note}", file=sys.stderr)
        return
    print(f"wrote {result.path}", file=out)
    print(f"  {len(report.entries)} file(s), {human_size(report.content_size)} -> zip {human_size(report.zip_size)}, "
          f"sha256 {report.zip_sha256}", file=out)
    if result.branding_id:
        print(f"  brandingID {result.branding_id}", file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)
    print("contents:", file=out)
    for line in report.tree_lines():
        print(f"  {line}", file=out)
    if report.excluded:
        print("left out:", file=out)
        for line in report.exclusion_lines():
            print(f"  {line}", file=out)
