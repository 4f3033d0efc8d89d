"""The validation engine shared by the CLI, the window (on every keystroke) and the export gate.

The project's workbench.toml (rules turned off, severities, [[suppress]] entries) and suppression comments are
applied here and only here, so every consumer reports the same findings.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from typing import TYPE_CHECKING

from workbench.core import filescan
from workbench.core.diagnostics import Diagnostic, RuleInfo, Severity, sort_diagnostics
from workbench.core.files import SKIPPED_DIRS, ProjectFiles
from workbench.core.paths import PROJECT_CONFIG
from workbench.core.project import Project, Target

if TYPE_CHECKING:
    from workbench.core.config import ProjectConfig

# Files whose comments may suppress findings (JS, Java, CSS: // and /* */; XML, HTML: <!-- -->).
COMMENTED = frozenset({".js", ".mjs", ".cjs", ".jsx", ".ts", ".java", ".css", ".html", ".htm", ".xhtml", ".xml",
                       ".jsp", ".svg", ".vue"})
SUPPRESSION_MARK = b"workbench-disable"

RULES = [
    RuleInfo("WB001", Severity.ERROR, "Validator failure",
             "A validation rule failed on unexpected input (a bug in the workbench, not in your project).",
             "Report it with the file that triggered it; the other rules still ran."),
    RuleInfo("WB002", Severity.ERROR, "Invalid workbench.toml",
             "The project's workbench.toml is not valid TOML, or a setting has an unknown name or a wrong value.",
             "Fix the setting at the position given; until then it keeps its default."),
    RuleInfo("WB003", Severity.INFO, "Unused suppression",
             "A `workbench-disable-line`/`workbench-disable-next-line` comment or a [[suppress]] entry in "
             "workbench.toml names a code that is not reported there.",
             "Remove the code from the comment (or the entry): the problem it was written for is gone."),
] + filescan.RULES


def validate(target: Target, project: Project, overlays: dict[str, str] | None = None,
             files: ProjectFiles | None = None, config: ProjectConfig | None = None) -> list[Diagnostic]:
    """Validate the project (unsaved buffers in `overlays` take the place of the files on disk).

    The project's workbench.toml applies, unless `config` is given (the export re-validates its unpacked copy,
    which has none, with the project's)."""
    files = files or ProjectFiles(project.root, overlays)
    try:
        diags = target.validate(project, files)
    except Exception as exc:  # a rule bug must never surface as a traceback to the user
        where = traceback.extract_tb(exc.__traceback__)[-1]
        diags = [Diagnostic("WB001", Severity.ERROR,
                            f"internal validator error {type(exc).__name__}: {exc} (at {where.name}:{where.lineno})",
                            "")]
    diags = diags + _file_problems(project, files, diags)
    return sort_diagnostics(configure(target, files, diags, config))


def project_config(target: Target, files: ProjectFiles) -> ProjectConfig | None:
    """The project's workbench.toml (its unsaved buffer if open), checked against the target's codes; None when
    the project has none (the configuration modules are then never loaded)."""
    text = files.read_text(PROJECT_CONFIG)
    if text is None:
        return None
    from workbench.core.config_reader import parse_config
    from workbench.core.rulebook import rules_for

    return files.memo(f"config:{target.name}", PROJECT_CONFIG, lambda: parse_config(text, set(rules_for(target))))


def marked_files(files: ProjectFiles) -> list[str]:
    """The project's files that may carry a suppression comment and mention one (unsaved buffers included)."""
    names = set(files.overlays) | set(files.walk_files())
    marked = []
    for rel in sorted(names):
        dot = rel.rfind(".")
        if dot >= 0 and rel[dot:].lower() in COMMENTED:
            data = files.read_bytes(rel)
            if data and SUPPRESSION_MARK in data:
                marked.append(rel)
    return marked


def configure(target: Target, files: ProjectFiles, diags: list[Diagnostic],
              config: ProjectConfig | None = None) -> list[Diagnostic]:
    """The findings as the project configured them: rules off, suppressions, then severities."""
    config = config or project_config(target, files)
    marked = marked_files(files)
    if config is None and not marked:
        return diags
    from workbench.core import suppressions
    from workbench.core.config import EMPTY

    config = config or EMPTY
    found = [d for d in diags if d.code not in config.off]
    found = suppressions.apply(found, suppressions.scan_files(files, marked)
                               + suppressions.from_config(config.suppress))
    found += config.problems
    return [_with_severity(d, config.severity[d.code]) if d.code in config.severity else d
            for d in found if d.code not in config.off]


def _with_severity(d: Diagnostic, severity: Severity) -> Diagnostic:
    return d if d.severity is severity else replace(d, severity=severity)


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
