"""The Node.js supervisor of a script plugin on the Qt side: its thread callbacks turned into signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.core.process.output import OutputBacklog
from workbench.sandbox.qtcompat import emit
from workbench.targets.xcally.process import NodeLaunch, NodeProcess, ProcessEvent

DELIVER_BATCH = 500  # events handed to the log per turn of the event loop, so a flood never freezes the window


class QtNodeProcess(QObject):
    """NodeProcess whose output, state and served port arrive as signals on the GUI thread.

    Output waits in a bounded backlog that the GUI thread drains: a plugin printing faster than the log can show
    loses lines (counted and reported in the log), never the workbench's memory.
    """

    sig_event = Signal(object)
    """A ProcessEvent (output line or supervisor message), on the GUI thread."""
    sig_state = Signal(str)
    """The process state changed: running, waiting-restart, stopping, stopped."""
    sig_port = Signal(int)
    """The plugin serves HTTP on this TCP port (0: the run is over)."""
    _sig_output_waiting = Signal()
    _sig_port_found = Signal(int)

    def __init__(self, launch: NodeLaunch, parent: QObject | None = None):
        super().__init__(parent)
        self.backlog = OutputBacklog()
        # Emitting from worker threads is safe: the connections below are queued to this object's thread.
        self.process = NodeProcess(launch, on_event=self._queue_event, on_state=lambda st: emit(self.sig_state, st),
                                   on_port=lambda port: emit(self._sig_port_found, port))
        self.port = 0
        self._sig_output_waiting.connect(self._deliver_output)
        self._sig_port_found.connect(self._on_port_found)

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
        self.process.close()

    def _queue_event(self, event: ProcessEvent) -> None:
        if self.backlog.put(event):
            emit(self._sig_output_waiting)

    def _deliver_output(self) -> None:
        for event in self.backlog.drain(DELIVER_BATCH):
            emit(self.sig_event, event)
        if self.backlog.pending():
            QTimer.singleShot(0, self._deliver_output)  # the rest on the next turn: input and painting go first

    def _on_port_found(self, port: int) -> None:
        if port != self.port:
            self.port = port
            emit(self.sig_port, port)
