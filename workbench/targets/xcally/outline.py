"""The explorer outline of an XCALLY plugin: its manifest, then its script or its views."""

from __future__ import annotations

from workbench.core.files import ProjectFiles
from workbench.core.project import OutlineNode, Project
from workbench.targets.xcally.shapes import ROLES
from workbench.targets.xcally.target import manifest_path


def outline(project: Project, files: ProjectFiles) -> list[OutlineNode]:
    """One plugin node holding the manifest and the script (with the JS it loads) or the views."""
    rel = manifest_path(project)
    doc = files.json(rel)
    value = doc.value if doc is not None and isinstance(doc.value, dict) else {}
    name = value.get("name") if isinstance(value.get("name"), str) else project.title or project.root.name
    plugin = OutlineNode(name, "plugin", rel, [OutlineNode("manifest.json", "manifest", rel)])
    params = value.get("parameters") if isinstance(value.get("parameters"), dict) else {}
    script = params.get("scriptPath")
    if isinstance(script, str) and (script_rel := files.resolve(rel, script)) and files.is_file(script_rel):
        from workbench.targets.xcally.requires import script_modules
        modules = script_modules(files, script_rel, limit=50)
        node = OutlineNode(script, "source", script_rel,
                           [OutlineNode(f, "source", f) for f in modules.visited[1:]])
        plugin.children.append(node)
    pkg = f"{project.content_root}/package.json" if project.content_root else "package.json"
    if files.is_file(pkg):
        plugin.children.append(OutlineNode("package.json", "config", pkg))
    views = params.get("views") if isinstance(params.get("views"), dict) else {}
    for side in ROLES:
        ref = views.get(side)
        if not isinstance(ref, str):
            continue
        local = files.resolve(rel, ref.split("?")[0])
        target = local if local and files.is_file(local) else None
        plugin.children.append(OutlineNode(f"{side} view: {ref}", "view", target))
    return [plugin]
