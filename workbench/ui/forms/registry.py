"""Which form (if any) edits a file: chosen by the project's target and the file's name."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from workbench.core.document import Document
from workbench.core.project import Project


def form_for(project: Project, document: Document,
             overlays: Callable[[], dict[str, str]] | None = None) -> QWidget | None:
    """A form view of the document, or None when the file has no form; overlays() gives the unsaved buffers of the
    project's other files (the pickers that read them, such as the Pexip action picker, see unsaved edits)."""
    name = posixpath.basename(document.rel)
    if project.target == "pexip":
        return _pexip_form(project, document, name, overlays)
    if project.target == "xcally" and name == "manifest.json" and posixpath.dirname(document.rel) == "":
        from workbench.targets.xcally.models import XcallyManifest
        from workbench.ui.forms.form import SchemaForm
        from workbench.ui.forms.xcally import MANIFEST_OVERRIDES
        return SchemaForm(document, XcallyManifest.model_json_schema(), MANIFEST_OVERRIDES, project.root,
                          title="XCALLY plugin manifest")
    if project.target == "exo" and document.language == "xml":
        from workbench.ui.forms.exo import exo_form
        return exo_form(project, document)
    return None


def _pexip_form(project: Project, document: Document, name: str,
                overlays: Callable[[], dict[str, str]] | None) -> QWidget | None:
    from workbench.targets.pexip import models
    from workbench.ui.forms import pexip
    from workbench.ui.forms.form import SchemaForm
    from workbench.ui.forms.icons import svg_symbols

    if name.endswith(".plugin.package.json"):
        extras = {"symbols": svg_symbols(project.root), "overlays": overlays}
        return SchemaForm(document, models.PluginPackage.model_json_schema(), pexip.PACKAGE_OVERRIDES, project.root,
                          extras, title="Plugin package")
    content = project.content_root or ""
    if document.rel == posixpath.join(content, "settings.json").lstrip("/") or name == "settings.json":
        return SchemaForm(document, models.Settings.model_json_schema(), pexip.SETTINGS_OVERRIDES, project.root,
                          title="Web app settings: plugins")
    if document.rel == posixpath.join(content, "manifest.json").lstrip("/") or name == "manifest.json":
        return SchemaForm(document, models.BrandingManifest.model_json_schema(), pexip.MANIFEST_OVERRIDES,
                          project.root, title="Branding manifest")
    return None
