"""Pexip Infinity Connect (web app v2): branding packages and single plugin folders.

Heavy modules (jsonschema, pydantic models, Qt) load on first use, so `workbench validate` starts fast.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.project import Project
from workbench.targets.base import LazyTarget
from workbench.targets.pexip.detect import LOOKED_FOR, detect


class PexipTarget(LazyTarget):
    """The Target implementation for Pexip web app v2."""

    name = "pexip"
    title = "Pexip Infinity Connect"
    VALIDATE = "workbench.targets.pexip.validate:validate"
    RULES = "workbench.targets.pexip.codes:RULES"
    OUTLINE = "workbench.targets.pexip.outline:outline"
    SCHEMA_FILES = {"pexip-settings.schema.json": ("**/webapp2/settings.json",),
                    "pexip-branding-manifest.schema.json": ("**/webapp2/manifest.json",),
                    "pexip-plugin-package.schema.json": ("*.plugin.package.json",)}
    SCHEMA_MODELS = "workbench.targets.pexip.models:MODEL_OF_SCHEMA"
    EXPORT = "workbench.targets.pexip.export:build_plan"
    VOCABULARY = "workbench.targets.pexip.scenario:vocabulary"
    SESSION = "workbench.targets.pexip.runtime.session:create_session"
    FORM = "workbench.targets.pexip.ui.forms:form_for"
    SAMPLES = "workbench.targets.pexip.newproject:SAMPLES"
    NEW_PROJECT = "workbench.targets.pexip.newproject:create"
    RENAME = "workbench.targets.pexip.rename:rename_edits"
    EXPORT_OPTIONS = ("merge_into", "write_branding_id")
    IMPORT_LAYOUT = "workbench.targets.pexip.importlayout:import_layout"
    IMPORT_LOOKS_FOR = "a webapp2/ folder, or its content (manifest.json with a brandingID, settings.json, plugins/)"
    BUILD = "workbench.targets.pexip.typescript:build_spec"

    def detect(self, root: Path) -> Project | None:
        return detect(root)

    def looked_for(self) -> list[str]:
        return list(LOOKED_FOR)


TARGET = PexipTarget()
