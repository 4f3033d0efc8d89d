"""`workbench` command line: `workbench [PATH]` opens the window; sub-commands run headless.

Each sub-command lives in workbench/commands/<name>.py with `add_arguments(parser)` and `run(args) -> int`;
they import heavy modules (Qt above all) inside run(), so `workbench validate` never loads PySide6.

Logging goes to one file per run (workbench.core.logfile), installed by the commands that log (the window,
`workbench test`) and on an internal error; quick commands such as validate never pay for it.

Exit codes shared by every command: 0 success, 1 findings (errors, failed scenarios, refused import), 2 usage or
input/output problem, 70 internal error (a bug: the log file has the details), 130 interrupted.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path

from workbench import __version__
from workbench.commands.parser import EXIT_USAGE, Parser, did_you_mean, print_error, shorten

EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

COMMANDS = {
    "validate": ("validate", "check a project and print its diagnostics"),
    "export": ("export", "write an upload-ready package zip"),
    "import": ("importpkg", "unpack a package zip into a new project folder"),
    "test": ("test", "run scenario files headless"),
    "build": ("build", "run the project's own build (npm scripts, ...) and show its errors on the project's files"),
    "new": ("new", "create a project from a sample"),
    "rules": ("rules", "print the reference of every diagnostic code"),
    "schemas": ("schemas", "list the JSON Schemas of every file kind (or VS Code settings using them)"),
    "completion": ("completion", "print a shell completion script (bash, zsh, tcsh)"),
}
HELP_OR_VERSION = ("-h", "--help", "--version")


def build_parser() -> Parser:
    """The parser of `workbench COMMAND ...` with every sub-command."""
    parser = Parser(prog="workbench", description="Plugin Workbench: validate, run, test and package plugins for conferencing and "
                    "contact-centre hosts (`workbench new --help` lists their samples). "
                    "Without a COMMAND, `workbench [--theme T] [PATH]` opens the window (on the project folder PATH; "
                    "see `workbench --theme system --help`).")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        import_module(f"workbench.commands.{module}").add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises, never prints a traceback)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except SystemExit as exc:  # argparse: 0 after --help/--version, 2 after a usage error (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print_error("workbench", "interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `workbench rules | head`: the reader went away, nothing is wrong
        _silence_stdout()
        return 0
    except OSError as exc:  # a file the command had to read or write: the user can act on it
        print_error("workbench", describe_os_error(exc))
        return EXIT_USAGE
    except Exception as exc:  # a bug: one line here, the traceback in the log
        import logging

        from workbench.core import logfile

        logfile.install()
        logging.getLogger("workbench.cli").exception("internal error in `workbench %s`", " ".join(argv))
        first = str(exc).splitlines()[0] if str(exc) else ""
        print_error("workbench", f"internal error: {type(exc).__name__}{': ' if first else ''}{shorten(first, 200)} "
                                 f"(details in {logfile.current_path()})")
        return EXIT_INTERNAL


def describe_os_error(exc: OSError) -> str:
    """'<file>: <reason>' for an OSError, the path shortened to fit one line."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{shorten(exc.filename, 120)}: {reason}" if exc.filename else reason


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS or (argv and argv[0] in HELP_OR_VERSION):
        args = build_parser().parse_args(argv)
        module = COMMANDS[args.command][0]
        return int(import_module(f"workbench.commands.{module}").run(args) or 0)
    return _open_window(argv)


def _open_window(argv: list[str]) -> int:
    """`workbench [options] [PATH]`: the window, for an existing folder only (anything else is a one-line error)."""
    from workbench.commands import window
    from workbench.core import logfile

    if argv and not argv[0].startswith("-"):  # a word first: a folder, or a mistyped command (whatever follows)
        problem = _not_a_folder(argv[0])
        if problem:
            print_error("workbench", problem)
            return EXIT_USAGE
    args = window.build_parser(Parser).parse_args(argv)
    problem = _not_a_folder(args.path) if args.path is not None else None
    if problem:
        print_error("workbench", problem)
        return EXIT_USAGE
    logfile.install()  # the window's log: one file per run
    return window.main(args)


def _not_a_folder(path: str) -> str | None:
    """Why PATH cannot be opened in the window, or None for an existing folder."""
    try:
        p = Path(path).expanduser()
        if p.is_dir():
            return None
        exists = p.exists()
    except OSError as exc:
        return describe_os_error(exc) if exc.filename else f"{shorten(path, 120)}: {exc.strerror or exc}"
    if exists:
        return f"{shorten(path, 120)}: not a folder (the window opens a project folder)"
    if os.sep not in path and "/" not in path:
        hint = did_you_mean(path, COMMANDS)
        if hint:
            return f"'{path}' is not a command{hint}, nor a folder"
        return f"'{shorten(path, 120)}' is neither a command ({', '.join(COMMANDS)}) nor a folder"
    return f"{shorten(path, 120)}: no such folder"


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
