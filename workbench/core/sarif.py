"""SARIF 2.1.0 as GitHub code scanning accepts it (checked with the SARIF Multitool's GitHub rules in the tests).

Paths are relative to a base folder (`uriBaseId` %SRCROOT%): the repository root in CI, so that annotations land
on the right files when the project is a sub-folder. Every rule carries a full description and a help URI into
docs/rules.md; every result a fingerprint that survives lines moving (code, file, the flagged line's text).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

from workbench.core.diagnostics import Diagnostic, RuleInfo
from workbench.core.files import READ_LIMIT
from workbench.core.paths import HOMEPAGE_URL
from workbench.core.rulebook import help_uri
from workbench.core.safeio import read_regular

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "workbenchFinding/v1"


def relative_path(project_root: Path, file: str, base: Path) -> str:
    """The diagnostic's file as a '/'-separated path relative to base ('' files: the project folder itself)."""
    path = (project_root / file) if file else project_root
    rel = Path(path).resolve().relative_to(base.resolve()).as_posix()
    if not file:
        return "" if rel == "." else rel + "/"
    return rel


def region(d: Diagnostic) -> tuple[int, int, int, int]:
    """(startLine, startColumn, endLine, endColumn) with the end never before the start."""
    s, e = d.range.start, d.range.end
    if (e.line, e.column) < (s.line, s.column):
        return s.line, s.column, s.line, s.column
    return s.line, s.column, e.line, e.column


def rule_descriptor(rule: RuleInfo) -> dict:
    return {
        "id": rule.code,
        "name": re.sub(r"[^A-Za-z0-9]", "", rule.title.title()) or rule.code,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.trigger},
        "help": {"text": rule.fix, "markdown": f"**{rule.title}.** {rule.trigger}\n\n**How to fix it:** {rule.fix}"},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {"tags": list(rule.tags)},
    }


class _Lines:
    """The lines of project files, read once each (for fingerprints)."""

    def __init__(self, root: Path):
        self.root, self.cache = root, {}

    def line(self, file: str, number: int) -> str:
        if file not in self.cache:
            try:  # only a regular file of a source's size: a FIFO or a device the results name is never read
                data = read_regular(self.root / file, READ_LIMIT, confine=self.root) if file else b""
                self.cache[file] = data.decode("utf-8", "replace").splitlines()
            except OSError:
                self.cache[file] = []
        lines = self.cache[file]
        return lines[number - 1].strip() if 0 < number <= len(lines) else ""


def fingerprints(diags: list[Diagnostic], project_root: Path) -> list[str]:
    """A stable identity per finding: hash of code, file and the flagged line's text, plus its occurrence count."""
    lines, seen, out = _Lines(project_root), {}, []
    for d in diags:
        context = lines.line(d.file, d.range.start.line) or d.message
        digest = hashlib.sha256(f"{d.code}\0{d.file}\0{context}".encode()).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def to_sarif(diags: list[Diagnostic], rules: dict[str, RuleInfo], project_root: Path, base: Path,
             version: str) -> dict:
    """The SARIF log of one validation run."""
    known = [rules[c] for c in sorted(rules)]
    index = {r.code: i for i, r in enumerate(known)}
    results = []
    for d, fingerprint in zip(diags, fingerprints(diags, project_root), strict=True):
        uri = quote(relative_path(project_root, d.file, base), safe="/")  # a URI reference: spaces are %20
        location: dict = {"artifactLocation": {"uri": uri, "uriBaseId": BASE_ID}}
        if d.file:
            location["region"] = dict(zip(("startLine", "startColumn", "endLine", "endColumn"), region(d),
                                          strict=True))
        result = {"ruleId": d.code, "level": LEVEL[d.severity.value], "message": {"text": d.message},
                  "locations": [{"physicalLocation": location}],
                  "partialFingerprints": {FINGERPRINT: fingerprint}}
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    return {
        "version": "2.1.0",
        "$schema": SCHEMA,
        "runs": [{
            "tool": {"driver": {"name": "Plugin Workbench", "version": version, "semanticVersion": version,
                                "informationUri": HOMEPAGE_URL,
                                "rules": [rule_descriptor(r) for r in known]}},
            "originalUriBaseIds": {BASE_ID: {"uri": base.resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
