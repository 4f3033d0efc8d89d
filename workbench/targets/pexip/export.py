"""Pexip export plan: a branding zip with webapp2/{manifest.json, settings.json, plugins/...} and a brandingID
derived from the package content (same content, same ID; any change, a new one)."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, Severity, TextEdit
from workbench.core.files import ProjectFiles
from workbench.core.jsondoc import parse_json
from workbench.core.packaging.digest import content_digits
from workbench.core.packaging.ignore import IgnoreRules, collect
from workbench.core.packaging.model import Exclusion, ExportOptions, ExportPlan, ImportRefused, PlanEntry
from workbench.core.packaging.safezip import SafeZip
from workbench.core.project import Project
from workbench.core.safeio import MANIFEST_LIMIT, read_regular
from workbench.core.text import apply_edits
from workbench.targets.pexip.typescript import build_state, dist_rel, folder_rel, is_typescript

APP = "webapp2/"
MANIFEST = APP + "manifest.json"
SETTINGS = APP + "settings.json"
# At a branding package's own root (no webapp2/ folder) these are project files, not package content.
ROOT_PROJECT_FILES = [("/scenarios/", "workbench scenarios, not part of the package"),
                      ("/README*", "project documentation, not part of the package"),
                      ("/LICENSE*", "project documentation, not part of the package"),
                      ("/CHANGELOG*", "project documentation, not part of the package"),
                      ("/*.md", "project documentation, not part of the package"),
                      ("/package.json", "project tooling, not part of the package"),
                      ("/package-lock.json", "project tooling, not part of the package")]


def build_plan(project: Project, files: ProjectFiles, options: ExportOptions) -> ExportPlan:
    """The branding zip for a branding package or a single plugin folder, merged into a base zip when asked."""
    plan = ExportPlan([], default_name=f"{project.root.name}-branding.zip")
    base = _base_entries(options.merge_into, plan) if options.merge_into else {}
    content: dict[str, tuple[bytes, str]] = {name: (data, origin) for name, (data, origin) in base.items()}
    if project.kind == "pexip-plugin":
        own = _plugin_entries(project, files, plan)
    elif is_typescript(project):
        own = _typescript_entries(project, plan)
    else:
        own = _branding_entries(project, plan)
    replaced = sorted(set(base) & set(own))
    content.update(own)
    if replaced:
        plan.notes.append(f"{len(replaced)} file(s) of {options.merge_into.name} replaced by the project's: "
                          + ", ".join(replaced[:5]) + (" ..." if len(replaced) > 5 else ""))
    if project.kind == "pexip-plugin":
        content[SETTINGS] = _plugin_settings(project, files, content.get(SETTINGS))
    elif SETTINGS not in content:
        content[SETTINGS] = (json.dumps({"plugins": []}, indent=4).encode() + b"\n", "generated")
        plan.notes.append("settings.json was missing: the package gets one with no plugins")

    manifest_src = content.pop(MANIFEST, None)
    text, how = _manifest_source(manifest_src, plan)
    others = [(name, data) for name, (data, _origin) in content.items()]
    branding_id = content_digits(others + [(MANIFEST, render_manifest(text, "").encode("utf-8"))])
    manifest_bytes = render_manifest(text, branding_id).encode("utf-8")
    content[MANIFEST] = (manifest_bytes, "generated" if manifest_src is None else f"{manifest_src[1]} (brandingID set)")
    plan.entries = [PlanEntry(name, data=data, origin=origin) for name, (data, origin) in sorted(content.items())]
    _explain_id(project, plan, branding_id, manifest_src, how, manifest_bytes, options)
    return plan


def _project_manifest_rel(project: Project) -> str:
    return f"{project.content_root}/manifest.json" if project.content_root else "manifest.json"


def _branding_entries(project: Project, plan: ExportPlan) -> dict[str, tuple[bytes, str]]:
    base = project.content_root
    extra = [] if base else ROOT_PROJECT_FILES
    found, excluded = collect(project.root, base, IgnoreRules.for_project(project.root, extra=extra))
    plan.excluded += excluded
    if base:
        plan.excluded += _outside(project.root, base)
    prefix = len(base) + 1 if base else 0
    out = {}
    for rel, path, _size in found:
        out[APP + rel[prefix:]] = (_read(path, rel), rel)
    return out


def _typescript_entries(project: Project, plan: ExportPlan) -> dict[str, tuple[bytes, str]]:
    """dev-assets/ with the built dist/plugins/ laid over its plugins/: the package the template's server serves."""
    rules = IgnoreRules.for_project(project.root)
    out: dict[str, tuple[bytes, str]] = {}
    for base, into in ((project.content_root, APP), (f"{dist_rel(project)}/plugins", APP + "plugins/")):
        found, excluded = collect(project.root, base, rules)
        plan.excluded += excluded
        for rel, path, _size in found:
            out[into + rel[len(base) + 1:]] = (_read(path, rel), rel)
    state, newer = build_state(project)
    if state == "missing":
        plan.diagnostics.append(Diagnostic("PEX034", Severity.ERROR, f"the plugin is not built: {dist_rel(project)}/"
                                           "plugins/ is empty; build it first (`workbench build`)", ""))
    if state == "stale":
        plan.notes.append(f"{newer} changed after the last build: the zip holds the plugin as last built "
                          "(run `workbench build` first)")
    kept = {project.content_root.split("/")[-1], dist_rel(project).split("/")[-1]}
    folder = Path(project.root) / folder_rel(project)
    for item in sorted(folder.iterdir()) if folder.is_dir() else []:
        if item.name not in kept and item.name not in (".git", ".workbench"):
            what = "npm packages (the build bundles what the plugin uses)" if item.name == "node_modules" else \
                "the plugin's sources and tooling, not part of the branding package"
            plan.excluded.append(Exclusion(item.name + ("/" if item.is_dir() else ""), what, 0,
                                           0 if item.is_dir() else 1))
    return out


