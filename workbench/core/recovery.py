"""Crash recovery: unsaved buffers are written periodically under a per-project folder of the user's data dir."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from workbench.core.atomic import atomic_write


def data_dir() -> Path:
    """The workbench's per-user data folder ($WORKBENCH_DATA_DIR, else $XDG_DATA_HOME/plugin-workbench)."""
    explicit = os.environ.get("WORKBENCH_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "plugin-workbench"


@dataclass(frozen=True)
class RecoveredBuffer:
    rel: str
    text: str
    saved_at: float
    disk_digest: str  # digest of the disk file the buffer was based on


class RecoveryStore:
    """Unsaved buffers of one project, kept until saved, discarded or restored."""

    def __init__(self, project_root: str | Path, base: Path | None = None):
        root = str(Path(project_root).resolve())
        key = hashlib.sha1(root.encode("utf-8")).hexdigest()[:16]
        self.folder = (base or data_dir()) / "recovery" / key
        self.project_root = root

    def _file(self, rel: str) -> Path:
        return self.folder / (hashlib.sha1(rel.encode("utf-8")).hexdigest()[:20] + ".json")

    def save(self, rel: str, text: str, disk_digest: str = "") -> None:
        """Remember the unsaved text of rel."""
        record = {"project": self.project_root, "rel": rel, "text": text, "saved_at": time.time(),
                  "disk_digest": disk_digest}
        atomic_write(self._file(rel), json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def discard(self, rel: str) -> None:
        try:
            self._file(rel).unlink()
        except FileNotFoundError:
            pass

    def clear(self) -> None:
        for entry in self.entries():
            self.discard(entry.rel)

    def entries(self) -> list[RecoveredBuffer]:
        """Every recoverable buffer of the project, oldest first; unreadable records are skipped."""
        out = []
        if not self.folder.is_dir():
            return out
        for path in self.folder.glob("*.json"):
            try:
                rec = json.loads(path.read_text("utf-8"))
                out.append(RecoveredBuffer(rec["rel"], rec["text"], float(rec["saved_at"]), rec.get("disk_digest", "")))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(out, key=lambda e: e.saved_at)
