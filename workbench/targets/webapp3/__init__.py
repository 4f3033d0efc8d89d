"""Pexip Web App 3: branding packages (webapp3/branding/manifest.json) and plugin projects (@pexip/plugin-api).

Heavy modules (jsonschema, tree-sitter grammars, Qt) load on first use, so `workbench validate` starts fast.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.project import Project
from workbench.targets.base import LazyTarget
from workbench.targets.webapp3.detect import LOOKED_FOR, detect


class WebApp3Target(LazyTarget):
    """The Target implementation for Pexip Web App 3."""

    name = "webapp3"
    title = "Pexip Web App 3"
    VALIDATE = "workbench.targets.webapp3.validate:validate"
    RULES = "workbench.targets.webapp3.codes:RULES"
    OUTLINE = "workbench.targets.webapp3.outline:outline"
    SCHEMA_FILES = {"webapp3-branding-manifest.schema.json": ("**/webapp3/branding/manifest.json",)}
    SCHEMA_MODELS = "workbench.targets.webapp3.models:MODEL_OF_SCHEMA"
    EXPORT = "workbench.targets.webapp3.export:build_plan"
    VOCABULARY = "workbench.targets.webapp3.scenario:vocabulary"
    SESSION = "workbench.targets.webapp3.runtime.session:create_session"
    SAMPLES = "workbench.targets.webapp3.newproject:SAMPLES"
    NEW_PROJECT = "workbench.targets.webapp3.newproject:create"
    BUILD = "workbench.targets.webapp3.build:build_spec"
    EXPORT_OPTIONS = ("merge_into",)
    IMPORT_LAYOUT = "workbench.targets.webapp3.export:import_layout"
    IMPORT_LOOKS_FOR = "webapp3/branding/manifest.json, or a branding manifest with a plugins list"

    def detect(self, root: Path) -> Project | None:
        return detect(root)

    def looked_for(self) -> list[str]:
        return list(LOOKED_FOR)


TARGET = WebApp3Target()