def _plugin_entries(project: Project, files: ProjectFiles, plan: ExportPlan) -> dict[str, tuple[bytes, str]]:
    folder = project.root.name
    rules = IgnoreRules.for_project(project.root, extra=ROOT_PROJECT_FILES)
    found, excluded = collect(project.root, "", rules)
    plan.excluded += excluded
    plan.notes.append(f"single plugin folder: packaged as webapp2/plugins/{folder}/ with a settings.json enabling it")
    return {f"{APP}plugins/{folder}/{rel}": (_read(path, rel), rel) for rel, path, _size in found}


def _plugin_settings(project: Project, files: ProjectFiles, base_settings) -> tuple[bytes, str]:
    """settings.json enabling the plugin (added to the base package's settings when merging)."""
    package = project.details.get("package") or ""
    doc = files.json(package) if package else None
    plugin_id = doc.value.get("id") if doc is not None and isinstance(doc.value, dict) else None
    entry = {"id": plugin_id or project.root.name, "srcURL": f"plugins/{project.root.name}/{package}",
             "enabled": True}
    value: dict = {}
    if base_settings is not None:
        try:
            loaded = json.loads(base_settings[0].decode("utf-8-sig"))
            value = loaded if isinstance(loaded, dict) else {}
        except (ValueError, RecursionError):
            value = {}
    plugins = [p for p in value.get("plugins", []) if isinstance(p, dict) and p.get("id") != entry["id"]]
    value["plugins"] = plugins + [entry]
    return json.dumps(value, indent=4).encode() + b"\n", "generated"


def _outside(root: Path, base: str) -> list[Exclusion]:
    """Top-level items beside webapp2/ (scenarios, docs...): listed so the report says why they are not there."""
    out = []
    for item in sorted(root.iterdir()):
        if item.name == base or item.name in (".git", ".workbench"):
            continue
        if item.is_dir() and not item.is_symlink():
            sizes = [p.stat().st_size for p in item.rglob("*") if p.is_file()]
            out.append(Exclusion(item.name + "/", f"outside {base}/: not part of the branding package",
                                 sum(sizes), len(sizes)))
        else:
            out.append(Exclusion(item.name, f"outside {base}/: not part of the branding package",
                                 item.stat().st_size if item.is_file() else 0))
    return out


def _read(path: Path, rel: str) -> bytes:
    from workbench.core.packaging.model import FILE_LIMIT, ExportError
    try:
        return read_regular(path, FILE_LIMIT)
    except OSError as exc:
        raise ExportError(f"cannot read {rel}: {exc.strerror or exc}") from exc


