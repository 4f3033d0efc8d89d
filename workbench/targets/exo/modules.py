"""The add-on's JavaScript modules as eXo's AMD loader (GateIn) sees them in gatein-resources.xml: each module's
script URL, its dependencies and the parameter names its function gets them under (`<as>` aliases)."""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from workbench.core.files import ProjectFiles
from workbench.targets.exo.connector import module_path
from workbench.targets.exo.layout import Layout
from workbench.targets.exo.xmltree import xml_document

# Modules of eXo Platform and the aliases they declare themselves (jquery is `$` on portal pages).
PLATFORM_ALIASES = {"jquery": "$"}
IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def module_graph(files: ProjectFiles, layout: Layout, war: str) -> dict[str, dict[str, Any]]:
    """name -> {url, params, deps, error}: what the page's loader needs for every module the add-on declares."""
    doc = xml_document(files, layout.webapp_file("WEB-INF/gatein-resources.xml"))
    if doc is None:
        return {}
    declared = [m for m in doc.iter("module") if m.child_text("name")]
    own_alias = {m.child_text("name"): m.child_text("as") for m in declared if m.child_text("as")}
    graph: dict[str, dict[str, Any]] = {}
    for module in declared:
        name = module.child_text("name")
        path = module_path(module)
        deps, params = [], []
        for dep in module.children_named("depends"):
            dep_name = dep.child_text("module")
            if not dep_name:
                continue
            alias = dep.child_text("as") or own_alias.get(dep_name) or PLATFORM_ALIASES.get(dep_name) or dep_name
            deps.append(dep_name)
            params.append(alias if IDENTIFIER.match(alias) else "_" + re.sub(r"\W", "_", alias))
        entry: dict[str, Any] = {"deps": deps, "params": params, "url": None, "error": None}
        if path is None or not path.text:
            entry["error"] = f"module {name} declares no <script><path> in gatein-resources.xml"
        elif not files.is_file(layout.webapp_file(path.text)):
            entry["error"] = missing_script(files, layout, name, path.text)
        else:
            entry["url"] = f"/{war}/{path.text.lstrip('/')}"
        graph[name] = entry
    return graph


def missing_script(files: ProjectFiles, layout: Layout, module: str, path: str) -> str:
    """Why a module's script is not in the sources: a webpack output names the build to run."""
    folder = layout.webapp_module or "."
    stem = posixpath.basename(path)
    entry = stem[: -len(".bundle.js")] if stem.endswith(".bundle.js") else stem.rsplit(".", 1)[0]
    configs = sorted(r for r in files.walk_files(folder) if posixpath.dirname(r) == layout.webapp_module
                     and posixpath.basename(r).startswith("webpack") and r.endswith(".js"))
    for config in configs:
        text = files.read_text(config) or ""
        if re.search(rf"\b{re.escape(entry)}\s*:", text) or stem in text:
            return (f"module {module}: {path} is built by webpack (entry `{entry}` in {config}) and is not in the "
                    f"sources: run `{build_command(files, folder)}` in {folder} (the Maven build runs it too), then "
                    "reload the preview")
    return f"module {module}: its script {path} is not under {layout.webapp_root}: add it or correct the path"


def build_command(files: ProjectFiles, folder: str) -> str:
    """`npm run build` when package.json has that script, else `npx webpack`."""
    try:
        scripts = json.loads(files.read_text(posixpath.join(folder, "package.json")) or "{}").get("scripts") or {}
    except ValueError:
        scripts = {}
    return "npm run build" if "build" in scripts else "npx webpack"

