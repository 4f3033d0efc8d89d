"""The package report: what went into the zip (tree, sizes, sha256), what was left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.diagnostics import Diagnostic
from workbench.core.packaging.model import EntryRecord, Exclusion

TREE_LIMIT = 60  # above this many entries the text report shows folders only


DECIMAL_UNITS = ("B", "kB", "MB", "GB")
BINARY_UNITS = ("bytes", "KB", "MB", "GB")


def human_size(size: int, *, binary: bool = False) -> str:
    """1234567 -> '1.2 MB' (decimal units, as upload limits are written); binary: 1536 -> '1.5 KB'."""
    step, units = (1024, BINARY_UNITS) if binary else (1000, DECIMAL_UNITS)
    value = float(size)
    for unit in units[:-1]:
        if value < step:
            return f"{int(value)} {unit}" if unit == units[0] else f"{value:.1f} {unit}"
        value /= step
    return f"{value:.1f} {units[-1]}"


@dataclass
class PackageReport:
    """Everything the user may want to know about one written (or blocked) package."""

    target: str
    kind: str
    project: Path
    zip_path: Path | None = None
    zip_size: int = 0
    zip_sha256: str = ""
    entries: list[EntryRecord] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def content_size(self) -> int:
        return sum(e.size for e in self.entries)

    def to_json(self) -> dict:
        """The stable JSON shape written by `workbench export --report FILE`."""
        return {
            "target": self.target,
            "kind": self.kind,
            "project": str(self.project),
            "zip": {"path": str(self.zip_path) if self.zip_path else None, "size": self.zip_size,
                    "sha256": self.zip_sha256},
            "info": self.info,
            "entries": [{"name": e.name, "size": e.size, "compressedSize": e.compressed_size, "sha256": e.sha256,
                         "source": e.origin} for e in self.entries],
            "excluded": [{"path": x.path, "rule": x.rule, "size": x.size, "files": x.files} for x in self.excluded],
            "notes": self.notes,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }

    def tree_lines(self, limit: int = TREE_LIMIT) -> list[str]:
        """An indented tree of the zip with sizes; only folders when there are more than `limit` entries."""
        folders: dict[str, int] = {}
        counts: dict[str, int] = {}
        for e in self.entries:
            parts = e.name.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                key = "/".join(parts[:depth]) + "/"
                folders[key] = folders.get(key, 0) + e.size
                counts[key] = counts.get(key, 0) + 1
        items = [(k, f"{human_size(v)}, {counts[k]} file(s)") for k, v in folders.items()]
        if len(self.entries) <= limit:
            items += [(e.name, human_size(e.size)) for e in self.entries]
        lines = []
        for name, size in sorted(items):
            stripped = name.rstrip("/")
            depth = stripped.count("/")
            label = stripped.rsplit("/", 1)[-1] + ("/" if name.endswith("/") else "")
            lines.append(f"{'  ' * depth}{label:<{max(1, 44 - 2 * depth)}} {size}")
        if len(self.entries) > limit:
            lines.append(f"({len(self.entries)} files: folders only; --report FILE lists every entry)")
        return lines

    def exclusion_lines(self) -> list[str]:
        lines = []
        for x in self.excluded:
            what = f"{x.path} ({x.files} file(s), {human_size(x.size)})" if x.path.endswith("/") else x.path
            lines.append(f"{what}: {x.rule}")
        return lines
