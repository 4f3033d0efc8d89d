"""Which form (if any) edits a file: the project's host decides (Target.form)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from workbench.core.document import Document
from workbench.core.project import Project


def form_for(project: Project, document: Document,
             overlays: Callable[[], dict[str, str]] | None = None) -> QWidget | None:
    """A form view of the document, or None when the file has no form; overlays() gives the unsaved buffers of the
    project's other files (pickers that read them see unsaved edits)."""
    from workbench.registry import target_of
    return target_of(project).form(project, document, overlays)
