"""`workbench new SAMPLE DEST [OPTIONS]`: create a project from a sample (each host says which samples and options)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.parser import EXIT_USAGE, print_error, shorten


def add_arguments(p: argparse.ArgumentParser) -> None:
    from workbench.registry import all_samples
    samples = all_samples()
    p.add_argument("sample", metavar="SAMPLE", help="sample to start from: " + ", ".join(s.name for s in samples))
    p.add_argument("dest", metavar="DEST", help="folder to create (must not exist, or be empty)")
    flags: dict[str, list[str]] = {}
    for sample in samples:
        for option in sample.options:
            flags.setdefault(option.flag, []).append(f"{sample.name}: {option.help}")
    for flag, helps in flags.items():
        p.add_argument(flag, dest=f"option_{flag.lstrip('-').replace('-', '_')}", metavar=flag.lstrip("-").upper(),
                       help="; ".join(helps))
    p.add_argument("--no-validate", action="store_true", help="do not validate the new project")


def run(args: argparse.Namespace) -> int:
    from workbench.core.newproject import NewProjectError
    from workbench.registry import new_project

    dest = Path(args.dest)
    options = {key[len("option_"):]: value for key, value in vars(args).items()
               if key.startswith("option_") and value is not None}
    try:
        written = new_project(args.sample, dest, options)
    except NewProjectError as exc:
        print(f"workbench new: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print_error("workbench new", f"cannot write {shorten(dest, 120)}: {exc.strerror or exc}")
        return EXIT_USAGE
    print(f"created {dest} from {args.sample} ({len(written)} files)")
    from workbench.core.trust import trust
    trust(dest)  # made from the workbench's own samples: the window may build and run it by itself
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
