"""Run every Pexip rule over a project: JSON syntax, schemas, cross-file agreement, JS and security lint."""

from __future__ import annotations

from workbench.core import jsbudget
from workbench.core.diagnostics import Diagnostic
from workbench.core.files import ProjectFiles
from workbench.core.project import Project
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.jsfacts import js_facts
from workbench.targets.pexip.jsonvalue import clean_json_value
from workbench.targets.pexip.layout import load_layout
from workbench.targets.pexip.rules_js import check_source
from workbench.targets.pexip.rules_manifest import check_manifest, check_settings
from workbench.targets.pexip.rules_menu import check_menu, check_state_icons
from workbench.targets.pexip.rules_package import check_package, check_register_id
from workbench.targets.pexip.rules_security import check_security
from workbench.targets.pexip.schema_rules import MANIFEST_SCHEMA, PACKAGE_SCHEMA, SETTINGS_SCHEMA, schema_diagnostics
from workbench.targets.pexip.typescript import build_state, dist_rel, is_typescript


def validate(project: Project, files: ProjectFiles) -> list[Diagnostic]:
    """Every diagnostic of a Pexip branding package or plugin folder."""
    layout = load_layout(project, files)
    out: list[Diagnostic] = []
    for rel, schema in ((layout.settings, SETTINGS_SCHEMA), (layout.manifest, MANIFEST_SCHEMA)):
        if rel and files.is_file(rel):
            if not clean_json_value(files, rel)[0]:
                out += files.json(rel).diagnostics
            out += schema_diagnostics(files, rel, schema)
    out += check_settings(layout, files)
    out += check_build(project)
    out += check_manifest(layout, files)
    seen_packages: set[str] = set()
    seen_sources: set[str] = set()
    for ref in layout.plugins:
        if ref.package is None:
            continue
        facts = js_facts(files, ref.source) if ref.source else None
        if ref.package not in seen_packages:  # two settings entries may share a package: report its problems once
            seen_packages.add(ref.package)
            if not ref.package_clean:
                out += ref.package_doc.diagnostics
            out += schema_diagnostics(files, ref.package, PACKAGE_SCHEMA)
        out += check_package(layout, ref, files)
        out += check_menu(ref, files, facts)
        if facts is None and ref.source and ref.source not in seen_sources and \
                jsbudget.too_large(size := files.size(ref.source)):
            seen_sources.add(ref.source)
            out.append(jsbudget.skipped(ref.source, size, "its syntax, registerPlugin, the plugin API calls and the "
                                                          "security lint"))
        if facts is not None:
            if ref.source not in seen_sources:
                seen_sources.add(ref.source)
                out += check_source(files, facts)
                out += check_security(files, facts)
            out += check_register_id(ref, facts)
            out += check_state_icons(ref, files, facts)
    return out


def check_build(project: Project) -> list[Diagnostic]:
    """PEX035: a TypeScript plugin whose sources changed after its last build."""
    if not is_typescript(project):
        return []
    state, newer = build_state(project)
    if state != "stale" or newer is None:
        return []
    return [diag("PEX035", f"{newer} changed after the last build: the preview, scenarios and export would use the "
                           f"old plugin in {dist_rel(project)}/; build again (`workbench build`)", newer)]
