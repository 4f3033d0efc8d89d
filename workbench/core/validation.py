"""The validation engine shared by the CLI, the window (on every keystroke) and the export gate."""

from __future__ import annotations

import traceback

from workbench.core import filescan
from workbench.core.diagnostics import Diagnostic, RuleInfo, Severity, sort_diagnostics
from workbench.core.files import SKIPPED_DIRS, ProjectFiles
from workbench.core.project import Project, Target

RULES = [
    RuleInfo("WB001", Severity.ERROR, "Validator failure",
             "A validation rule failed on unexpected input (a bug in the workbench, not in your project).",
             "Report it with the file that triggered it; the other rules still ran."),
] + filescan.RULES


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
    return sort_diagnostics(diags + _file_problems(project, files, diags))


def _file_problems(project: Project, files: ProjectFiles, diags: list[Diagnostic]) -> list[Diagnostic]:
    """Special files and out-of-bounds links in the package, and every file a rule could not read safely (FS0xx)."""
    found = filescan.scan_package(project.root, project.content_root, SKIPPED_DIRS)
    found += [filescan.problem_diagnostic(problem, rel) for rel, problem in sorted(files.problems.items())]
    seen = {(d.code, d.file) for d in diags}
    out = []
    for d in found:
        if (d.code, d.file) not in seen:
            seen.add((d.code, d.file))
            out.append(d)
    return out


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
