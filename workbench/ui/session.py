"""An open project in the window: its documents, live validation in a worker thread, crash-recovery snapshots."""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.core.diagnostics import Diagnostic
from workbench.core.document import Document
from workbench.core.project import Project, Target
from workbench.core.recovery import RecoveryStore
from workbench.core.validation import LiveValidator

VALIDATE_DEBOUNCE_MS = 150
RECOVERY_INTERVAL_MS = int(os.environ.get("WORKBENCH_RECOVERY_MS", "5000"))


class ProjectSession(QObject):
    """Documents keyed by path relative to the project root; diagnostics re-computed after every change."""

    sig_diagnostics = Signal(list)
    """Emitted on the GUI thread with the project's diagnostics (unsaved buffers included)."""
    sig_validating = Signal()
    """Emitted when a validation run starts."""
    sig_document_changed = Signal(str)
    """Emitted with a document's path after each change to its text (typed, from a form, saved, reverted)."""
    _sig_result = Signal(int, list)

    def __init__(self, target: Target, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.target, self.project = target, project
        self.documents: dict[str, Document] = {}
        self.validator = LiveValidator(target, project)
        self.recovery = RecoveryStore(project.root)
        self.diagnostics: list[Diagnostic] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="validate")
        self._generation = 0
        self._pending: Future | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(VALIDATE_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.validate_now)
        self._sig_result.connect(self._result)
        self._snapshots = QTimer(self)
        self._snapshots.setInterval(RECOVERY_INTERVAL_MS)
        self._snapshots.timeout.connect(self.snapshot)
        self._snapshots.start()

    # -- documents --------------------------------------------------------------------------------------------------
    def document(self, rel: str) -> Document:
        """The one Document of a file (created on first use)."""
        doc = self.documents.get(rel)
        if doc is None:
            doc = Document(self.project.root, rel)
            self.documents[rel] = doc
            doc.on_change(self._changed)
        return doc

    def close_document(self, rel: str) -> None:
        doc = self.documents.pop(rel, None)
        if doc is not None:
            doc.remove_listener(self._changed)
            self.validator.drop_buffer(rel)
            self.recovery.discard(rel)
            self.schedule_validation()

    def dirty_documents(self) -> list[Document]:
        return [d for d in self.documents.values() if d.dirty]

    def _changed(self, doc: Document) -> None:
        if doc.dirty:
            self.validator.set_buffer(doc.rel, doc.text)
        else:
            self.validator.drop_buffer(doc.rel)
            self.recovery.discard(doc.rel)
        self.schedule_validation()
        self.sig_document_changed.emit(doc.rel)

    # -- validation -------------------------------------------------------------------------------------------------
    def schedule_validation(self) -> None:
        self._debounce.start()

    def validate_now(self) -> None:
        """Validate in the worker thread; an older run's result is dropped when a newer one was asked for."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        buffers = dict(self.validator.buffers)
        self.sig_validating.emit()

        def work() -> None:
            validator = LiveValidator(self.target, self.project)
            validator.buffers = buffers
            diags = validator.run()
            self._sig_result.emit(generation, diags)

        self._pending = self._pool.submit(work)

    def _result(self, generation: int, diags: list) -> None:
        if generation != self._generation:
            return
        self.diagnostics = diags
        self.sig_diagnostics.emit(diags)

    # -- crash recovery ---------------------------------------------------------------------------------------------
    def snapshot(self) -> None:
        """Write every unsaved buffer to the recovery folder."""
        for doc in self.dirty_documents():
            try:
                self.recovery.save(doc.rel, doc.text, doc.disk_digest)
            except OSError:
                pass  # a full disk must not interrupt editing; the next snapshot tries again

    def close(self) -> None:
        self._snapshots.stop()
        self._debounce.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
