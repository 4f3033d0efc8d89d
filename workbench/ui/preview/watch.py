"""A watcher of the served content tuned for hot reload: a file closed after writing (or renamed into place, as
atomic saves do) reloads at once; a bare 'modified' (an editor that keeps the file open) after a short quiet time."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from workbench.sandbox.qtcompat import emit

FINISHED_MS = 2  # the write is complete: only merge what arrives in the same instant
MODIFIED_MS = 60  # a write may still be under way


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: ContentWatcher):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
        finished = event.event_type in ("closed", "moved", "created", "deleted")
        self.watcher._add(paths, finished)


class ContentWatcher(QObject):
    """Project-relative paths of changed files, on the GUI thread."""

    sig_changed = Signal(list)
    """Project-relative paths (with the time the change was first seen, see `seen_at`)."""
    _sig_wake = Signal(bool)

    def __init__(self, project_root: str, folder: str, parent: QObject | None = None):
        super().__init__(parent)
        self.root = os.path.realpath(project_root)
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self.seen_at = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._sig_wake.connect(self._wake)
        self._observer = Observer()
        self._observer.daemon = True
        self._observer.schedule(_Handler(self), os.path.realpath(folder), recursive=True)
        self._observer.start()

    def _add(self, paths: list[str], finished: bool) -> None:
        import time
        with self._lock:
            if not self._paths:
                self.seen_at = time.perf_counter()
            for p in paths:
                rel = os.path.relpath(os.path.realpath(p), self.root).replace(os.sep, "/")
                if not rel.startswith(".."):
                    self._paths.add(rel)
        emit(self._sig_wake, finished)  # queued to the GUI thread

    def _wake(self, finished: bool) -> None:
        if finished:
            if not self._timer.isActive() or self._timer.remainingTime() > FINISHED_MS:
                self._timer.start(FINISHED_MS)
        elif not self._timer.isActive():
            self._timer.start(MODIFIED_MS)

    def _flush(self) -> None:
        with self._lock:
            paths, self._paths = sorted(self._paths), set()
        if paths:
            emit(self.sig_changed, paths)

    def stop(self) -> None:
        """Stop the observer thread (idempotent)."""
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=2)
