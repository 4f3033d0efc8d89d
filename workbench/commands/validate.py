"""`workbench validate PATH [--format text|json|sarif]`."""

from __future__ import annotations

import argparse
import json
import sys

from workbench.commands.opening import open_or_explain
from workbench.core.diagnostics import Diagnostic, Severity, has_errors


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="project folder")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")


def run(args: argparse.Namespace) -> int:
    from workbench.core.validation import validate

    opened = open_or_explain(args.path)
    if opened is None:
        return 2
    target, project = opened
    diags = validate(target, project)
    out = sys.stdout
    if args.format == "json":
        json.dump([d.to_json() for d in diags], out, indent=2)
        out.write("\n")
    elif args.format == "sarif":
        json.dump(to_sarif(diags, target), out, indent=2)
        out.write("\n")
    else:
        for d in diags:
            out.write(d.to_text() + "\n")
        errors = sum(d.severity is Severity.ERROR for d in diags)
        warnings = sum(d.severity is Severity.WARNING for d in diags)
        print(f"{project.kind} ({target.title}): {errors} error(s), {warnings} warning(s), "
              f"{len(diags) - errors - warnings} note(s)", file=sys.stderr)
    return 1 if has_errors(diags) else 0


def to_sarif(diags: list[Diagnostic], target) -> dict:
    """SARIF 2.1.0, as code-scanning services read it."""
    from workbench import __version__

    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = {r.code: r for r in target.rules()}
    used = sorted({d.code for d in diags})
    return {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {
                "name": "Plugin Workbench", "version": __version__,
                "rules": [{"id": c, "shortDescription": {"text": rules[c].title if c in rules else c},
                           "help": {"text": rules[c].fix if c in rules else ""}} for c in used],
            }},
            "results": [{
                "ruleId": d.code, "level": level[d.severity.value], "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": d.file},
                    "region": {"startLine": d.range.start.line, "startColumn": d.range.start.column,
                               "endLine": d.range.end.line, "endColumn": d.range.end.column},
                }}],
            } for d in diags],
        }],
    }
