"""The validation engine shared by the CLI, the window (on every keystroke) and the export gate."""

from __future__ import annotations

import traceback

from workbench.core.diagnostics import Diagnostic, RuleInfo, Severity, sort_diagnostics
from workbench.core.files import ProjectFiles
from workbench.core.project import Project, Target

RULES = [
    RuleInfo("WB001", Severity.ERROR, "Validator failure",
             "A validation rule failed on unexpected input (a bug in the workbench, not in your project).",
             "Report it with the file that triggered it; the other rules still ran."),
]


def validate(target: Target, project: Project, overlays: dict[str, str] | None = None,
             files: ProjectFiles | None = None) -> list[Diagnostic]:
    """Validate the project (unsaved buffers in `overlays` take the place of the files on disk)."""
    files = files or ProjectFiles(project.root, overlays)
    try:
        diags = target.validate(project, files)
    except Exception as exc:  # a rule bug must never surface as a traceback to the user
        where = traceback.extract_tb(exc.__traceback__)[-1]
        diags = [Diagnostic("WB001", Severity.ERROR,
                            f"internal validator error {type(exc).__name__}: {exc} (at {where.name}:{where.lineno})",
                            "")]
    return sort_diagnostics(diags)


class LiveValidator:
    """Keeps the unsaved buffers of an open project and re-validates on demand (parse results are cached by content)."""

    def __init__(self, target: Target, project: Project):
        self.target, self.project = target, project
        self.buffers: dict[str, str] = {}

    def set_buffer(self, rel: str, text: str) -> None:
        self.buffers[rel] = text

    def drop_buffer(self, rel: str) -> None:
        self.buffers.pop(rel, None)

    def run(self) -> list[Diagnostic]:
        return validate(self.target, self.project, dict(self.buffers))
