"""References an XCALLY manifest keeps to the plugin's files (`scriptPath`, the views), re-pointed on a rename."""

from __future__ import annotations

from workbench.core.diagnostics import TextEdit
from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.core.rename import ref_edit
from workbench.targets.xcally.target import manifest_path

PATHS = (("parameters", "scriptPath"), ("parameters", "views", "admin"), ("parameters", "views", "agent"))


def rename_edits(project: Project, files: ProjectFiles, old: str, new: str) -> list[TextEdit]:
    manifest = manifest_path(project)
    doc = files.json(manifest)
    if doc is None:
        return []
    edits = [ref_edit(doc, manifest, path, project.content_root, old, new) for path in PATHS]
    return [e for e in edits if e is not None]
