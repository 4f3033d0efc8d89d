"""A watchdog observer wrapped in a QObject: events from its thread are coalesced and re-emitted on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from workbench.core.watch import ChangeBatch, EventCoalescer

COALESCE_MS = 40  # long enough to merge a burst, short enough to show a change well within 200 ms


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: ProjectWatcher):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed", "closed_no_write"):
            return
        dest = getattr(event, "dest_path", None) or None
        first = self.watcher.coalescer.add(event.event_type, event.src_path, dest, event.is_directory)
        if first:
            self.watcher._sig_wake.emit()  # queued to the GUI thread: this runs on the observer thread


class ProjectWatcher(QObject):
    """Watches a project folder recursively."""

    sig_changed = Signal(object)
    """Emitted on the GUI thread with a ChangeBatch (folders to re-list, files to re-read)."""
    _sig_wake = Signal()

    def __init__(self, root: str, parent: QObject | None = None):
        super().__init__(parent)
        self.coalescer = EventCoalescer(root)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self._sig_wake.connect(self._timer.start)
        self._observer = Observer()
        self._observer.daemon = True
        self._observer.schedule(_Handler(self), self.coalescer.root, recursive=True)
        self._observer.start()

    def _flush(self) -> None:
        batch: ChangeBatch = self.coalescer.drain()
        if batch:
            self.sig_changed.emit(batch)

    def stop(self) -> None:
        """Stop the observer thread (idempotent)."""
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join(timeout=2)
