"""The one project watcher: a watchdog observer wrapped in a QObject, re-emitting coalesced batches on the GUI thread.

The explorer, the editors and the preview all follow its `sig_changed`. A write that is complete (the file closed
after writing, or renamed into place as atomic saves do, created or deleted) is delivered within a couple of
milliseconds, so a hot reload starts at once; a bare 'modified' (an editor that keeps the file open) waits for a
short quiet time, and a burst of thousands of events becomes one batch.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from workbench.core.watch import ChangeBatch, EventCoalescer

FINISHED_MS = 2  # the write is complete: only merge what arrives in the same instant
QUIET_MS = 40  # a write may still be under way; long enough to merge a burst


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: ProjectWatcher):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        kind = "modified" if event.event_type == "closed" else event.event_type
        dest = getattr(event, "dest_path", None) or None
        self.watcher.coalescer.add(kind, event.src_path, dest, event.is_directory)
        finished = event.event_type in ("closed", "moved", "created", "deleted")
        self.watcher._sig_wake.emit(finished)  # queued to the GUI thread: this runs on the observer thread


class ProjectWatcher(QObject):
    """Watches a project folder recursively."""

    sig_changed = Signal(object)
    """Emitted on the GUI thread with a ChangeBatch (folders to re-list, files to re-read, when first seen)."""
    _sig_wake = Signal(bool)

    def __init__(self, root: str, parent: QObject | None = None):
        super().__init__(parent)
        self.coalescer = EventCoalescer(root)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._sig_wake.connect(self._wake)
        self._observer = Observer()
        self._observer.daemon = True
        self._observer.schedule(_Handler(self), self.coalescer.root, recursive=True)
        self._observer.start()

    def _wake(self, finished: bool) -> None:
        if finished:
            if not self._timer.isActive() or self._timer.remainingTime() > FINISHED_MS:
                self._timer.start(FINISHED_MS)
        elif not self._timer.isActive():
            self._timer.start(QUIET_MS)

    def _flush(self) -> None:
        batch: ChangeBatch = self.coalescer.drain()
        if batch:
            self.sig_changed.emit(batch)

    def stop(self) -> None:
        """Stop the observer thread (idempotent)."""
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=2)
