"""`workbench export PATH [--target pexip|xcally|exo] [-o FILE] [--force] [--report FILE]`: write the upload zip.

Exit status: 0 written, 1 blocked by errors, 2 bad usage or IO failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.commands.opening import open_or_explain
from workbench.commands.parser import print_error, unwritable

ONLY_FOR = {"include_node_modules": "xcally", "merge_into": "pexip", "write_branding_id": "pexip", "build": "exo"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="project folder")
    from workbench.registry import target_names
    p.add_argument("--target", choices=target_names(), help="host (detected from the folder by default)")
    p.add_argument("-o", "--output", metavar="FILE", help="zip to write (default: PATH/workbench-exports/<name>.zip)")
    p.add_argument("--force", action="store_true", help="write the zip even when validation finds errors")
    p.add_argument("--report", metavar="FILE", help="write the package report as JSON ('-' for standard output)")
    p.add_argument("--include-node-modules", action="store_true", help="XCALLY: package node_modules too")
    p.add_argument("--merge-into", metavar="ZIP", type=Path,
                   help="branding hosts: branding zip to merge into (e.g. the default package), keeping its other files")
    p.add_argument("--write-branding-id", action="store_true",
                   help="Pexip: also write the new brandingID into the project's manifest.json")
    p.add_argument("--build", action="store_true", help="eXo: run `mvn -o -q package` before packaging")


def run(args: argparse.Namespace) -> int:
    from workbench.core.packaging import ExportError, export_project

    opened = open_or_explain(args.path, args.target)
    if opened is None:
        return 2
    target, project = opened
    options = {"include_node_modules": args.include_node_modules, "merge_into": args.merge_into,
               "write_branding_id": args.write_branding_id, "build": args.build}
    declared = getattr(target, "EXPORT_OPTIONS", None)  # the options a host says it reads, if it says
    for name, host in ONLY_FOR.items():
        if options[name] and (name not in declared if declared is not None else target.name != host):
            flag = "--" + name.replace("_", "-")
            print(f"workbench: {flag} applies to {host} projects only; this is a {target.title} project",
                  file=sys.stderr)
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
