"""`workbench validate PATH [--format text|json|sarif|github] [--base DIR]`.

Exit status: 0 no error, 1 errors found, 2 the project cannot be opened or read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from workbench.commands.opening import open_or_explain
from workbench.commands.parser import EXIT_USAGE, print_error, shorten
from workbench.core.diagnostics import Severity, has_errors

FORMATS = ("text", "json", "sarif", "github")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="project folder")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="text (default), json, sarif (GitHub code scanning) or github (workflow annotations)")
    p.add_argument("--base", metavar="DIR",
                   help="sarif/github: file paths relative to DIR, the repository root (default: the current "
                        "folder when the project is inside it, else the project folder)")


def run(args: argparse.Namespace) -> int:
    from workbench.core.validation import validate

    opened = open_or_explain(args.path)
    if opened is None:
        return EXIT_USAGE
    target, project = opened
    base = _base(args.base, project.root) if args.format in ("sarif", "github") else None
    if args.format in ("sarif", "github") and base is None:
        return EXIT_USAGE
    diags = validate(target, project)
    out = sys.stdout
    if args.format == "json":
        json.dump([d.to_json() for d in diags], out, indent=2)
        out.write("\n")
    elif args.format == "sarif":
        from workbench import __version__
        from workbench.core.rulebook import rules_for
        from workbench.core.sarif import to_sarif

        json.dump(to_sarif(diags, rules_for(target), project.root, base, __version__), out, indent=2)
        out.write("\n")
    elif args.format == "github":
        from workbench.core.annotations import annotation

        for d in diags:
            out.write(annotation(d, project.root, base) + "\n")
    else:
        for d in diags:
            out.write(d.to_text() + "\n")
    if args.format in ("text", "github"):
        errors = sum(d.severity is Severity.ERROR for d in diags)
        warnings = sum(d.severity is Severity.WARNING for d in diags)
        print(f"{project.kind} ({target.title}): {errors} error(s), {warnings} warning(s), "
              f"{len(diags) - errors - warnings} note(s)", file=sys.stderr)
    return 1 if has_errors(diags) else 0


def _base(given: str | None, project_root: Path) -> Path | None:
    """The folder SARIF/GitHub paths are relative to; None (after saying why) when the project is not inside it."""
    root = project_root.resolve()
    if given is None:
        cwd = Path.cwd().resolve()
        return cwd if root.is_relative_to(cwd) else root
    base = Path(given).expanduser().resolve()
    if not base.is_dir():
        print_error("workbench validate", f"--base {shorten(given, 120)}: no such folder")
        return None
    if not root.is_relative_to(base):
        print_error("workbench validate", f"--base {shorten(given, 120)}: the project {shorten(root, 120)} is not "
                                          "inside it")
        return None
    return base
