"""References a Pexip package keeps to its own files, re-pointed when a file or folder is renamed: settings.json's
`srcURL`s, each package file's `srcURL` and its menu items' icons."""

from __future__ import annotations

import posixpath

from workbench.core.diagnostics import TextEdit
from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.core.rename import ref_edit, split_ref


def rename_edits(project: Project, files: ProjectFiles, old: str, new: str) -> list[TextEdit]:
    """The edits that keep every reference pointing at the same file after old -> new."""
    content = project.content_root
    settings_rel = posixpath.join(content, "settings.json") if content else "settings.json"
    edits: list[TextEdit | None] = []
    packages: set[str] = {rel for rel in files.walk_files() if rel.endswith(".plugin.package.json")}
    doc = files.json(settings_rel)
    plugins = doc.node(["plugins"]) if doc is not None else None
    for i, item in enumerate(plugins.items if plugins is not None and plugins.kind == "array" else []):
        edits.append(ref_edit(doc, settings_rel, ["plugins", i, "srcURL"], content, old, new))
        src = item.get("srcURL")
        if src is not None and isinstance(src.value, str):
            packages.add(posixpath.normpath(posixpath.join(content, split_ref(src.value)[0])))
    for package in sorted(packages):
        pdoc = files.json(package)
        if pdoc is None:
            continue
        base = posixpath.dirname(package)
        edits.append(ref_edit(pdoc, package, ["srcURL"], base, old, new))
        menus = pdoc.node(["menuItems"])
        for location, items in (menus.members.items() if menus is not None and menus.kind == "object" else ()):
            for j in range(len(items.items) if items.kind == "array" else 0):
                edits.append(ref_edit(pdoc, package, ["menuItems", location, j, "icon"], base, old, new))
    return [e for e in edits if e is not None]
