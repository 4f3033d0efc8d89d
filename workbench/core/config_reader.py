"""Reading workbench.toml: every value checked, every mistake a WB002 diagnostic at its line and column."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection
from typing import Any

from workbench.core.config import (
    CONFIG_ERROR,
    CONFIG_FILE,
    DEFAULT_SCENARIO_FOLDER,
    ConfigSuppression,
    ExportSettings,
    ProjectConfig,
)
from workbench.core.diagnostics import Diagnostic, Position, Range, Severity
from workbench.core.suggest import did_you_mean

SECTIONS = {
    "rules": {"off", "severity"},
    "scenarios": {"folder"},
    "network": {"allow_hosts"},
    "export": {"output", "include", "exclude"},
    "suppress": {"file", "code", "line", "reason"},
}
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$")
MAX_PROBLEMS = 100  # mistakes listed; the rest are counted (a hostile file may hold millions)
MAX_NESTING = 64  # arrays and inline tables inside each other: no workbench.toml nests past 3
# What may hold brackets that do not nest: strings (multi-line ones first) and comments; every match consumes what it
# scanned, even an unclosed string, so the scan stays linear.
_NESTING_TOKEN = re.compile(r'"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?|#[^\n]*'
                            r"|[\[\]{}]")


class _Reader:
    """Takes values out of the parsed document, turning each bad one into a problem at its position."""

    def __init__(self, text: str, known_codes: Collection[str] | None):
        from workbench.core.tomlpos import value_positions

        self.positions = value_positions(text)
        self.known = known_codes
        self.problems: list[Diagnostic] = []
        self.more = 0  # mistakes past MAX_PROBLEMS
        self.more_at: Position | None = None

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def problem(self, path: tuple, message: str) -> None:
        if self.full:
            self.more += 1
            self.more_at = self.more_at or self.position(path)
            return
        pos = self.position(path)
        self.problems.append(Diagnostic(CONFIG_ERROR, Severity.ERROR, message, CONFIG_FILE, Range(pos, pos)))

    def all_problems(self) -> tuple[Diagnostic, ...]:
        """The mistakes listed, and one more saying how many were not."""
        if not self.more:
            return tuple(self.problems)
        pos = self.more_at or Position(1, 1)
        note = Diagnostic(CONFIG_ERROR, Severity.ERROR, f"{self.more} more mistakes in workbench.toml are not listed: "
                          "fix the ones above first", CONFIG_FILE, Range(pos, pos))
        return (*self.problems, note)

    def position(self, path: tuple) -> Position:
        from workbench.core.tomlpos import position_of

        return position_of(self.positions, path)

    def table(self, value: Any, path: tuple, keys: Collection[str]) -> dict:
        if not isinstance(value, dict):
            self.problem(path, f"`{_dotted(path)}` must be a table")
            return {}
        for key in value:
            if key not in keys:
                self.problem(path + (key,), f"unknown key `{key}` in [{_dotted(path)}]{did_you_mean(key, keys)}; "
                                           f"expected {', '.join(sorted(keys))}")
        return value

    def strings(self, value: Any, path: tuple, check: Callable[[str, tuple], bool] = lambda s, p: True) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"`{_dotted(path)}` must be a list of strings")
            return []
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(path + (i,), f"`{_dotted(path)}` must hold strings, not {_type(item)}")
            elif check(item, path + (i,)):
                out.append(item)
        return out

    def string(self, value: Any, path: tuple) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(path, f"`{_dotted(path)}` must be a non-empty string")
            return None
        return value

    def code(self, code: str, path: tuple) -> bool:
        if self.known is not None and code not in self.known:
            hint = "" if self.full else did_you_mean(code, self.known)  # no suggestion for a note nobody reads
            self.problem(path, f"unknown rule code {code!r}{hint} (see `workbench rules`)")
            return False
        return True

    def relative_path(self, value: str, path: tuple) -> bool:
        clean = posixpath.normpath(value.replace("\\", "/"))
        if posixpath.isabs(clean) or re.match(r"^[A-Za-z]:", clean) or clean == ".." or clean.startswith("../"):
            self.problem(path, f"`{_dotted(path)}` must be a path inside the project, not {value!r}")
            return False
        return True


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int)) or "workbench.toml"


def _type(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def parse_config(text: str, known_codes: Collection[str] | None = None) -> ProjectConfig:
    """The configuration in `text`; rule codes are checked against known_codes when given."""
    import tomllib  # only for projects that have a workbench.toml

    deep = _too_deep(text)
    if deep is not None:  # the parsers recurse once per level
        return ProjectConfig(problems=(deep,))
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ProjectConfig(problems=(_syntax_problem(str(exc), text),))
    r = _Reader(text, known_codes)
    top = r.table(doc, (), SECTIONS)
    rules = r.table(top.get("rules", {}), ("rules",), SECTIONS["rules"])
    off = frozenset(r.strings(rules.get("off"), ("rules", "off"), r.code))
    severity = {}
    levels = rules.get("severity", {})
    if not isinstance(levels, dict):
        r.problem(("rules", "severity"), "`rules.severity` must be a table of CODE = \"error|warning|info\"")
        levels = {}
    for code, level in levels.items():
        if not r.code(code, ("rules", "severity", code)):
            continue
        if level not in ("error", "warning", "info"):
            r.problem(("rules", "severity", code), f"severity of {code} must be \"error\", \"warning\" or \"info\", "
                                                    f"not {level!r}")
        else:
            severity[code] = Severity(level)
    scenarios = r.table(top.get("scenarios", {}), ("scenarios",), SECTIONS["scenarios"])
    folder = r.string(scenarios.get("folder"), ("scenarios", "folder"))
    if folder is not None and not r.relative_path(folder, ("scenarios", "folder")):
        folder = None
    network = r.table(top.get("network", {}), ("network",), SECTIONS["network"])
    hosts = r.strings(network.get("allow_hosts"), ("network", "allow_hosts"), lambda h, p: _check_host(r, h, p))
    export = _export(r, r.table(top.get("export", {}), ("export",), SECTIONS["export"]))
    suppress = _suppressions(r, top.get("suppress", []))
    return ProjectConfig(off=off, severity=severity, scenario_folder=folder or DEFAULT_SCENARIO_FOLDER,
                         allow_hosts=tuple(h.lower() for h in hosts), export=export, suppress=suppress,
                         problems=r.all_problems())


def _check_host(r: _Reader, host: str, path: tuple) -> bool:
    if not _HOST.match(host.lower()):
        r.problem(path, f"{host!r} is not a host name (write it without scheme, port or path, e.g. api.example.com)")
        return False
    return True


def _export(r: _Reader, table: dict) -> ExportSettings:
    output = r.string(table.get("output"), ("export", "output"))
    if output is not None and not r.relative_path(output, ("export", "output")):
        output = None
    return ExportSettings(output=output, include=tuple(r.strings(table.get("include"), ("export", "include"))),
                          exclude=tuple(r.strings(table.get("exclude"), ("export", "exclude"))))


def _suppressions(r: _Reader, entries: Any) -> tuple[ConfigSuppression, ...]:
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        r.problem(("suppress",), "`suppress` is written as [[suppress]] tables, each with `file` and `code`")
        return ()
    out = []
    for i, entry in enumerate(entries):
        path = ("suppress", i)
        r.table(entry, path, SECTIONS["suppress"])
        file, code = r.string(entry.get("file"), path + ("file",)), r.string(entry.get("code"), path + ("code",))
        line = entry.get("line")
        if file is None or code is None:
            if "file" not in entry or "code" not in entry:
                r.problem(path, "a [[suppress]] entry needs `file` and `code`")
            continue
        if line is not None and (isinstance(line, bool) or not isinstance(line, int) or line < 1):
            r.problem(path + ("line",), "`line` must be a line number (1 or more)")
            continue
        if r.code(code, path + ("code",)) and r.relative_path(file, path + ("file",)):
            reason = entry.get("reason") if isinstance(entry.get("reason"), str) else ""
            out.append(ConfigSuppression(posixpath.normpath(file.replace("\\", "/")), code, line, reason,
                                         r.position(path + ("code",))))
    return tuple(out)


def _too_deep(text: str) -> Diagnostic | None:
    """A WB002 at the first bracket that opens a level past MAX_NESTING, or None."""
    from workbench.core.jsondoc import too_deep

    at = too_deep(text, MAX_NESTING, _NESTING_TOKEN)
    if at is None:
        return None
    line = text.count("\n", 0, at) + 1
    pos = Position(line, at - (text.rfind("\n", 0, at) + 1) + 1)
    return Diagnostic(CONFIG_ERROR, Severity.ERROR, f"arrays or tables nested more than {MAX_NESTING} levels deep: "
                      "workbench.toml is not read further", CONFIG_FILE, Range(pos, pos))


def _syntax_problem(message: str, source: str) -> Diagnostic:
    """tomllib's 'Invalid value (at line 3, column 7)' as a diagnostic at 3:7 ('at end of document': its end)."""
    m = re.search(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)", message)
    if m and m.group(1):
        pos = Position(int(m.group(1)), int(m.group(2)))
    elif m:
        lines = source.split("\n")
        pos = Position(len(lines), len(lines[-1]) + 1)
    else:
        pos = Position(1, 1)
    text = message[:m.start()] + message[m.end():] if m else message
    return Diagnostic(CONFIG_ERROR, Severity.ERROR, f"workbench.toml is not valid TOML: {text}", CONFIG_FILE,
                      Range(pos, pos))
