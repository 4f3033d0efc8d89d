"""What an XCALLY export would put in the zip: the project's files minus dependencies, VCS and OS junk."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass

from workbench.core.files import ProjectFiles, normalize

EXCLUDED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__MACOSX", ".idea", ".vscode", ".workbench",
                           "__pycache__"})
EXCLUDED_TOP_DIRS = frozenset({"scenarios"})  # workbench scenario files live beside the package content
EXCLUDED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".gitignore", ".gitattributes", ".npmrc"})


@dataclass(frozen=True)
class PackageFile:
    path: str  # relative to the project root
    arcname: str  # path inside the zip (relative to the content root)
    size: int


def package_files(files: ProjectFiles, content_root: str = "", include_node_modules: bool = False) -> list[PackageFile]:
    """The files an export would include, sorted by zip path (unsaved buffers count with their current size)."""
    base = files.abspath(content_root)
    skipped = EXCLUDED_DIRS - ({"node_modules"} if include_node_modules else set())
    out: dict[str, PackageFile] = {}
    for dirpath, dirnames, filenames in os.walk(base):
        top = dirpath == str(base)
        dirnames[:] = sorted(d for d in dirnames
                             if d not in skipped and not (top and d in EXCLUDED_TOP_DIRS))
        for name in filenames:
            if name in EXCLUDED_NAMES or name.endswith("~"):
                continue
            full = os.path.join(dirpath, name)
            rel = normalize(os.path.relpath(full, files.root))
            try:
                size = os.path.getsize(full)
            except OSError:
                continue
            out[rel] = PackageFile(rel, _arcname(rel, content_root), size)
    prefix = content_root + "/" if content_root else ""
    for rel, text in files.overlays.items():  # unsaved buffers: new files and new sizes
        if rel.startswith(prefix) and not _excluded(rel[len(prefix):], skipped):
            out[rel] = PackageFile(rel, _arcname(rel, content_root), len(text.encode("utf-8")))
    return sorted(out.values(), key=lambda f: f.arcname)


def _arcname(rel: str, content_root: str) -> str:
    return posixpath.relpath(rel, content_root) if content_root else rel


def _excluded(arc: str, skipped: frozenset[str]) -> bool:
    parts = arc.split("/")
    return any(p in skipped for p in parts[:-1]) or parts[-1] in EXCLUDED_NAMES or \
        (len(parts) > 1 and parts[0] in EXCLUDED_TOP_DIRS)


def human_size(size: int) -> str:
    """1536 -> '1.5 KB'."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"