def _base_entries(path: Path, plan: ExportPlan) -> dict[str, tuple[bytes, str]]:
    """The files of the branding zip to merge into, laid out under webapp2/ (at its root, one folder down, bare)."""
    path = Path(path)
    try:
        with SafeZip(path, label=path.name) as zf:
            names = zf.names()
            tops = {n.split("/", 1)[0] for n in names}
            strip, add = "", APP
            if any(n.startswith(APP) for n in names):
                add = ""
            elif len(tops) == 1 and all("/" in n for n in names) and any(
                    n.startswith(f"{t}/{APP}") for t in tops for n in names):
                strip, add = tops.pop() + "/", ""
            return {add + n[len(strip):]: (zf.read(n), f"{path.name}:{n}") for n in names if n.startswith(strip)}
    except ImportRefused as exc:
        plan.diagnostics.append(Diagnostic("PKG016", Severity.ERROR, f"cannot merge into {path}: {exc}", ""))
        return {}


def _manifest_source(src: tuple[bytes, str] | None, plan: ExportPlan) -> tuple[str, str]:
    """The manifest text to complete and how it was obtained ('project', 'created', 'rewritten')."""
    if src is None:
        plan.notes.append("manifest.json was missing: the package gets one (isSettingsBranded true)")
        return "", "created"
    try:
        text = src[0].decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    doc = parse_json(text, MANIFEST)
    if not doc.ok or not isinstance(doc.value, dict):
        plan.notes.append(f"{src[1]} is not a valid JSON object: the package gets a new manifest.json")
        return "", "rewritten"
    if doc.value.get("isSettingsBranded") is not True:
        plan.notes.append(f"isSettingsBranded was {json.dumps(doc.value.get('isSettingsBranded'))} in {src[1]}: "
                          "set to true in the package, or the host would ignore settings.json and every plugin")
    return text, "project"


def render_manifest(text: str, branding_id: str) -> str:
    """The manifest with brandingID and isSettingsBranded set, keeping the rest of the text as written."""
    doc = parse_json(text, MANIFEST) if text else None
    value = doc.value if doc is not None and doc.ok and isinstance(doc.value, dict) else None
    if value is None:
        fresh = {"brandingID": branding_id, "isSettingsBranded": True, "isWatermarkBranded": False,
                 "isStylesBranded": False}
        return json.dumps(fresh, indent=4) + "\n"
    if "brandingID" in value and "isSettingsBranded" in value:
        edits = [TextEdit(MANIFEST, doc.range_of(["brandingID"]), json.dumps(branding_id))]
        if value["isSettingsBranded"] is not True:
            edits.append(TextEdit(MANIFEST, doc.range_of(["isSettingsBranded"]), "true"))
        return apply_edits(text, edits)
    completed = {"brandingID": branding_id} | {k: v for k, v in value.items() if k != "brandingID"}
    completed["isSettingsBranded"] = True
    return json.dumps(completed, indent=4) + "\n"


def _explain_id(project: Project, plan: ExportPlan, branding_id: str, manifest_src, how: str,
                manifest_bytes: bytes, options: ExportOptions) -> None:
    rel = _project_manifest_rel(project)
    on_disk = project.root / rel
    previous = None
    try:  # only a regular file inside the project is compared (a link elsewhere is reported by validation)
        current = read_regular(on_disk, MANIFEST_LIMIT, confine=project.root, where="the project")
    except OSError:
        current = None
    try:
        loaded = json.loads(current.decode("utf-8-sig")) if current is not None else None
        previous = str(loaded.get("brandingID")) if isinstance(loaded, dict) and "brandingID" in loaded else None
    except (ValueError, RecursionError):  # RecursionError: nested too deeply
        pass
    plan.info.update({"brandingID": branding_id, "previousBrandingID": previous})
    plan.notes.insert(0, f"brandingID {branding_id} (derived from the package content: the same content gives the "
                         "same ID, any change a new one, so clients reload the branding)")
    if project.kind == "pexip-plugin":
        return
    if options.write_branding_id:
        plan.write_back[rel] = manifest_bytes
    elif current is not None and current != manifest_bytes:
        plan.notes.append(f"{rel} in the project still says brandingID {previous}: the manifest in the zip "
                          "differs from it (use --write-branding-id to update the file)")
    if previous == branding_id:
        plan.notes.append("same brandingID as the project's manifest: the content has not changed since it was set")
