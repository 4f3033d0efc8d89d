"""Recognise a Web App 3 branding package or a Web App 3 plugin project (cheap: a few stat calls, small reads)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.project import Project
from workbench.core.safeio import read_json_object

API_PACKAGE = "@pexip/plugin-api"
BRANDING_FOLDERS = ("webapp3/branding", "branding", "")
# Keys only a Web App 3 branding manifest has (a web app v2 manifest has brandingID, an XCALLY one has type).
BRANDING_KEYS = frozenset({"plugins", "meta", "brandName", "images", "translations", "applicationConfig",
                           "defaultUserConfig", "colorPalette"})

LOOKED_FOR = [
    "a branding package: webapp3/branding/manifest.json (or a manifest.json with Web App 3 keys such as "
    "plugins, meta, images, translations)",
    f"a plugin project (Pexip's Vite template): package.json depending on {API_PACKAGE}, and index.html",
]


def _json_object(path: Path) -> dict | None:
    return read_json_object(path, 4_000_000)


def is_branding_manifest(value: dict | None) -> bool:
    """A Web App 3 branding manifest: Web App 3 keys, and none of the other hosts' manifests' keys."""
    if value is None or "type" in value or "brandingID" in value:
        return False
    return bool(BRANDING_KEYS & value.keys())


def _branding_at(folder: Path, named: bool) -> bool:
    manifest = folder / "manifest.json"
    if not manifest.is_file() or (folder / "settings.json").exists():  # settings.json beside it: web app v2
        return False
    value = _json_object(manifest)
    # Under webapp3/branding the file is the branding manifest even when it is broken (its errors get shown).
    return is_branding_manifest(value) or (named and value is None)


def plugin_api_dependency(package_json: dict | None) -> str | None:
    """The version range of @pexip/plugin-api a package.json depends on, or None."""
    if not package_json:
        return None
    for key in ("dependencies", "devDependencies", "peerDependencies"):
        deps = package_json.get(key)
        if isinstance(deps, dict) and isinstance(deps.get(API_PACKAGE), str):
            return deps[API_PACKAGE]
    return None


def detect(root: Path) -> Project | None:
    """The Web App 3 project at root, or None."""
    root = Path(root)
    for content_root in BRANDING_FOLDERS:
        if _branding_at(root / content_root if content_root else root, named=content_root == "webapp3/branding"):
            return Project(root, "webapp3", "webapp3-branding", content_root, "Web App 3 branding package")
    package = _json_object(root / "package.json")
    version = plugin_api_dependency(package)
    if version is not None and (root / "index.html").is_file():
        name = str(package.get("name") or root.name)
        return Project(root, "webapp3", "webapp3-plugin", "", f"Web App 3 plugin {name}",
                       {"plugin_api": version, "package_name": name})
    return None
