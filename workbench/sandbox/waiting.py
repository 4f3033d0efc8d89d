"""Event-loop waits (never sleeps): the runner and the sessions block on these while Qt keeps running."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer, SignalInstance

POLL_MS = 15


def wait_for(condition: Callable[[], bool], timeout_ms: int, *, abort: Callable[[], bool] | None = None,
             wake: tuple[SignalInstance, ...] = (), poll_ms: int = POLL_MS) -> bool:
    """Run the event loop until condition() is true (True), or timeout/abort() (False). Checks on wake signals too."""
    if condition():
        return True
    loop = QEventLoop()
    state = {"ok": False}

    def check(*_args) -> None:
        if state["ok"] or not loop.isRunning():
            return
        if condition():
            state["ok"] = True
            loop.quit()
        elif abort is not None and abort():
            loop.quit()

    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(check)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    connections = [sig.connect(check) for sig in wake]
    poll.start()
    deadline.start(max(0, int(timeout_ms)))
    loop.exec()
    poll.stop()
    deadline.stop()
    for conn in connections:
        # QObject.disconnect(connection): SignalInstance.disconnect(slot) mis-counts references to True in PySide6.
        QObject.disconnect(conn)
    return state["ok"] or condition()


def pause(ms: int) -> None:
    """Let the event loop run for ms milliseconds (the `wait` step)."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, int(ms)), loop.quit)
    loop.exec()
