"""The argument parser of every `workbench` command: usage errors are one line, with a "did you mean" when it can.

argparse prints the whole usage before its error and offers no suggestion; a CI log wants the one line that says
what was wrong. Every usage error exits 2.
"""

from __future__ import annotations

import argparse
import re
import sys

from workbench.core.suggest import did_you_mean

EXIT_USAGE = 2


def shorten(text: str, limit: int = 160) -> str:
    """text cut in the middle to at most `limit` characters, on one line (paths can be thousands long)."""
    text = " ".join(str(text).split("\n"))
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors and suggestions for mistyped options and choices.

    Abbreviated options are not accepted: a script that says `--form` would change meaning the day a `--formal`
    option appears."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        """As argparse, but an unknown option is reported by the sub-command that was given it."""
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            command = getattr(parsed, "command", None)
            owner = self._commands().get(command, self) if command else self
            owner.error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed

    def _commands(self) -> dict[str, argparse.ArgumentParser]:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print `prog: message (did you mean ...); see 'prog --help'` and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: {shorten(self._explain(message), 400)}; see '{self.prog} --help'\n")

    def _explain(self, message: str) -> str:
        unknown = re.match(r"unrecognized arguments: (.*)", message)
        if unknown:
            words = unknown.group(1).split()
            option = next((w for w in words if w.startswith("-")), None)
            if option is not None:
                name = option.split("=", 1)[0]
                return f"unknown option '{name}'{did_you_mean(name, self._option_string_actions)}"
            return f"unexpected argument '{words[0]}'" if words else message
        choice = re.match(r"argument (.+?): invalid choice: '?(.*?)'? \(choose from (.*)\)", message)
        if choice:  # Python 3.11 quotes the choices, later releases do not
            what, given, listed = choice.groups()
            options = re.findall(r"'([^']*)'", listed) or [o.strip() for o in listed.split(",")]
            return f"{what}: '{given}' is not one of {', '.join(options)}{did_you_mean(given, options)}"
        return message

    def format_help(self) -> str:
        """argparse's help plus where this run's log file goes."""
        from workbench.core.logfile import log_folder

        return super().format_help() + f"\nLog: one file per run in {log_folder()}\n"


def print_error(prog: str, message: str) -> None:
    """A one-line error on stderr, as every command reports a failure."""
    print(f"{prog}: {shorten(message, 400)}", file=sys.stderr)


def unwritable(option: str, where: str) -> str | None:
    """Why an output file given to `option` cannot be written, or None; checked before long work starts (a
    missing folder is fine: it is created)."""
    import os
    from pathlib import Path

    if where == "-":
        return None
    try:
        path = Path(where).expanduser()
        if path.is_dir():
            return f"{option} {shorten(where, 120)}: is a folder; give a file name"
        parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("."))
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            return f"{option} {shorten(where, 120)}: cannot write there ({shorten(parent, 120)} is not a writable " \
                   "folder)"
    except OSError as exc:
        return f"{option} {shorten(where, 120)}: {exc.strerror or exc}"
    return None
