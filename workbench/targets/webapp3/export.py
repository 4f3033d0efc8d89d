"""Web App 3 export plan: an upload-ready branding zip, webapp3/branding/{manifest.json, plugins/<id>/...}.

A branding package is packaged as it is; a plugin project as its build under plugins/<id>/ with a manifest entry for
it. With `merge_into` (an existing branding zip, e.g. the one in use) that zip's files are kept and its manifest is
merged: every key kept, the project's plugin entries replacing the entries with the same id (or the same src).
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.core.files import ProjectFiles
from workbench.core.packaging.ignore import IgnoreRules, collect
from workbench.core.packaging.model import ExportError, ExportOptions, ExportPlan, ImportRefused, PlanEntry
from workbench.core.packaging.safezip import SafeZip
from workbench.core.project import Project
from workbench.core.safeio import json_object
from workbench.targets.webapp3.build import build_state
from workbench.targets.webapp3.layout import BUILD_DIR, declared_sandbox, load_layout

BRANDING = "webapp3/branding/"
MANIFEST = BRANDING + "manifest.json"
DEFAULT_MANIFEST = {"version": 0, "meta": {"name": "DEFAULT", "brandVersion": "n/a"}, "images": {},
                    "translations": {}, "plugins": []}
# At a branding package's own root these are project files, not package content.
ROOT_PROJECT_FILES = [("/scenarios/", "workbench scenarios, not part of the package"),
                      ("/README*", "project documentation, not part of the package"),
                      ("/*.md", "project documentation, not part of the package"),
                      ("/package.json", "project tooling, not part of the package"),
                      ("/package-lock.json", "project tooling, not part of the package")]


def build_plan(project: Project, files: ProjectFiles, options: ExportOptions) -> ExportPlan:
    """The branding zip of a branding package or a plugin project, merged into a base zip when asked."""
    plan = ExportPlan([], default_name=f"{project.root.name}-webapp3-branding.zip")
    content = _base_entries(Path(options.merge_into), plan) if options.merge_into else {}
    base_manifest = content.pop(MANIFEST, None)
    project_manifest = None
    if project.kind == "webapp3-plugin":
        own, entries = _plugin_project(project, files, plan)
        manifest = _load(base_manifest, plan) if base_manifest else dict(DEFAULT_MANIFEST)
    else:
        own, project_manifest = _branding(project, plan)
        manifest = _load(project_manifest, plan) if project_manifest else dict(DEFAULT_MANIFEST)
        entries = [e for e in manifest.get("plugins") or [] if isinstance(e, dict)]
        if base_manifest:
            manifest = {**_load(base_manifest, plan), **{k: v for k, v in manifest.items() if k != "plugins"}}
    replaced = sorted(set(content) & set(own))
    if replaced:
        plan.notes.append(f"{len(replaced)} file(s) of {Path(options.merge_into).name} replaced by the project's: "
                          + ", ".join(replaced[:5]) + (" ..." if len(replaced) > 5 else ""))
    content.update(own)
    if project.kind != "webapp3-plugin" and not base_manifest and project_manifest:
        content[MANIFEST] = project_manifest  # nothing to merge: the manifest as written
    else:
        manifest["plugins"] = _merge_plugins(manifest.get("plugins") if base_manifest else [], entries, plan)
        text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
        content[MANIFEST] = (text.encode("utf-8"), "generated (merged)" if base_manifest else "generated")
    plan.entries = [PlanEntry(name, data=data, origin=origin) for name, (data, origin) in sorted(content.items())]
    return plan


def _branding(project: Project, plan: ExportPlan) -> tuple[dict, tuple[bytes, str] | None]:
    base = project.content_root
    found, excluded = collect(project.root, base, IgnoreRules.for_project(
        project.root, extra=[] if base else ROOT_PROJECT_FILES))
    plan.excluded += excluded
    prefix = len(base) + 1 if base else 0
    out = {BRANDING + rel[prefix:]: (_read(path, rel), rel) for rel, path, _size in found}
    return out, out.pop(MANIFEST, None)


def _plugin_project(project: Project, files: ProjectFiles, plan: ExportPlan) -> tuple[dict, list[dict]]:
    from workbench.targets.webapp3.rules_source import plugin_facts, registered_ids
    state = build_state(project)
    layout = load_layout(project, files)
    ref = layout.plugins[0]
    ids = registered_ids(plugin_facts(ref, files))
    ident = ids[0] if ids else str(project.details.get("package_name") or project.root.name)
    if state == "missing":
        plan.diagnostics.append(Diagnostic("WA3018", Severity.ERROR, f"{BUILD_DIR}/index.html does not exist: build "
                                                                     "the plugin (npm run build) before exporting",
                                           "package.json"))
        return {}, []
    if state == "stale":
        plan.notes.append(f"{BUILD_DIR}/ is older than the sources: the zip holds the last build (run npm run build)")
    found, excluded = collect(project.root, BUILD_DIR, IgnoreRules.for_project(project.root))
    plan.excluded += excluded
    folder = f"{BRANDING}plugins/{ident}/"
    sandbox, _where = declared_sandbox(files)
    entry: dict = {"id": ident, "src": f"./plugins/{ident}/index.html"}
    if sandbox:
        entry["sandboxValues"] = sandbox
    plan.notes.append(f"plugin project: its build ({BUILD_DIR}/) is packaged as {folder} with a manifest entry for "
                      f"{ident!r}")
    return {folder + rel[len(BUILD_DIR) + 1:]: (_read(path, rel), rel) for rel, path, _size in found}, [entry]


def _merge_plugins(base: list | None, own: list[dict], plan: ExportPlan) -> list:
    """The base manifest's plugin entries, each replaced by the project's entry with the same id or src."""
    keys = {(e.get("id"), None) for e in own if e.get("id")} | {(None, e.get("src")) for e in own}
    kept = []
    for entry in base or []:
        if isinstance(entry, dict) and ((entry.get("id"), None) in keys or (None, entry.get("src")) in keys):
            plan.notes.append(f"manifest entry {entry.get('id') or entry.get('src')!r} of the base package replaced "
                              "by the project's")
            continue
        kept.append(entry)
    return kept + own


def _load(src: tuple[bytes, str], plan: ExportPlan) -> dict:
    value = json_object(src[0])
    if value is None:
        plan.diagnostics.append(Diagnostic("WA3001", Severity.ERROR, f"{src[1]} is not a JSON object: fix it before "
                                                                     "exporting", src[1].split(":")[-1]))
        return dict(DEFAULT_MANIFEST)
    return value


def _read(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {rel}: {exc.strerror or exc}") from exc


def _base_entries(path: Path, plan: ExportPlan) -> dict[str, tuple[bytes, str]]:
    """The files of a branding zip to merge into, laid out under webapp3/branding/ (however the zip lays them)."""
    try:
        with SafeZip(path, label=path.name) as zf:
            names = zf.names()
            layout = import_layout(names, zf.read)
            if layout is None:
                raise ImportRefused("not a Web App 3 branding zip (no webapp3/branding/manifest.json)", "unsupported")
            strip, add = layout["strip"], layout["add"]
            return {add + n[len(strip):]: (zf.read(n), f"{path.name}:{n}") for n in names if n.startswith(strip)}
    except ImportRefused as exc:
        plan.diagnostics.append(Diagnostic("PKG016", Severity.ERROR, f"cannot merge into {path}: {exc}", ""))
        return {}


def import_layout(names: list[str], read) -> dict | None:
    """How a zip maps onto a Web App 3 branding project: {strip, add, certainty, description}, or None when it is
    not one (certainty 3: its own folder, 2: a manifest only Web App 3 branding has)."""
    from workbench.targets.webapp3.detect import is_branding_manifest
    tops = {n.split("/", 1)[0] for n in names}
    top = tops.pop() + "/" if len(tops) == 1 and all("/" in n for n in names) else ""
    for strip in dict.fromkeys(("", top)):
        if strip + MANIFEST in names:
            where = f"inside {strip}" if strip else "at the root"
            return {"strip": strip, "add": "", "certainty": 3,
                    "description": f"Web App 3 branding package (webapp3/ {where})"}
    for strip in dict.fromkeys((f"{top}webapp3/", top, "")):
        if strip + "branding/manifest.json" in names:
            return {"strip": strip, "add": "webapp3/", "certainty": 3,
                    "description": "Web App 3 branding folder (branding/)"}
        if strip + "manifest.json" in names:
            value = json_object(read(strip + "manifest.json"))
            if value is not None and is_branding_manifest(value) and isinstance(value.get("plugins"), list):
                return {"strip": strip, "add": BRANDING, "certainty": 2,
                        "description": "Web App 3 branding content without webapp3/branding/"}
    return None
