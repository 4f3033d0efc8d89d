"""Rules on menu items: one location, actions registered, icons that exist, are SVG and hold the #id."""

from __future__ import annotations

import posixpath
import re

from workbench.core.diagnostics import Diagnostic
from workbench.core.files import ProjectFiles
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.didyoumean import closest, replace_fix
from workbench.targets.pexip.jsfacts import JsFacts
from workbench.targets.pexip.layout import PluginRef
from workbench.targets.pexip.rules_security import name_words
from workbench.targets.pexip.shapes import MENU_LOCATIONS, menu_items
from workbench.targets.pexip.svg import svg_info

ICON_LITERAL = re.compile(r"[\w./-]+\.svg#[\w-]+")  # matched against a string literal's content only


def check_menu(ref: PluginRef, files: ProjectFiles, facts: JsFacts | None) -> list[Diagnostic]:
    """PEX013, PEX018, PEX014 and the icon rules for one package file."""
    value, file = ref.package_value, ref.package
    if not value:
        return []
    out: list[Diagnostic] = []
    menu = value.get("menuItems")
    if isinstance(menu, dict):
        used = [k for k in MENU_LOCATIONS if k in menu]
        if len(used) > 1:
            out.append(diag("PEX013", f"menuItems has {' and '.join(used)}: a plugin may use only one location; "
                                      "keep one (or split the plugin in two)", file,
                            ref.range(("menuItems", used[1]), key=True)))
        for key in menu:
            if key not in MENU_LOCATIONS:
                out.append(diag("PEX018", f"menuItems.{key} is not a menu location the app knows: use toolbar, "
                                          "conference or participants", file,
                                ref.range(("menuItems", key), key=True)))
    registered = _registered_keys(facts)
    for path, item in menu_items(value):
        action = item.get("action")
        if registered is not None and isinstance(action, str) and action and action not in registered:
            actions = sorted(k for k in registered if k not in ("id", "load", "unload", "state$"))
            names = ", ".join(actions) or "none"
            rng = ref.range(path + ("action",))
            near = closest(action, actions)
            fix = replace_fix(f"Change the action to {near!r}", file, rng, near) if near else None
            out.append(diag("PEX014", f"action {action!r} is not registered" + (f" (did you mean {near!r}?)" if near
                                                                                 else "")
                            + f": add {action} to the object passed to registerPlugin in {facts.file} (registered "
                            f"actions: {names})", file, rng, fix))
        icon = item.get("icon")
        problem = icon_problem(files, ref.package, icon, "PEX015") if isinstance(icon, str) and icon else None
        if problem:
            out.append(diag(*problem, file, ref.range(path + ("icon",))))
    return out


def _registered_keys(facts: JsFacts | None) -> set[str] | None:
    """Keys registered with registerPlugin, or None when unknown (no single literal object, syntax error...)."""
    # While the source has a syntax error its object literal may be cut short: no "not registered" noise then.
    if facts is None or facts.syntax or len(facts.registers) != 1 or facts.registers[0].keys is None:
        return None
    return set(facts.registers[0].keys)


def icon_problem(files: ProjectFiles, package: str, icon: str, missing_code: str) -> tuple[str, str] | None:
    """(code, message) of what is wrong with an icon reference '<file>.svg#<id>', or None.

    missing_code (PEX015 for menu items, PEX033 for state icons) when the file is missing; PEX016 when it is not
    SVG; PEX017 when the #id is absent from the reference or from the SVG.
    """
    path, _, frag = icon.partition("#")
    target = files.resolve(package, path)
    if target is None:
        return missing_code, f"icon {icon!r} must be a file inside the package, relative to the package file"
    if not files.is_file(target):
        return missing_code, f"icon file {target} does not exist: fix the path (relative to " \
                             f"{posixpath.basename(package)}) or add the SVG"
    info = svg_info(files, target)
    if not target.lower().endswith(".svg") or info is None or not info.is_svg:
        return "PEX016", f"icon {target} is not an SVG file: only SVG icons are supported; convert it and " \
                         "reference it as <file>.svg#<id>"
    if not frag:
        hint = f"#{sorted(info.ids)[0]}" if info.ids else "#<id> and add that id to the SVG"
        return "PEX017", f"icon {icon!r} has no #id: reference the SVG element, e.g. {path}{hint}"
    if frag not in info.ids:
        have = ", ".join(sorted(info.ids)) or "none"
        return "PEX017", f"{target} has no element with id=\"{frag}\" (ids there: {have}): add id=\"{frag}\" to " \
                         "its <svg> element or fix the reference"
    return None


def check_state_icons(ref: PluginRef, files: ProjectFiles, facts: JsFacts) -> list[Diagnostic]:
    """PEX033 (and PEX016/PEX017) for '<file>.svg#<id>' literals a plugin sets through state$: strings given to an
    `icon` key or to a name about an icon. (Other SVG references, such as the app's own 'icons.svg#mic-off' in an
    element's href, resolve against the app's page, not the plugin's package.)"""
    if ref.package is None:
        return []
    out: list[Diagnostic] = []
    for a in facts.assigned_strings:
        if "icon" not in name_words(a.name) or not ICON_LITERAL.fullmatch(a.detail):
            continue
        problem = icon_problem(files, ref.package, a.detail, "PEX033")
        if problem:
            out.append(diag(*problem, facts.file, a.range))
    return out
