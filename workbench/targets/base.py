"""Target plumbing shared by hosts whose validation, rules and outline live in modules loaded on first use."""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from workbench.core.diagnostics import Diagnostic, RuleInfo
from workbench.core.files import ProjectFiles
from workbench.core.paths import SCHEMAS
from workbench.core.project import OutlineNode, Project


def _load(ref: str) -> Any:
    """The object named by 'package.module:name', importing its module now (not when the target is imported)."""
    module, _, name = ref.partition(":")
    return getattr(import_module(module), name)


class LazyTarget:
    """The Target methods that only delegate: each names its implementation as 'module:name', imported on first call,
    so that opening a project and `workbench validate` load the heavy modules of the detected host only."""

    name: str
    title: str
    VALIDATE: str  # 'module:function(project, files) -> list[Diagnostic]'
    RULES: str  # 'module:RULES' (a list of RuleInfo)
    OUTLINE: str  # 'module:function(project, files) -> list[OutlineNode]'
    SCHEMA_FILES: tuple[str, ...] = ()  # file names under resources/schemas

    def validate(self, project: Project, files: ProjectFiles) -> list[Diagnostic]:
        return _load(self.VALIDATE)(project, files)

    def rules(self) -> list[RuleInfo]:
        return list(_load(self.RULES))

    def outline(self, project: Project, files: ProjectFiles) -> list[OutlineNode]:
        return _load(self.OUTLINE)(project, files)

    def schemas(self) -> dict[str, dict]:
        return {name: json.loads((SCHEMAS / name).read_text(encoding="utf-8")) for name in self.SCHEMA_FILES}
