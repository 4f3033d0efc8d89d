"""`workbench new SAMPLE DEST [--type TYPE --title TITLE]`: create a project from a sample."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.parser import EXIT_USAGE, print_error, shorten


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sample", metavar="SAMPLE",
                   help="sample to start from: exo-connector, pexip-recording, pexip-conference-tools, "
                        "xcally-script, xcally-html")
    p.add_argument("dest", metavar="DEST", help="folder to create (must not exist, or be empty)")
    p.add_argument("--type", dest="type_", metavar="TYPE",
                   help="exo-connector: the connector type, one lowercase word (default acme)")
    p.add_argument("--title", metavar="TITLE", help="exo-connector: the title users see (default from the type)")
    p.add_argument("--no-validate", action="store_true", help="do not validate the new project")


def run(args: argparse.Namespace) -> int:
    from workbench.core.newproject import NewProjectError, create_project

    dest = Path(args.dest)
    try:
        written = create_project(args.sample, dest, args.type_, args.title)
    except NewProjectError as exc:
        print(f"workbench new: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print_error("workbench new", f"cannot write {shorten(dest, 120)}: {exc.strerror or exc}")
        return EXIT_USAGE
    print(f"created {dest} from {args.sample} ({len(written)} files)")
    if args.no_validate:
        return 0
    return _validate(dest)


def _validate(dest: Path) -> int:
    """Validate the new project and print its problems; 1 when it has errors."""
    from workbench.core.diagnostics import Severity, has_errors
    from workbench.core.project import ProjectDetectionError
    from workbench.core.validation import validate
    from workbench.registry import open_project

    try:
        target, project = open_project(dest)
    except (ProjectDetectionError, KeyError, ImportError, AttributeError) as exc:
        print(f"workbench new: created, but not validated: {exc}", file=sys.stderr)
        return 0
    diags = validate(target, project)
    for d in diags:
        if d.severity is Severity.ERROR:
            print(d.to_text(), file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diags)
    print(f"{project.kind} ({target.title}): {errors} error(s)")
    return 1 if has_errors(diags) else 0
