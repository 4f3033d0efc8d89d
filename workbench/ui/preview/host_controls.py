"""The host controls dock: the simulated conference for Pexip, the plugin process for XCALLY, Web Conferencing for eXo.

The conference tabs are always there (disabled without a conference); a host panel is built for each session of a
host that has one and dropped with that session.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from workbench.sandbox.qtcompat import emit
from workbench.sandbox.session import ControlError

CONFERENCE_TITLE = "Simulated conference"


def host_panel_class(session) -> type | None:
    """The panel class for a session's host, by the session's type; None for hosts whose controls are the conference."""
    from workbench.sandbox.exo_session import ExoSession
    from workbench.sandbox.xcally_session import XcallySession
    if isinstance(session, XcallySession):
        from workbench.ui.preview.xcally_panel import ProcessPanel
        return ProcessPanel
    if isinstance(session, ExoSession):
        from workbench.ui.preview.exo_panel import WebConferencingPanel
        return WebConferencingPanel
    return None


class HostPanel(QWidget):
    """Base of a host's panel: bound to one session for its life, it shows the session's state and calls its
    public controls; a control that cannot be done says why in the status line."""

    TITLE = CONFERENCE_TITLE

    _sig_control_done = Signal(str)
    """A background control ended (from the worker thread; delivered on the GUI thread)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._worker: ThreadPoolExecutor | None = None
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("host-panel-status")
        self._links: list = []
        # Session changes come in bursts (and from inside this panel's own slots): show them once, right after.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._sig_control_done.connect(self.status.setText)
        self._sig_control_done.connect(lambda _text: self.refresh_soon())

    def refresh(self) -> None:
        """Show the session's state (panels override)."""

    def refresh_soon(self) -> None:
        """Refresh once the current event is handled."""
        self._refresh_timer.start()

    def follow(self, signal, slot: Callable) -> None:
        """Connect to a session signal; detach() undoes it (the session may outlive this panel briefly)."""
        self._links.append(signal.connect(slot))

    def detach(self) -> None:
        """Stop following the session (before the panel is deleted)."""
        self._refresh_timer.stop()
        if self._worker is not None:
            self._worker.shutdown(wait=True)  # a stop under way finishes before the session closes
            self._worker = None
        for link in self._links:
            QObject.disconnect(link)
        self._links.clear()

    def control_in_background(self, action: Callable[[], object], busy: str, done: str = "") -> None:
        """Run a control that may take seconds (stopping a plugin that ignores SIGTERM) off the GUI thread; its
        outcome shows in the status line when it ends. Controls run one at a time, in order."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="host-control")
        self.status.setText(busy)

        def work() -> None:
            try:
                action()
            except ControlError as exc:
                emit(self._sig_control_done, f"⚠ {exc}")
            else:
                emit(self._sig_control_done, done)

        self._worker.submit(work)

    def control(self, action: Callable[[], object], done: str = "") -> bool:
        """Run a session control; its refusal (ControlError) shows in the status line. True when it ran."""
        try:
            action()
        except ControlError as exc:
            self.status.setText(f"⚠ {exc}")
            return False
        self.status.setText(done)
        return True


class HostControls(QStackedWidget):
    """Shows the conference tabs or the current session's host panel, and names the dock after it."""

    sig_title = Signal(str)
    """The dock's title for what is shown ("Simulated conference", "Plugin process", "Web Conferencing")."""

    def __init__(self, controller: QObject, conference: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.conference = conference
        self.panel: HostPanel | None = None
        self.addWidget(conference)
        controller.sig_session.connect(self.bind)

    @property
    def title(self) -> str:
        return self.panel.TITLE if self.panel is not None else CONFERENCE_TITLE

    def bind(self, session) -> None:
        """Drop the previous session's panel; build one for this session's host when it has one."""
        if self.panel is not None:
            self.panel.detach()
            self.removeWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        panel_class = host_panel_class(session) if session is not None else None
        if panel_class is not None:
            self.panel = panel_class(session)
            self.addWidget(self.panel)
            self.setCurrentWidget(self.panel)
        else:
            self.setCurrentWidget(self.conference)
        emit(self.sig_title, self.title)
