"""GitHub Actions workflow commands (`::error file=...,line=...::message`): annotations on a pull request's files.

Escaping follows the Actions toolkit: data escapes %, CR and LF; properties also escape ':' and ','.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.diagnostics import Diagnostic
from workbench.core.sarif import region, relative_path

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic, project_root: Path, base: Path) -> str:
    """One workflow command for a diagnostic, its file relative to base (the repository root)."""
    props = []
    if d.file:
        props.append(("file", relative_path(project_root, d.file, base)))
        props += list(zip(("line", "col", "endLine", "endColumn"), region(d), strict=True))
    props.append(("title", d.code))
    joined = ",".join(f"{name}={escape_property(str(value))}" for name, value in props)
    return f"::{COMMAND[d.severity.value]} {joined}::{escape_data(d.message)}"
