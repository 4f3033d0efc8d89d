"""How much analysis a JavaScript file gets: every check up to a size, and above it an info diagnostic instead.

A tree-sitter syntax tree takes about forty times its file's size in memory and parsing runs at some 5 MB a second,
so a 24 MB bundle already needs ~1 GB and several seconds; past that the deep checks (syntax, host API use,
security lint) are skipped and WB004 says so. The file itself is still exported and run.
"""

from __future__ import annotations

from workbench.core.diagnostics import Diagnostic, RuleInfo, Severity

DEEP_CHECKS_MAX_BYTES = 24 * 1024 * 1024

RULES = [
    RuleInfo("WB004", Severity.INFO, "JavaScript file too large to analyse",
             f"A JavaScript file is larger than {DEEP_CHECKS_MAX_BYTES >> 20} MB: its syntax, host API use and "
             "security checks are skipped (the file is still exported and runs in the preview).",
             "Validate the sources the bundle is built from, or split the bundle into smaller files."),
]


def too_large(size: int | None) -> bool:
    """Is a file of this many bytes above the limit of the deep JavaScript checks?"""
    return size is not None and size > DEEP_CHECKS_MAX_BYTES


def skipped(file: str, size: int, checks: str) -> Diagnostic:
    """WB004 on a file whose deep checks (`checks`, as the user knows them) were skipped."""
    return Diagnostic("WB004", Severity.INFO,
                      f"{file} is {size / (1 << 20):.1f} MB, above the {DEEP_CHECKS_MAX_BYTES >> 20} MB limit of "
                      f"JavaScript analysis: {checks} were not checked; validate the sources it is built from",
                      file)
