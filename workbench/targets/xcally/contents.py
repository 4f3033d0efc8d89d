"""Which files go into an XCALLY package: the packaging engine's selection with XCALLY's rules, for the export
(build_plan) and for validation's size projection (package_files) alike, so the two can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.core.files import ProjectFiles
from workbench.core.packaging.ignore import IgnoreRules, collect
from workbench.core.packaging.model import Exclusion

# Beside the engine's defaults and the project's .workbenchignore: what the workbench keeps next to the plugin.
PROJECT_ONLY = [("/scenarios/", "workbench scenarios, not part of the plugin")]


@dataclass(frozen=True)
class PackageFile:
    path: str  # relative to the project root
    arcname: str  # path inside the zip (relative to the content root)
    size: int


def package_rules(root: Path, include_node_modules: bool = False) -> IgnoreRules:
    """The ignore rules of an XCALLY export: defaults, node_modules unless included, scenarios, .workbenchignore."""
    return IgnoreRules.for_project(root, include_node_modules=include_node_modules, extra=PROJECT_ONLY)


def package_selection(root: Path, content_root: str = "", include_node_modules: bool = False, *,
           measure_excluded: bool = True) -> tuple[list[tuple[str, Path, int]], list[Exclusion]]:
    """(project-relative path, absolute path, size) of every file the export packages, and what it leaves out."""
    return collect(root, content_root, package_rules(root, include_node_modules), measure_excluded=measure_excluded)


def package_files(files: ProjectFiles, content_root: str = "", include_node_modules: bool = False) -> list[PackageFile]:
    """The files an export would include, sorted by zip path (unsaved buffers count with their current size).

    Nothing is written or compressed, and left-out folders are not walked: validation calls this on every keystroke.
    """
    rules = package_rules(files.root, include_node_modules)
    found, _ = collect(files.root, content_root, rules, measure_excluded=False)
    strip = len(content_root) + 1 if content_root else 0
    out = {rel: PackageFile(rel, rel[strip:], size) for rel, _path, size in found}
    prefix = content_root + "/" if content_root else ""
    for rel, text in files.overlays.items():  # unsaved buffers: new files and new sizes
        if rel.startswith(prefix) and rules.excluded_path(rel) is None:
            out[rel] = PackageFile(rel, rel[strip:], len(text.encode("utf-8")))
    return sorted(out.values(), key=lambda f: f.arcname)
