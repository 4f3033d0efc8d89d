"""Work that can wait until the preview's page is loaded (a project's first validation, its scenario list).

The page loads first: its requests are served on the GUI thread and its renderer shares the processors, so what the
window does meanwhile delays it. The held work runs as soon as the page is ready, when the preview has nothing to
show, or after HOLD_MS at the latest (a slow build, a page that never gets ready).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

HOLD_MS = 1500


class LoadGate(QObject):
    """Holds callables until release() (or HOLD_MS after the first one was held)."""

    def __init__(self, parent: QObject | None = None, hold_ms: int = HOLD_MS):
        super().__init__(parent)
        self._held: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.release)

    def hold(self, work: Callable[[], None]) -> None:
        """Run work once the page is loaded (or at the latest after the hold)."""
        self._held.append(work)
        if not self._timer.isActive():
            self._timer.start()

    @property
    def pending(self) -> bool:
        """Work is held (the window has not finished opening its project)."""
        return bool(self._held)

    def release(self) -> None:
        """Run what was held, in order."""
        self._timer.stop()
        held, self._held = self._held, []
        for work in held:
            work()
