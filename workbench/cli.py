"""`workbench` command line: `workbench [PATH]` opens the window; sub-commands run headless.

Each sub-command lives in workbench/commands/<name>.py with `add_arguments(parser)` and `run(args) -> int`;
they import heavy modules (Qt above all) inside run(), so `workbench validate` never loads PySide6.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

COMMANDS = {
    "validate": ("validate", "check a project and print its diagnostics"),
    "export": ("export", "write an upload-ready package zip"),
    "import": ("importpkg", "unpack a package zip into a new project folder"),
    "test": ("test", "run scenario files headless"),
    "new": ("new", "create a project from a sample"),
    "rules": ("rules", "print the reference of every diagnostic code"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description="Plugin Workbench for Pexip, XCALLY and eXo plugins.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        import_module(f"workbench.commands.{module}").add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        from workbench.commands import window
        return window.main(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    module = COMMANDS[args.command][0]
    try:
        return int(import_module(f"workbench.commands.{module}").run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `workbench rules | head`: the reader went away, nothing is wrong
        sys.stderr.close()
        return 0
