"""Which rules apply to a project, and where each one is documented (docs/rules.md anchors)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.paths import RULES_DOC_URL

if TYPE_CHECKING:
    from workbench.core.diagnostics import RuleInfo
    from workbench.core.project import Target


def general_rules() -> list[tuple[str, list[RuleInfo]]]:
    """(section title, rules) of the codes every host can report: the engine, JSON, export and import."""
    from workbench.core import jsbudget, jsondoc, packaging, validation

    return [("General", validation.RULES + jsbudget.RULES + jsondoc.RULES),
            ("Export and import", list(packaging.RULES))]


def rules_for(target: Target) -> dict[str, RuleInfo]:
    """Every rule a project of this target can report, by code."""
    rules = [r for _title, section in general_rules() for r in section] + list(target.rules())
    return {r.code: r for r in rules}


def anchor(code: str) -> str:
    """The anchor of a code's row in docs/rules.md."""
    return code.lower()


def help_uri(code: str) -> str:
    """The address of a code's documentation."""
    return f"{RULES_DOC_URL}#{anchor(code)}"
