"""Pexip Infinity Connect (web app v2) target: branding packages and single plugin folders.

Heavy modules (jsonschema, pydantic models) load on first use, so `workbench validate` starts fast.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.diagnostics import Diagnostic, RuleInfo
from workbench.core.files import ProjectFiles
from workbench.core.project import OutlineNode, Project
from workbench.targets.pexip.detect import LOOKED_FOR, detect


class PexipTarget:
    """The Target implementation for Pexip."""

    name = "pexip"
    title = "Pexip Infinity Connect"

    def detect(self, root: Path) -> Project | None:
        return detect(root)

    def looked_for(self) -> list[str]:
        return list(LOOKED_FOR)

    def validate(self, project: Project, files: ProjectFiles) -> list[Diagnostic]:
        from workbench.targets.pexip.validate import validate
        return validate(project, files)

    def rules(self) -> list[RuleInfo]:
        from workbench.targets.pexip.codes import RULES
        return list(RULES.values())

    def outline(self, project: Project, files: ProjectFiles) -> list[OutlineNode]:
        from workbench.targets.pexip.outline import outline
        return outline(project, files)

    def schemas(self) -> dict[str, dict]:
        from workbench.targets.pexip.schema_rules import SCHEMA_NAMES, load_schema
        return {name: load_schema(name) for name in SCHEMA_NAMES}


TARGET = PexipTarget()
