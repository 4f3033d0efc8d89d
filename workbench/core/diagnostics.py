"""Diagnostics: what is wrong, where, how bad, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Lower is worse: errors sort first."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True, slots=True)  # slots: a large file's facts hold millions of positions
class Position:
    """A 1-based line and 1-based column counted in characters (code points)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Range:
    start: Position
    end: Position

    @staticmethod
    def at(line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> Range:
        return Range(Position(line, column), Position(end_line or line, end_column or column))


WHOLE_FILE = Range.at(1, 1)


@dataclass(frozen=True)
class TextEdit:
    """Replace the text in `range` (end exclusive) of `file` with `new_text`."""

    file: str
    range: Range
    new_text: str


@dataclass(frozen=True)
class QuickFix:
    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    file: str  # relative to the project root, '/'-separated
    range: Range = WHOLE_FILE
    fix: QuickFix | None = None

    def to_json(self) -> dict:
        """The stable JSON shape of `workbench validate --format json`."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.range.start.line,
            "column": self.range.start.column,
            "endLine": self.range.end.line,
            "endColumn": self.range.end.column,
        }

    def to_text(self) -> str:
        """`path:line:col: severity CODE message`; about the whole project (no file): `severity CODE message`."""
        s = self.range.start
        where = f"{self.file}:{s.line}:{s.column}: " if self.file else ""
        return f"{where}{self.severity.value} {self.code} {self.message}"

    def sort_key(self) -> tuple:
        s = self.range.start
        return (self.file, s.line, s.column, self.severity.rank, self.code, self.message)


@dataclass(frozen=True)
class RuleInfo:
    """Documentation of one diagnostic code, for docs/rules.md and the window's help."""

    code: str
    severity: Severity
    title: str
    trigger: str
    fix: str
    tags: tuple[str, ...] = field(default=())


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order: file, position, severity, code, message; exact duplicates removed."""
    return sorted(set(diags), key=Diagnostic.sort_key)


def has_errors(diags: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)
