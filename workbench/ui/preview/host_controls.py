"""The host controls dock: the simulated conference for Pexip, the plugin process for XCALLY, Web Conferencing for eXo.

The conference tabs are always there (disabled without a conference); a host panel is built for each session of a
host that has one and dropped with that session. Host panels record their controls as scenario steps through the
preview's one ScenarioRecorder (the one the conference controls use), with a Record / Save scenario… pair.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QWidget

from workbench.core import project_settings
from workbench.core.scenario_record import ScenarioRecorder, next_scenario_path
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

    sig_saved = Signal(str)
    """A recorded scenario was saved (its path)."""

    def __init__(self, session, parent: QWidget | None = None, recorder: ScenarioRecorder | None = None):
        super().__init__(parent)
        self.session = session
        self.recorder = recorder
        self.record_button = QPushButton("● Record")
        self.record_button.setCheckable(True)
        self.record_button.setToolTip("Record what you do in this panel and the page as a scenario")
        self.record_button.setEnabled(recorder is not None)
        self.record_button.toggled.connect(self._record_toggled)
        self.save_button = QPushButton("Save scenario…")
        self.save_button.setToolTip("Save the recorded steps as a scenario file that `workbench test` replays")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda _=False: self.ask_save())
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

    # -- recording ------------------------------------------------------------------------------------------------
    def recording_row(self) -> QHBoxLayout:
        """The Record / Save scenario… pair, right-aligned, for the panel's layout."""
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        row.addWidget(self.save_button)
        return row

    @property
    def recording(self) -> bool:
        return self.recorder is not None and self.recorder.recording

    def record(self, kind: str, value: Any = None) -> None:
        """Add a step for a control that was done (only while recording)."""
        if self.recorder is not None:
            self.recorder.add(kind, value)

    def _record_toggled(self, on: bool) -> None:
        if self.recorder is None:
            return
        if on:
            root = self.session.project.root
            self.recorder.start_host(self.session.recording_header(),
                                     allow_hosts=project_settings.allowed_hosts(root))
            self.record_button.setText("■ Stop")
            self.status.setText("Recording: your steps in this panel and the page become a scenario")
        else:
            self.recorder.stop()
            self.record_button.setText("● Record")
            self.status.setText(f"Recorded {len(self.recorder.steps)} step(s)")
        self.save_button.setEnabled(bool(self.recorder.header))

    def default_scenario_path(self) -> Path:
        return next_scenario_path(self.session.project.root)

    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the recorded scenario", str(self.default_scenario_path()),
                                              "Scenarios (*.yaml *.yml)")
        if path:
            self.save(path)

    def save(self, path: str | Path) -> str:
        """Write the recording (stopping it first) as a scenario file; returns its path."""
        if self.record_button.isChecked():
            self.record_button.setChecked(False)
        saved = self.recorder.save(path)
        self.status.setText(f"Saved {saved.name}: run it with `workbench test`")
        emit(self.sig_saved, str(saved))
        return str(saved)

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
        self.controller = controller
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
            self.panel = panel_class(session, recorder=getattr(self.controller, "recorder", None))
            self.addWidget(self.panel)
            self.setCurrentWidget(self.panel)
        else:
            self.setCurrentWidget(self.conference)
        emit(self.sig_title, self.title)
