"""Rules on each plugin's package file: paths, ids and documented fields."""

from __future__ import annotations

import json

from workbench.core.diagnostics import Diagnostic, QuickFix, TextEdit
from workbench.core.files import ProjectFiles
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.didyoumean import nearby_path, replace_fix
from workbench.targets.pexip.jsfacts import JsFacts
from workbench.targets.pexip.layout import Layout, PluginRef

# menuItems is optional: Pexip publishes plugins that only react to events and show no item.
DOCUMENTED_FIELDS = ("name", "description", "version", "allowUnload", "platforms", "participantRoles")


def check_package(layout: Layout, ref: PluginRef, files: ProjectFiles) -> list[Diagnostic]:
    """PEX002, PEX032, PEX009 and PEX010 for one plugin package file."""
    value, file = ref.package_value, ref.package
    if not value:
        return []
    out: list[Diagnostic] = []
    version = value.get("version")
    if isinstance(version, str):
        number = _number_text(version)
        rng = ref.range(("version",))
        fix = QuickFix("Write the version as a number", (TextEdit(file, rng, number),)) if number else None
        out.append(diag("PEX002", f"version {version!r} is a string: the app shows it as written (Pexip's plugin "
                                  "template writes package.json's version here)" +
                        ("; a number (1.0) is the usual hand-written form" if number else ""), file, rng, fix))
    missing = [f for f in DOCUMENTED_FIELDS if f not in value]
    if missing and (ref.package_clean or ref.package_doc.ok):  # a half-typed file lost keys: do not nag then
        out.append(diag("PEX032", f"the package file lacks {', '.join(missing)}: add "
                                  f"{'them' if len(missing) > 1 else 'it'} (see the plugin package file reference)",
                        file, ref.range(("id",), key=True)))
    src = value.get("srcURL")
    if isinstance(src, str) and src and ref.source is None:
        target = files.resolve(ref.package, src)
        msg = (f"no source file at {target}: fix srcURL (relative to the package file) or add the file"
               if target else f"srcURL {src!r} points outside the package: use a path relative to the package file")
        rng = ref.range(("srcURL",))
        near = nearby_path(files, ref.package, src, ".js") if target else None
        fix = replace_fix(f"Use {near!r}", file, rng, near) if near else None
        out.append(diag("PEX009", msg + (f" (did you mean {near!r}?)" if near else ""), file, rng, fix))
    pkg_id = value.get("id")
    if ref.settings_id is not None and isinstance(pkg_id, str) and pkg_id != ref.settings_id:
        rng = ref.range(("id",))
        fix = QuickFix(f"Use the settings.json id {ref.settings_id!r}", (TextEdit(file, rng, json.dumps(ref.settings_id)),))
        out.append(diag("PEX010", f"id {pkg_id!r} differs from {ref.settings_id!r} in {layout.settings}: use the "
                                  "same id in both", file, rng, fix))
    return out


def _number_text(text: str) -> str | None:
    """The JSON number text of a numeric string ('1.0' -> '1.0'), else None."""
    try:
        value = json.loads(text.strip())
    except ValueError:
        return None
    return text.strip() if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def expected_id(ref: PluginRef) -> str | None:
    """The id registerPlugin must use: the settings.json id, else the package file's."""
    pkg_id = ref.package_value.get("id")
    return ref.settings_id or (pkg_id if isinstance(pkg_id, str) and pkg_id else None)


def check_register_id(ref: PluginRef, facts: JsFacts) -> list[Diagnostic]:
    """PEX011: the id passed to registerPlugin agrees with the package file / settings.json."""
    want = expected_id(ref)
    if want is None or len(facts.registers) != 1:
        return []
    reg = facts.registers[0]
    if reg.id_value is None or reg.id_value == want:
        if reg.id_value is None and reg.keys is not None and "id" not in reg.keys:
            return [diag("PEX011", f"registerPlugin is called without an id: add id: '{want}'", facts.file,
                         reg.range)]
        return []
    quote = reg.id_quote if reg.id_quote in "'\"`" else "'"
    fix = QuickFix(f"Use the id {want!r}", (TextEdit(facts.file, reg.id_range, f"{quote}{want}{quote}"),))
    where = "settings.json" if ref.settings_id else "the package file"
    return [diag("PEX011", f"registerPlugin id {reg.id_value!r} differs from {want!r} in {where}: use the same id",
                 facts.file, reg.id_range, fix)]
