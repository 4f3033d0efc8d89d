"""Runs a host's BuildSpec in a worker thread; output lines and the end come back on the GUI thread as signals."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workbench.core.build import BuildResult, BuildSpec, run_build

log = logging.getLogger(__name__)


class BuildRunner(QObject):
    """One build at a time."""

    sig_started = Signal(object)
    """Emitted with the BuildSpec when a build starts."""
    sig_line = Signal(str)
    """Emitted with each line the build prints."""
    sig_finished = Signal(object)
    """Emitted with the BuildResult when the build ends (cancelled included)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="build")
        self._cancel = threading.Event()
        self.running = False

    def start(self, spec: BuildSpec, root: Path) -> bool:
        """Start the build; False when one is already running."""
        if self.running:
            return False
        self.running = True
        self._cancel = threading.Event()
        cancel = self._cancel
        self.sig_started.emit(spec)

        def work() -> None:
            try:
                result = run_build(spec, root, self.sig_line.emit, cancel)
            except Exception as exc:  # a bug must end the build visibly, not leave it "running"
                log.exception("build crashed")
                result = BuildResult(-1, [], 0.0, [f"the build could not run: {exc}"])
            self.sig_finished.emit(result)

        self.sig_finished.connect(self._ended)
        self._pool.submit(work)
        return True

    def _ended(self, _result: BuildResult) -> None:
        self.sig_finished.disconnect(self._ended)
        self.running = False

    def cancel(self) -> None:
        """Stop the running build (its whole process tree)."""
        self._cancel.set()

    def shutdown(self) -> None:
        self._cancel.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
