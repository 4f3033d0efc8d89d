"""The explorer's view of a Pexip project: settings and manifest, then each plugin with its files."""

from __future__ import annotations

import posixpath

from workbench.core.files import ProjectFiles
from workbench.core.project import OutlineNode, Project
from workbench.targets.pexip.layout import load_layout
from workbench.targets.pexip.shapes import menu_items
from workbench.targets.pexip.typescript import folder_rel, is_typescript

ASSET_LIMIT = 200  # a plugin folder with thousands of assets must not flood the explorer


def outline(project: Project, files: ProjectFiles) -> list[OutlineNode]:
    """settings.json, manifest.json, then one node per plugin (package file, source, icons, assets)."""
    layout = load_layout(project, files)
    nodes: list[OutlineNode] = []
    if layout.settings and files.exists(layout.settings):
        nodes.append(OutlineNode("settings.json", "settings", layout.settings))
    if layout.manifest and files.exists(layout.manifest):
        nodes.append(OutlineNode("manifest.json", "manifest", layout.manifest))
    for ref in layout.plugins:
        node = OutlineNode(ref.label, "plugin", ref.package)
        listed: set[str] = set()
        if ref.package:
            node.children.append(OutlineNode(ref.package.rsplit("/", 1)[-1], "package", ref.package))
            listed.add(ref.package)
        if ref.source:
            node.children.append(OutlineNode(ref.source.rsplit("/", 1)[-1], "source", ref.source))
            listed.add(ref.source)
        for _, item in menu_items(ref.package_value):
            icon = item.get("icon")
            target = files.resolve(ref.package, icon) if isinstance(icon, str) and icon and ref.package else None
            if target and target not in listed and files.is_file(target):
                node.children.append(OutlineNode(target.rsplit("/", 1)[-1], "icon", target))
                listed.add(target)
        if ref.folder is not None:
            assets = [f for f in files.walk_files(ref.folder) if f not in listed][:ASSET_LIMIT]
            if assets:
                node.children.append(OutlineNode("assets", "assets", None, [
                    OutlineNode(posixpath.relpath(f, ref.folder or "."), "icon" if f.endswith(".svg") else "asset", f)
                    for f in assets]))
        nodes.append(node)
    if is_typescript(project):
        nodes.append(_typescript_sources(project, files))
    return nodes


def _typescript_sources(project: Project, files: ProjectFiles) -> OutlineNode:
    """What a TypeScript plugin is built from (the plugin nodes above show the built output)."""
    folder = folder_rel(project)
    node = OutlineNode("sources (built into dist/)", "folder", None)
    for name in ("package.json", "templates/plugin.json", "tsconfig.json", "webpack.config.js"):
        rel = posixpath.join(folder, name) if folder else name
        if files.is_file(rel):
            node.children.append(OutlineNode(name, "config" if name != "templates/plugin.json" else "package", rel))
    src = posixpath.join(folder, "src") if folder else "src"
    for rel in list(files.walk_files(src))[:ASSET_LIMIT]:
        node.children.append(OutlineNode(posixpath.relpath(rel, src), "source", rel))
    return node
