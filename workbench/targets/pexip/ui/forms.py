"""Which Pexip file gets which form: the plugin package, settings.json and the branding manifest."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from workbench.core.document import Document
from workbench.core.project import Project


def form_for(project: Project, document: Document,
             overlays: Callable[[], dict[str, str]] | None = None) -> QWidget | None:
    """A form view of the document, or None; overlays() gives the unsaved buffers of the project's other files (the
    action picker reads the plugin's JavaScript from them)."""
    from workbench.targets.pexip import models
    from workbench.targets.pexip.ui import overrides
    from workbench.targets.pexip.ui.icons import svg_symbols
    from workbench.ui.forms.form import SchemaForm

    name = posixpath.basename(document.rel)
    if name.endswith(".plugin.package.json"):
        extras = {"symbols": svg_symbols(project.root), "overlays": overlays}
        return SchemaForm(document, models.PluginPackage.model_json_schema(), overrides.PACKAGE_OVERRIDES,
                          project.root, extras, title="Plugin package")
    content = project.content_root or ""
    if document.rel == posixpath.join(content, "settings.json").lstrip("/") or name == "settings.json":
        return SchemaForm(document, models.Settings.model_json_schema(), overrides.SETTINGS_OVERRIDES, project.root,
                          title="Web app settings: plugins")
    if document.rel == posixpath.join(content, "manifest.json").lstrip("/") or name == "manifest.json":
        return SchemaForm(document, models.BrandingManifest.model_json_schema(), overrides.MANIFEST_OVERRIDES,
                          project.root, title="Branding manifest")
    return None
