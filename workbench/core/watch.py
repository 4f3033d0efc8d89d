"""Coalescing of file-system events: a burst of thousands becomes one set of folders to re-list and files to re-read."""

from __future__ import annotations

import os
import posixpath
import threading
import time
from dataclasses import dataclass, field

from workbench.core.files import SKIPPED_DIRS


@dataclass
class ChangeBatch:
    """What changed since the last drain, relative to the project root."""

    dirs: set[str] = field(default_factory=set)  # folders whose listing may have changed ('' is the root)
    files: set[str] = field(default_factory=set)  # files whose content may have changed (or that appeared/vanished)
    seen_at: float = 0.0  # time.perf_counter() of the first event of the batch

    def __bool__(self) -> bool:
        return bool(self.dirs or self.files)


def ignored(rel: str) -> bool:
    """Paths the explorer never shows (VCS and tool folders, our own temporary save files)."""
    parts = rel.split("/")
    if any(p in SKIPPED_DIRS and p not in ("target",) for p in parts):
        return True
    name = parts[-1]
    return name.startswith(".") and name.endswith(".tmp")


class EventCoalescer:
    """Thread-safe accumulator fed by the watcher thread and drained on the GUI thread."""

    def __init__(self, root: str):
        self.root = os.path.realpath(root)
        self._lock = threading.Lock()
        self._batch = ChangeBatch()

    def relative(self, path: str) -> str | None:
        path = os.path.realpath(path) if os.path.isabs(path) else path
        rel = os.path.relpath(path, self.root)
        if rel == ".":
            return ""
        if rel.startswith(".."):
            return None
        return rel.replace(os.sep, "/")

    def add(self, kind: str, src: str, dest: str | None = None, is_dir: bool = False) -> bool:
        """Record one event ('created', 'modified', 'deleted', 'moved'); True when the batch was empty before."""
        with self._lock:
            was_empty = not self._batch
            if was_empty:
                self._batch.seen_at = time.perf_counter()
            for path in (src, dest):
                if not path:
                    continue
                rel = self.relative(path)
                if rel is None or (rel and ignored(rel)):
                    continue
                if kind == "modified" and is_dir:
                    self._batch.dirs.add(rel)
                    continue
                if kind != "modified":
                    self._batch.dirs.add(posixpath.dirname(rel))
                    if is_dir:
                        self._batch.dirs.add(rel)
                if not is_dir:
                    self._batch.files.add(rel)
            return was_empty and bool(self._batch)

    def drain(self) -> ChangeBatch:
        with self._lock:
            batch, self._batch = self._batch, ChangeBatch()
        return batch
