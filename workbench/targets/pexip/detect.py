"""Recognise a Pexip branding package or a single Pexip plugin folder (cheap: a few stat calls, one small read)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.project import Project
from workbench.core.safeio import read_json_object

PACKAGE_SUFFIX = ".plugin.package.json"
TYPESCRIPT = "pexip-typescript"  # Pexip's plugin template: src/ built by npm into dist/plugins/<name>/

LOOKED_FOR = [
    "a branding package: settings.json and manifest.json side by side (a manifest.json without a 'type' key)",
    "a folder holding webapp2/ with settings.json and manifest.json inside",
    "a repository holding settings.json and a plugins/ folder (manifest.json not written yet)",
    "a single plugin folder holding <name>.plugin.package.json",
    "a TypeScript plugin project as Pexip's template lays it out: package.json, src/ and dev-assets/settings.json "
    "(at the root or in webapp2/)",
]


def _is_xcally_manifest(path: Path) -> bool:
    """An XCALLY manifest.json has a top-level 'type' key; a Pexip branding manifest never does."""
    value = read_json_object(path)  # None: an unreadable manifest beside settings.json is a (broken) branding one
    return value is not None and "type" in value


def _branding_at(folder: Path) -> bool:
    if not (folder / "settings.json").is_file():
        return False
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return not _is_xcally_manifest(manifest)
    return (folder / "plugins").is_dir()


def package_files(folder: Path) -> list[Path]:
    """The plugin package files directly in folder, sorted."""
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(PACKAGE_SUFFIX) and p.is_file())
    except OSError:
        return []


def _typescript_at(folder: Path) -> bool:
    return (folder / "package.json").is_file() and (folder / "src").is_dir() and \
        (folder / "dev-assets" / "settings.json").is_file()


def detect(root: Path) -> Project | None:
    """The Pexip project at root, or None."""
    root = Path(root)
    for folder in ("", "webapp2"):
        if _typescript_at(root / folder if folder else root):
            prefix = f"{folder}/" if folder else ""
            return Project(root, "pexip", TYPESCRIPT, f"{prefix}dev-assets", "Pexip TypeScript plugin project",
                           {"folder": folder, "dist": f"{prefix}dist", "has_manifest":
                            (root / folder / "dev-assets" / "manifest.json").is_file()})
    for content_root in ("", "webapp2"):
        if _branding_at(root / content_root if content_root else root):
            return Project(root, "pexip", "pexip-branding", content_root, "Pexip branding package",
                           {"has_manifest": (root / content_root / "manifest.json").is_file()})
    packages = package_files(root)
    if packages:
        return Project(root, "pexip", "pexip-plugin", "", f"Pexip plugin {packages[0].name[:-len(PACKAGE_SUFFIX)]}",
                       {"package": packages[0].name})
    return None
