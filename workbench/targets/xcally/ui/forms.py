"""The XCALLY manifest form."""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from workbench.core.document import Document
from workbench.core.project import Project


def form_for(project: Project, document: Document,
             overlays: Callable[[], dict[str, str]] | None = None) -> QWidget | None:
    """The manifest's form (the plugin's manifest.json), None for other files."""
    from workbench.targets.xcally.target import manifest_path
    if document.rel != manifest_path(project) or posixpath.basename(document.rel) != "manifest.json":
        return None
    from workbench.targets.xcally.models import XcallyManifest
    from workbench.targets.xcally.ui.overrides import MANIFEST_OVERRIDES
    from workbench.ui.forms.form import SchemaForm
    return SchemaForm(document, XcallyManifest.model_json_schema(), MANIFEST_OVERRIDES, project.root,
                      title="XCALLY plugin manifest")
