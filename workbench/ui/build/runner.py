"""Runs a host's BuildSpec in a worker thread; output lines and the end come back on the GUI thread as signals.

The lines wait in a bounded backlog the GUI drains in batches: a build printing faster than the window draws drops
lines (and says how many) instead of queueing them without end."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.core.build import BuildResult, BuildSpec, run_build
from workbench.core.process.events import ProcessEvent
from workbench.core.process.output import OutputBacklog

log = logging.getLogger(__name__)


class BuildRunner(QObject):
    """One build at a time."""

    sig_started = Signal(object)
    """Emitted with the BuildSpec when a build starts."""
    sig_line = Signal(str)
    """Emitted with each line the build prints."""
    sig_finished = Signal(object)
    """Emitted with the BuildResult when the build ends (cancelled included)."""
    _sig_wake = Signal()  # lines wait in the backlog (from the worker thread)
    _sig_done = Signal(object)  # the worker's result (from the worker thread)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="build")
        self._cancel = threading.Event()
        self._backlog = OutputBacklog()
        self.running = False
        self._sig_wake.connect(self._drain)
        self._sig_done.connect(self._done)

    def start(self, spec: BuildSpec, root: Path) -> bool:
        """Start the build; False when one is already running."""
        if self.running:
            return False
        self.running = True
        self._cancel = threading.Event()
        cancel, backlog = self._cancel, OutputBacklog()
        self._backlog = backlog
        self.sig_started.emit(spec)

        def line(text: str) -> None:
            if backlog.put(ProcessEvent("stdout", text, None)):
                self._sig_wake.emit()

        def work() -> None:
            try:
                result = run_build(spec, root, line, cancel)
            except Exception as exc:  # a bug must end the build visibly, not leave it "running"
                log.exception("build crashed")
                result = BuildResult(-1, [], 0.0, [f"the build could not run: {exc}"])
            self._sig_done.emit(result)

        self._pool.submit(work)
        return True

    def _drain(self) -> None:
        for event in self._backlog.drain():
            self.sig_line.emit(event.text)
        if self._backlog.pending():
            QTimer.singleShot(0, self._drain)  # the rest after the window had a turn

    def _done(self, result: BuildResult) -> None:
        while self._backlog.pending():
            self._drain()
        self._drain()  # a note of lines dropped at the very end
        self.running = False
        self.sig_finished.emit(result)

    def cancel(self) -> None:
        """Stop the running build (its whole process tree)."""
        self._cancel.set()

    def shutdown(self) -> None:
        self._cancel.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
