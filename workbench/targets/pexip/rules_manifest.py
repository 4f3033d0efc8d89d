"""Rules on the branding package as a whole: settings.json, manifest.json and the plugins/ folder."""

from __future__ import annotations

import posixpath
import time

from workbench.core.diagnostics import Diagnostic, QuickFix, Range, TextEdit
from workbench.core.files import ProjectFiles
from workbench.core.jsondoc import JsonDocument
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.detect import TYPESCRIPT
from workbench.targets.pexip.didyoumean import nearby_path, replace_fix
from workbench.targets.pexip.layout import PACKAGE_SUFFIX, Layout
from workbench.targets.pexip.typescript import content_path, dist_rel


def check_manifest(layout: Layout, files: ProjectFiles) -> list[Diagnostic]:
    """PEX004 (missing), PEX005 (isSettingsBranded), PEX006 (brandingID)."""
    rel = layout.manifest
    doc = files.json(rel) if rel else None
    if rel and doc is None:
        return [diag("PEX004", "manifest.json is missing: the export can create it (fresh brandingID, "
                               "isSettingsBranded true), or add it yourself next to settings.json",
                     layout.settings or rel)]
    if doc is None or not isinstance(doc.value, dict):
        return []
    out: list[Diagnostic] = []
    value = doc.value
    if value.get("isSettingsBranded") is not True:
        out.append(_not_branded(doc))
    branding_id = value.get("brandingID")
    if not (isinstance(branding_id, str) and branding_id.isdigit() and branding_id.isascii()):
        stamp = f'"{int(time.time() * 1000)}"'
        if "brandingID" in value:
            fix = QuickFix("Use a fresh timestamp as brandingID",
                           (TextEdit(doc.file, doc.range_of(("brandingID",)), stamp),))
            out.append(diag("PEX006", f"brandingID {branding_id!r} must be a string of digits, e.g. {stamp}; "
                                      "change it on every upload", doc.file, doc.range_of(("brandingID",)), fix))
        else:
            out.append(diag("PEX006", f"manifest.json has no brandingID: add \"brandingID\": {stamp} and change it "
                                      "on every upload", doc.file, doc.range_of(()),
                            _insert_key(doc, "brandingID", stamp, "Add a brandingID")))
    return out


def _not_branded(doc: JsonDocument) -> Diagnostic:
    if "isSettingsBranded" in doc.value:
        rng = doc.range_of(("isSettingsBranded",))
        fix = QuickFix("Set isSettingsBranded to true", (TextEdit(doc.file, rng, "true"),))
        return diag("PEX005", "isSettingsBranded must be true, or the app ignores settings.json and every plugin",
                    doc.file, rng, fix)
    return diag("PEX005", "manifest.json lacks \"isSettingsBranded\": true; without it the app ignores settings.json "
                          "and every plugin", doc.file, doc.range_of(()),
                _insert_key(doc, "isSettingsBranded", "true", "Add isSettingsBranded: true"))


def _insert_key(doc: JsonDocument, key: str, json_value: str, title: str) -> QuickFix | None:
    """Insert `"key": value` as the first member of the top-level object."""
    root = doc.root
    if root is None or root.kind != "object":
        return None
    after = Range.at(root.range.start.line, root.range.start.column + 1)  # just after the opening brace
    sep = "," if root.members else ""
    return QuickFix(title, (TextEdit(doc.file, after, f'\n  "{key}": {json_value}{sep}'),))


def check_settings(layout: Layout, files: ProjectFiles) -> list[Diagnostic]:
    """PEX003 (missing), PEX007 (duplicate ids), PEX008 (package not found), PEX012 (unreferenced folders)."""
    rel = layout.settings
    if rel is None:
        return []
    if not files.is_file(rel):
        return [diag("PEX003", "settings.json is missing: create it next to manifest.json with "
                               "{\"plugins\": [{\"id\": ..., \"srcURL\": ..., \"enabled\": true}]}",
                     layout.manifest or rel)]
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for ref in layout.plugins:
        i = ref.entry_index
        if ref.settings_id is not None:
            if ref.settings_id in seen:
                doc = files.json(rel)  # positions are only worked out when there is something to place
                first = doc.range_of(("plugins", seen[ref.settings_id], "id")).start.line
                out.append(diag("PEX007", f"plugin id {ref.settings_id!r} is already used at line {first}: give each "
                                          "plugin its own id", rel, doc.range_of(("plugins", i, "id"))))
            else:
                seen[ref.settings_id] = i
        src = layout.settings_value["plugins"][i].get("srcURL")
        if isinstance(src, str) and src and ref.package is None:
            built = content_path(layout.project, src) if layout.project.kind == TYPESCRIPT else None
            rng = files.json(rel).range_of(("plugins", i, "srcURL"))
            if built is not None and built.startswith(dist_rel(layout.project) + "/"):
                out.append(diag("PEX034", f"{src} is built into {built}, which is not there yet: build the project "
                                          "(`workbench build`, its own npm run build)", rel, rng))
            else:
                near = nearby_path(files, rel, src, PACKAGE_SUFFIX) if files.resolve(rel, src) else None
                fix = replace_fix(f"Use {near!r}", rel, rng, near) if near else None
                out.append(diag("PEX008", _missing_package_message(files, rel, src)
                                + (f" (did you mean {near!r}?)" if near else ""), rel, rng, fix))
    out += _unreferenced_folders(layout, files)
    return out


def _missing_package_message(files: ProjectFiles, settings: str, src: str) -> str:
    target = files.resolve(settings, src)
    if target is None:
        return f"srcURL {src!r} points outside the branding package: use a path relative to settings.json, " \
               "e.g. plugins/<name>/<name>.plugin.package.json"
    if files.is_dir(target):
        return f"srcURL {src!r} is a folder: name the package file inside it (<name>{PACKAGE_SUFFIX})"
    return f"no plugin package file at {target}: fix srcURL (relative to settings.json) or add the file"


def _unreferenced_folders(layout: Layout, files: ProjectFiles) -> list[Diagnostic]:
    used = {posixpath.relpath(ref.package, layout.plugins_dir).split("/")[0]
            for ref in layout.plugins if ref.package and ref.package.startswith(layout.plugins_dir + "/")}
    out = []
    for name in files.listdir(layout.plugins_dir):
        folder = f"{layout.plugins_dir}/{name}"
        if name in used or name.startswith(".") or not files.is_dir(folder):
            continue
        packages = [n for n in files.listdir(folder) if n.endswith(PACKAGE_SUFFIX)]
        where, rng = (f"{folder}/{packages[0]}", Range.at(1, 1)) if packages else \
            (layout.settings, files.json(layout.settings).range_of(("plugins",), key=True))
        out.append(diag("PEX012", f"plugin folder {folder} is not referenced by settings.json, so the app never "
                                  "loads it: add a plugins entry for it or delete the folder", where, rng))
    return out
