"""The plugins a Pexip branding package offers, as the emulated web app reads them from settings.json."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core.files import READ_LIMIT
from workbench.core.safeio import UnsafeFile, read_regular
from workbench.targets.pexip.shapes import PLATFORMS, ROLES, offered_to, shown_menu

Reader = Callable[[Path, Path], bytes]  # (path, the folder it must stay in) -> its bytes


def _read_disk(path: Path, confine: Path) -> bytes:
    return read_regular(path, READ_LIMIT, confine=confine)


@dataclass
class PluginEntry:
    """One plugin of settings.json, its package file, and whether the local user sees it."""

    id: str
    enabled: bool
    package: str  # path of the package file, relative to the content root ('plugins/x/x.plugin.package.json')
    name: str = ""
    description: str = ""
    version: object = None
    allowUnload: bool = True  # noqa: N815 (the package file's key)
    platforms: list[str] = field(default_factory=lambda: list(PLATFORMS))
    participantRoles: list[str] = field(default_factory=lambda: list(ROLES))  # noqa: N815
    location: str | None = None
    items: list[dict] = field(default_factory=list)
    src: str = ""  # plugin source, relative to the content root
    base: str = ""  # folder of the package file, relative to the content root (icons resolve against it)
    visible: bool = True
    hidden_reason: str = ""
    problem: str = ""

    def to_page(self) -> dict:
        return asdict(self)


def _read_json(path: Path, confine: Path, read: Reader | None = None) -> tuple[object, str]:
    """The JSON value of a package file that must stay inside confine (the package served to the page), read with
    read (the session's, which sees unsaved edits) or from the disk."""
    try:
        return json.loads((read or _read_disk)(path, confine).decode("utf-8-sig")), ""
    except FileNotFoundError:
        return None, "missing"
    except UnsafeFile as exc:
        return None, f"not read: it {exc.problem.what}"
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        return None, f"invalid JSON ({exc})"


def read_plugins(content: Path, role: str, platform: str, locate: Callable[[str], Path] | None = None,
                 confine: Path | None = None, lone: str | None = None,
                 read: Reader | None = None) -> tuple[list[PluginEntry], list[str]]:
    """The plugins of settings.json in the content folder, and the problems found (as messages); `locate` maps a
    path of the branding package to the file serving it (default: under content), no file read leaves `confine`
    (default: content), and files are read with read (the session's, which sees unsaved edits) or from the disk. A
    lone plugin folder has no settings.json: its package file `lone` is the one plugin, enabled, with the package's
    id (the folder is served as custom_configuration/)."""
    locate = locate or (lambda rel: content / rel)
    confine = confine or content
    problems: list[str] = []
    why = ""
    settings: object = {"plugins": [{"srcURL": lone, "enabled": True}]} if lone else None
    if settings is None:
        settings, why = _read_json(locate("settings.json"), confine, read)
    if settings is None:
        return [], [f"settings.json is {why}: no plugin can load"]
    raw = settings.get("plugins", []) if isinstance(settings, dict) else []
    if not isinstance(raw, list):
        return [], ["settings.json: `plugins` is not a list"]
    entries: list[PluginEntry] = []
    for item in raw:
        if not isinstance(item, dict) or not (item.get("id") or lone) or not item.get("srcURL"):
            problems.append(f"settings.json: plugin entry {item!r} needs `id` and `srcURL`")
            continue
        package_rel = posixpath.normpath(str(item["srcURL"]).lstrip("/"))
        pkg, why = _read_json(locate(package_rel), confine, read)
        plugin_id = item.get("id") or (pkg.get("id") if isinstance(pkg, dict) and pkg.get("id")
                                        else package_rel.split(".")[0])
        entry = PluginEntry(id=str(plugin_id), enabled=bool(item.get("enabled", False)), package=package_rel,
                            base=posixpath.dirname(package_rel))
        if not isinstance(pkg, dict):
            entry.problem = f"{package_rel} is {why or 'not a JSON object'}"
            entry.visible = False
            problems.append(f"plugin {entry.id}: {entry.problem}")
            entries.append(entry)
            continue
        entry.name = str(pkg.get("name", entry.id))
        entry.description = str(pkg.get("description", ""))
        entry.version = pkg.get("version")
        entry.allowUnload = bool(pkg.get("allowUnload", True))
        entry.platforms, entry.participantRoles = offered_to(pkg)
        entry.location, entry.items = shown_menu(pkg)
        src = pkg.get("srcURL")
        if not src:
            entry.problem = f"{package_rel} has no srcURL"
            problems.append(f"plugin {entry.id}: {entry.problem}")
        else:
            entry.src = posixpath.normpath(posixpath.join(entry.base, str(src)))
        if pkg.get("id") not in (None, entry.id):
            problems.append(f"plugin {entry.id}: its package file says id {pkg.get('id')!r}")
        if platform not in entry.platforms:
            entry.visible, entry.hidden_reason = False, f"not offered on {platform} (platforms: {entry.platforms})"
        elif role not in entry.participantRoles:
            entry.visible, entry.hidden_reason = False, f"not offered to a {role} (participantRoles: " \
                                                        f"{entry.participantRoles})"
        if entry.problem:
            entry.visible = False
        entries.append(entry)
    return entries, problems
