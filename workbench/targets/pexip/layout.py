"""Where a Pexip project's files are and how they reference each other: settings.json -> package -> source."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from workbench.core.diagnostics import WHOLE_FILE, Range
from workbench.core.files import ProjectFiles
from workbench.core.jsondoc import JsonDocument
from workbench.core.project import Project
from workbench.targets.pexip.detect import TYPESCRIPT
from workbench.targets.pexip.jsonvalue import clean_json_value
from workbench.targets.pexip.typescript import content_path, dist_rel

PACKAGE_SUFFIX = ".plugin.package.json"


@dataclass
class PluginRef:
    """One plugin as the project wires it (any part may be missing)."""

    files: ProjectFiles
    entry_index: int | None = None  # index in settings.json's plugins list
    settings_id: str | None = None
    package: str | None = None  # package file, relative to the project root
    source: str | None = None  # source file, relative to the project root
    package_clean: bool = False  # strictly valid JSON: its value is known without the positioned document
    _value: Any = None

    @property
    def package_doc(self) -> JsonDocument | None:
        """The positioned package document, parsed on first need (to place a diagnostic)."""
        return self.files.json(self.package) if self.package else None

    @property
    def package_value(self) -> dict:
        value = self._value if self.package_clean else (self.package_doc.value if self.package_doc else None)
        return value if isinstance(value, dict) else {}

    def range(self, path: tuple, key: bool = False) -> Range:
        """Where the value (or key) at path is in the package file."""
        doc = self.package_doc
        return doc.range_of(path, key) if doc else WHOLE_FILE

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
    settings_value: Any = None  # the value of settings.json (None when missing)


def join(*parts: str) -> str:
    return posixpath.join(*[p for p in parts if p]) if any(parts) else ""


def load_layout(project: Project, files: ProjectFiles) -> Layout:
    """Resolve settings.json entries to package files and package files to sources."""
    if project.kind == "pexip-plugin":
        layout = Layout(project, None, None, None)
        for name in files.listdir(project.content_root):
            if name.endswith(PACKAGE_SUFFIX):
                rel = join(project.content_root, name)
                layout.plugins.append(_with_package(PluginRef(files), files, rel))
        return layout
    cr = project.content_root
    typescript = project.kind == TYPESCRIPT  # dev-assets/ with the built dist/plugins/ laid over its plugins/
    plugins_dir = f"{dist_rel(project)}/plugins" if typescript else join(cr, "plugins")
    layout = Layout(project, join(cr, "settings.json"), join(cr, "manifest.json"), plugins_dir)
    layout.settings_value = json_value(files, layout.settings)
    value = layout.settings_value
    entries = value.get("plugins") if isinstance(value, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        ref = PluginRef(files, i, entry.get("id") if isinstance(entry.get("id"), str) else None)
        src = entry.get("srcURL")
        if isinstance(src, str) and src:
            rel = content_path(project, src) if typescript else files.resolve(layout.settings, src)
            if rel is not None and files.is_file(rel):
                _with_package(ref, files, rel)
        layout.plugins.append(ref)
    return layout


def json_value(files: ProjectFiles, rel: str) -> Any:
    """The value of a JSON file (best effort when it has errors), None when it is missing."""
    clean, value = clean_json_value(files, rel)
    if clean:
        return value
    doc = files.json(rel)
    return doc.value if doc else None


def _with_package(ref: PluginRef, files: ProjectFiles, rel: str) -> PluginRef:
    ref.package = rel
    ref.package_clean, ref._value = clean_json_value(files, rel)
    src = ref.package_value.get("srcURL")
    if isinstance(src, str) and src:
        target = files.resolve(rel, src)
        if target is not None and files.is_file(target):
            ref.source = target
    return ref
