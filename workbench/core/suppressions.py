"""Suppressing single findings: comments in the files that allow them, [[suppress]] entries for the rest.

In JavaScript, Java and CSS: `// workbench-disable-next-line ABC030` (the next line) or
`/* workbench-disable-line ABC030 */` (its own line); in XML and HTML: `<!-- workbench-disable-next-line ABC012 -->`.
Several codes may be listed (`ABC030, ABC031`); text after `--` is the reason. A comment with no code suppresses
every finding on its line. A suppression that suppresses nothing is itself reported (WB003), so none outlives the
problem it was written for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.config import CONFIG_FILE, ConfigSuppression
from workbench.core.diagnostics import Diagnostic, Position, Range, Severity
from workbench.core.files import ProjectFiles

UNUSED_CODE = "WB003"
_DIRECTIVE = re.compile(r"(?://|/\*|<!--)\s*workbench-disable-(?P<kind>next-line|line)\b(?P<rest>[^\n]*)")
_END = re.compile(r"\*/|-->")
_CODE = re.compile(r"^[A-Z]+[0-9]+$")


@dataclass(frozen=True)
class Suppression:
    """One suppression: `codes` (empty: every code) on `line` of `file` (None: the whole file)."""

    file: str
    line: int | None
    codes: frozenset[str]
    at: Range  # where the comment or the [[suppress]] entry is
    in_config: bool = False


def scan_text(text: str, file: str) -> list[Suppression]:
    """The suppression comments of one file."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if "workbench-disable" not in line:
            continue
        for m in _DIRECTIVE.finditer(line):
            rest = _END.split(m.group("rest"), 1)[0].split("--", 1)[0]
            codes = frozenset(c for c in re.split(r"[\s,]+", rest.strip()) if _CODE.match(c))
            target = number + 1 if m.group("kind") == "next-line" else number
            start, end = m.start() + 1, m.start() + 1 + len(m.group(0).rstrip())
            found.append(Suppression(file, target, codes, Range(Position(number, start), Position(number, end))))
    return found


def scan_files(files: ProjectFiles, names: list[str]) -> list[Suppression]:
    """The suppression comments of the named files (cached by content)."""
    found: list[Suppression] = []
    for rel in names:
        text = files.read_text(rel) or ""
        found += files.memo("suppressions", rel, lambda rel=rel, text=text: scan_text(text, rel))
    return found


def from_config(entries: Iterable[ConfigSuppression]) -> list[Suppression]:
    """The [[suppress]] entries of workbench.toml."""
    return [Suppression(e.file, e.line, frozenset({e.code}), Range(e.at, e.at), in_config=True) for e in entries]


def apply(diags: list[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    """The diagnostics no suppression covers, plus a WB003 note for each suppression (code) that covered none."""
    by_file: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_file.setdefault(s.file, []).append(s)
    used: set[tuple[int, str]] = set()  # (index of the suppression, code or '' for all)
    index = {id(s): i for i, s in enumerate(suppressions)}
    kept = []
    for d in diags:
        hit = next((s for s in by_file.get(d.file, ()) if _covers(s, d)), None)
        if hit is None:
            kept.append(d)
        else:
            used.add((index[id(hit)], d.code if hit.codes else ""))
    for i, s in enumerate(suppressions):
        for code in sorted(s.codes) or [""]:
            if (i, code) not in used:
                kept.append(_unused(s, code))
    return kept


def _covers(s: Suppression, d: Diagnostic) -> bool:
    return (s.line is None or s.line == d.range.start.line) and (not s.codes or d.code in s.codes)


def _unused(s: Suppression, code: str) -> Diagnostic:
    what = code or "finding"
    where = f"line {s.line} of {s.file}" if s.line is not None else s.file
    if s.in_config:
        message = f"unused suppression: no {what} on {where}; remove this [[suppress]] entry"
        return Diagnostic(UNUSED_CODE, Severity.INFO, message, CONFIG_FILE, s.at)
    message = f"unused suppression: no {what} on line {s.line}; remove {code or 'the comment'} from it"
    return Diagnostic(UNUSED_CODE, Severity.INFO, message, s.file, s.at)
