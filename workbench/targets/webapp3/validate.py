"""Run every Web App 3 rule over a project: the branding manifest and its plugins, or a plugin project."""

from __future__ import annotations

from workbench.core.diagnostics import Diagnostic
from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.targets.webapp3.build import build_state
from workbench.targets.webapp3.codes import diag
from workbench.targets.webapp3.detect import plugin_api_dependency
from workbench.targets.webapp3.layout import Layout, load_layout
from workbench.targets.webapp3.rules_manifest import check_entries, check_unlisted, schema_diagnostics
from workbench.targets.webapp3.rules_source import check_calls, check_register, plugin_facts


def validate(project: Project, files: ProjectFiles) -> list[Diagnostic]:
    """Every diagnostic of a Web App 3 branding package or plugin project."""
    layout = load_layout(project, files)
    out: list[Diagnostic] = []
    if layout.manifest is not None:
        if layout.doc is None:
            return [diag("WA3001", "manifest.json cannot be read", layout.manifest)]
        out += layout.doc.diagnostics
        out += schema_diagnostics(layout)
        out += check_entries(layout, files)
        out += check_unlisted(layout, files)
    else:
        out += _plugin_project(layout, files)
    checked: set[str] = set()
    for ref in layout.plugins:
        facts = plugin_facts(ref, files)
        out += check_register(ref, facts, layout.manifest)
        for f in facts:
            if f.file not in checked:
                checked.add(f.file)
                out += check_calls(f)
    return out


def _plugin_project(layout: Layout, files: ProjectFiles) -> list[Diagnostic]:
    from workbench.targets.webapp3.apitypes import SUPPORTED_VERSIONS
    out = []
    state = build_state(layout.project, files)
    if state != "fresh":
        page = layout.plugins[0].page
        message = (f"{page} does not exist: build the plugin (npm run build) to preview and export it"
                   if state == "missing" else f"{page} is older than the sources: build the plugin again")
        out.append(diag("WA3018", message, "package.json"))
    doc = files.json("package.json")
    wanted = plugin_api_dependency(doc.value if doc is not None and isinstance(doc.value, dict) else None)
    if wanted and wanted.lstrip("^~=v") not in SUPPORTED_VERSIONS:
        key = next((k for k in ("dependencies", "devDependencies", "peerDependencies")
                    if isinstance(doc.value.get(k), dict) and "@pexip/plugin-api" in doc.value[k]), "dependencies")
        out.append(diag("WA3021", f"@pexip/plugin-api {wanted}: the workbench's host follows the protocol of "
                                  f"{', '.join(SUPPORTED_VERSIONS)}", "package.json",
                        doc.range_of((key, "@pexip/plugin-api"))))
    return out
