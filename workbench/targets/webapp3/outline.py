"""The explorer's view of a Web App 3 project: the manifest, then each plugin with its page and sources."""

from __future__ import annotations

from workbench.core.files import ProjectFiles
from workbench.core.project import OutlineNode, Project
from workbench.targets.webapp3.layout import load_layout

LIMIT = 200  # a plugin with thousands of files must not flood the explorer


def outline(project: Project, files: ProjectFiles) -> list[OutlineNode]:
    layout = load_layout(project, files)
    nodes: list[OutlineNode] = []
    if layout.manifest and files.exists(layout.manifest):
        nodes.append(OutlineNode("manifest.json", "manifest", layout.manifest))
    if project.kind == "webapp3-plugin":
        for name, kind in (("package.json", "config"), ("index.html", "source"), ("vite.config.ts", "config")):
            if files.is_file(name):
                nodes.append(OutlineNode(name, kind, name))
    for ref in layout.plugins:
        node = OutlineNode(ref.label, "plugin", ref.page if ref.page and files.is_file(ref.page) else None)
        if ref.page and files.is_file(ref.page) and project.kind != "webapp3-plugin":
            node.children.append(OutlineNode(ref.page.rsplit("/", 1)[-1], "source", ref.page))
        for rel in ref.sources[:LIMIT]:
            node.children.append(OutlineNode(rel.rsplit("/", 1)[-1] if project.kind != "webapp3-plugin" else rel,
                                             "source", rel))
        nodes.append(node)
    return nodes
