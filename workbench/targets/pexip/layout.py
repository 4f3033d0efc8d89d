"""Where a Pexip project's files are and how they reference each other: settings.json -> package -> source."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from workbench.core.files import ProjectFiles
from workbench.core.jsondoc import JsonDocument
from workbench.core.project import Project

PACKAGE_SUFFIX = ".plugin.package.json"


@dataclass
class PluginRef:
    """One plugin as the project wires it (any part may be missing)."""

    entry_index: int | None = None  # index in settings.json's plugins list
    settings_id: str | None = None
    package: str | None = None  # package file, relative to the project root
    package_doc: JsonDocument | None = None
    source: str | None = None  # source file, relative to the project root

    @property
    def package_value(self) -> dict:
        value = self.package_doc.value if self.package_doc else None
        return value if isinstance(value, dict) else {}

    @property
    def folder(self) -> str | None:
        return posixpath.dirname(self.package) if self.package else None

    @property
    def label(self) -> str:
        name = self.package_value.get("name")
        ident = self.package_value.get("id") or self.settings_id
        for candidate in (name, ident, self.package):
            if isinstance(candidate, str) and candidate:
                return candidate
        return "plugin"


@dataclass
class Layout:
    project: Project
    settings: str | None  # relative paths; None for a single plugin folder
    manifest: str | None
    plugins_dir: str | None
    plugins: list[PluginRef] = field(default_factory=list)


def join(*parts: str) -> str:
    return posixpath.join(*[p for p in parts if p]) if any(parts) else ""


def load_layout(project: Project, files: ProjectFiles) -> Layout:
    """Resolve settings.json entries to package files and package files to sources."""
    if project.kind == "pexip-plugin":
        layout = Layout(project, None, None, None)
        for name in files.listdir(project.content_root):
            if name.endswith(PACKAGE_SUFFIX):
                rel = join(project.content_root, name)
                layout.plugins.append(_with_package(PluginRef(), files, rel))
        return layout
    cr = project.content_root
    layout = Layout(project, join(cr, "settings.json"), join(cr, "manifest.json"), join(cr, "plugins"))
    settings = files.json(layout.settings)
    entries = settings.value.get("plugins") if settings and isinstance(settings.value, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        ref = PluginRef(i, entry.get("id") if isinstance(entry.get("id"), str) else None)
        src = entry.get("srcURL")
        if isinstance(src, str) and src:
            rel = files.resolve(layout.settings, src)
            if rel is not None and files.is_file(rel):
                _with_package(ref, files, rel)
        layout.plugins.append(ref)
    return layout


def _with_package(ref: PluginRef, files: ProjectFiles, rel: str) -> PluginRef:
    ref.package = rel
    ref.package_doc = files.json(rel)
    src = ref.package_value.get("srcURL")
    if isinstance(src, str) and src:
        target = files.resolve(rel, src)
        if target is not None and files.is_file(target):
            ref.source = target
    return ref
