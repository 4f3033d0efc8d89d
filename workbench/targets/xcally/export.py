"""XCALLY export plan: the plugin folder zipped with manifest.json at the root, node_modules only when asked,
refused above the App Zone's 50 MB limit (with a warning above the 4 MB an older release documented)."""

from __future__ import annotations

import re

from workbench.core.files import ProjectFiles
from workbench.core.packaging.model import ExportOptions, ExportPlan, PlanEntry
from workbench.core.packaging.report import human_size
from workbench.core.project import Project
from workbench.targets.xcally.contents import package_selection
from workbench.targets.xcally.rules import OLD_PACKAGE_LIMIT_BYTES as SIZE_WARNING
from workbench.targets.xcally.rules import PACKAGE_LIMIT_BYTES as SIZE_LIMIT


def _safe_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "plugin"


def build_plan(project: Project, files: ProjectFiles, options: ExportOptions) -> ExportPlan:
    """Every file of the plugin folder that the ignore rules keep, manifest.json at the zip root."""
    base = project.content_root
    manifest_rel = f"{base}/manifest.json" if base else "manifest.json"
    doc = files.json(manifest_rel)
    value = doc.value if doc is not None and isinstance(doc.value, dict) else {}
    name = value.get("name") if isinstance(value.get("name"), str) else project.root.name
    version = value.get("version") if isinstance(value.get("version"), str) else ""
    stem = _safe_stem(name) + (f"-{_safe_stem(version)}" if version else "")
    plan = ExportPlan([], default_name=f"{stem}.zip", size_limit=SIZE_LIMIT, size_warning=SIZE_WARNING)
    found, plan.excluded = package_selection(project.root, base, options.include_node_modules)
    strip = len(base) + 1 if base else 0
    plan.entries = [PlanEntry(rel[strip:], source=path, origin=rel) for rel, path, _size in found]
    if base:
        plan.notes.append(f"the plugin lives in {base}/: its content is packaged at the zip root, as App Zone expects")
    plan.info.update({"name": name, "version": version, "type": value.get("type")})
    _node_modules_notes(plan, found, options, files, base)
    return plan


def _node_modules_notes(plan: ExportPlan, found, options: ExportOptions, files: ProjectFiles, base: str) -> None:
    if options.include_node_modules:
        size = sum(s for rel, _p, s in found if "node_modules/" in f"/{rel}")
        count = sum(1 for rel, _p, _s in found if "node_modules/" in f"/{rel}")
        if count:
            plan.notes.append(f"node_modules included: {count} file(s), {human_size(size)} before compression")
        return
    left_out = [x for x in plan.excluded if x.path.endswith("node_modules/")]
    if left_out:
        size = sum(x.size for x in left_out)
        plan.notes.append(f"node_modules left out ({human_size(size)}, {sum(x.files for x in left_out)} file(s)); "
                          "add it with --include-node-modules if the plugin cannot install its dependencies")
    pkg = files.json(f"{base}/package.json" if base else "package.json")
    deps = pkg.value.get("dependencies") if pkg is not None and isinstance(pkg.value, dict) else None
    if isinstance(deps, dict) and deps:
        plan.notes.append(f"package.json declares {len(deps)} dependenc{'y' if len(deps) == 1 else 'ies'} "
                          f"({', '.join(sorted(deps)[:5])}); whether App Zone runs npm install is not documented: "
                          "if the plugin fails to start, export with --include-node-modules")
        plan.info["dependencies"] = sorted(deps)
