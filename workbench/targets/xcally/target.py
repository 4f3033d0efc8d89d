"""The XCALLY Motion App Zone target: detection, validation, outline and schemas of script and html plugins."""

from __future__ import annotations

from pathlib import Path

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.core.jsondoc import parse_json
from workbench.core.project import Project
from workbench.core.safeio import MANIFEST_LIMIT, read_regular
from workbench.targets.base import LazyTarget
from workbench.targets.xcally.shapes import PLUGIN_TYPES

MANIFEST = "manifest.json"
# Keys only an XCALLY manifest carries: they let a manifest with a missing or wrong `type` still be recognised.
XCALLY_KEYS = frozenset({"parameters", "sidebar", "scriptName", "scriptPath", "views"})
SKIPPED_TOP_DIRS = frozenset({"scenarios", "node_modules", "dist", "build"})


def _manifest_value(path: Path) -> dict | None:
    try:
        data = read_regular(path, MANIFEST_LIMIT)  # larger is not a manifest: never parse megabytes to detect
    except OSError:
        return None
    value = parse_json(data.decode("utf-8", "replace"), MANIFEST).value
    return value if isinstance(value, dict) else None


def _kind_of(manifest: dict) -> str | None:
    """'xcally-script' / 'xcally-html' / 'xcally' for an XCALLY manifest, None for anything else."""
    kind = manifest.get("type")
    if kind in PLUGIN_TYPES:
        return f"xcally-{kind}"
    if "type" in manifest or XCALLY_KEYS & manifest.keys():
        return "xcally"
    return None


class XcallyTarget(LazyTarget):
    """XCALLY Motion V3 App Zone plugins (manifest.json with `type` script or html)."""

    name = "xcally"
    title = "XCALLY Motion App Zone"
    VALIDATE = "workbench.targets.xcally.validate:validate_plugin"
    RULES = "workbench.targets.xcally.rules:RULES"
    OUTLINE = "workbench.targets.xcally.outline:outline"
    # Any other manifest.json: an XCALLY project's.
    SCHEMA_FILES = {"xcally-manifest.schema.json": ("manifest.json", "!**/webapp2/manifest.json",
                                                    "!**/webapp3/branding/manifest.json")}
    SCHEMA_MODELS = "workbench.targets.xcally.models:MODEL_OF_SCHEMA"
    EXPORT = "workbench.targets.xcally.export:build_plan"
    VOCABULARY = "workbench.targets.xcally.scenario:vocabulary"
    SESSION = "workbench.targets.xcally.runtime.session:create_session"
    PANEL = "workbench.targets.xcally.ui.panel:make_panel"
    FORM = "workbench.targets.xcally.ui.forms:form_for"
    WINDOW_SETUP = "workbench.targets.xcally.settings:window_setup"
    SAMPLES = "workbench.targets.xcally.newproject:SAMPLES"
    NEW_PROJECT = "workbench.targets.xcally.newproject:create"
    RENAME = "workbench.targets.xcally.rename:rename_edits"
    EXPORT_OPTIONS = ("include_node_modules",)
    IMPORT_LAYOUT = "workbench.targets.xcally.importlayout:import_layout"
    IMPORT_LOOKS_FOR = "manifest.json with a type, at the root or under a single top folder"

    def detect(self, root: Path) -> Project | None:
        """The plugin at root, or in its single top folder (as some published zips are laid out)."""
        root = Path(root)
        candidates = [("", root / MANIFEST)]
        if not candidates[0][1].is_file():
            try:
                subdirs = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")
                           and p.name not in SKIPPED_TOP_DIRS]
            except OSError:
                return None
            if len(subdirs) != 1:
                return None
            candidates = [(subdirs[0].name, subdirs[0] / MANIFEST)]
        content_root, path = candidates[0]
        manifest = _manifest_value(path)
        kind = _kind_of(manifest) if manifest is not None else None
        if kind is None:
            return None
        title = manifest.get("name") if isinstance(manifest.get("name"), str) else root.name
        return Project(root.resolve(), self.name, kind, content_root, title,
                       {"manifest": f"{content_root}/{MANIFEST}" if content_root else MANIFEST})

    def looked_for(self) -> list[str]:
        return ["manifest.json with a `type` of script or html (at the folder's root or in its single top folder)"]


def manifest_path(project: Project) -> str:
    """The manifest's path relative to the project root."""
    return project.details.get("manifest") or (f"{project.content_root}/{MANIFEST}" if project.content_root
                                               else MANIFEST)


def missing_manifest(project: Project) -> Diagnostic:
    return Diagnostic("XC001", Severity.ERROR, "manifest.json is missing: App Zone needs it at the zip's root",
                      manifest_path(project))
