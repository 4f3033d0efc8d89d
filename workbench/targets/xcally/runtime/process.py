"""The Node.js supervisor of a script plugin on the Qt side: its thread callbacks turned into signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.core.node_process import RUNNING, NodeLaunch, NodeProcess, ProcessEvent
from workbench.sandbox.qtcompat import emit

PORT_POLL_MS = 100
PORT_SEARCH_MS = 30000


class QtNodeProcess(QObject):
    """NodeProcess whose output, state and listening port arrive as signals on the GUI thread."""

    sig_event = Signal(object)
    """A ProcessEvent (output line or supervisor message); queued from the reader threads."""
    sig_state = Signal(str)
    """The process state changed: running, waiting-restart, stopping, stopped."""
    sig_port = Signal(int)
    """The plugin listens on this TCP port (0: it stopped listening / exited)."""

    def __init__(self, launch: NodeLaunch, parent: QObject | None = None):
        super().__init__(parent)
        # Emitting from worker threads is safe: the connections below are queued to this object's thread.
        self.process = NodeProcess(launch, on_event=lambda e: emit(self.sig_event, e),
                                   on_state=lambda st: emit(self.sig_state, st))
        self.port = 0
        self._searched_ms = 0
        self._port_timer = QTimer(self)
        self._port_timer.setInterval(PORT_POLL_MS)
        self._port_timer.timeout.connect(self._look_for_port)
        self.sig_state.connect(self._on_state)

    @property
    def state(self) -> str:
        return self.process.state

    def start(self) -> None:
        """Start (raises NodeNotFoundError / FileNotFoundError with a message for the user)."""
        self.process.start()

    def stop(self) -> bool:
        return self.process.stop()

    def restart(self) -> None:
        self.process.restart()

    def kill(self) -> None:
        self.process.kill()

    def close(self) -> None:
        self._port_timer.stop()
        self.process.close()

    def _on_state(self, state: str) -> None:
        if state == RUNNING:
            self._searched_ms = 0
            self._port_timer.start()
        else:
            self._port_timer.stop()
            if self.port:
                self.port = 0
                emit(self.sig_port, 0)

    def _look_for_port(self) -> None:
        self._searched_ms += PORT_POLL_MS
        ports = self.process.ports()
        if ports:
            self._port_timer.stop()
            self.port = ports[0]
            emit(self.sig_port, self.port)
        elif self._searched_ms >= PORT_SEARCH_MS:
            self._port_timer.stop()
            emit(self.sig_event, ProcessEvent("info", "the plugin does not listen on any TCP port (nothing to show "
                                             "in the view)", self.process.pid))
