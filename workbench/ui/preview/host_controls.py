"""The preview's controls: the host's own panel and the simulated conference, in tabs below the page.

A host panel is built by the project's target (Target.panel) for each session and dropped with that session; the
conference and plugin tabs show for sessions that have those capabilities. Host panels record their controls as scenario
steps through the preview's one ScenarioRecorder (the one the conference controls use), with a Record / Save
scenario… pair. Controls may be async (session methods awaited on the qasync loop): their outcome shows in the
panel's status line when they end.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from workbench.core import project_settings
from workbench.core.scenario_record import ScenarioRecorder, next_scenario_path
from workbench.sandbox.aio import spawn
from workbench.sandbox.session import ControlError, StepFailure
from workbench.ui.preview.control_tabs import FoldingTabs, scrolling

CONFERENCE_TITLE = "Simulated conference"


class HostPanel(QWidget):
    """Base of a host's panel: bound to one session for its life, it shows the session's state and calls its
    public controls; a control that cannot be done says why in the status line."""

    TITLE = CONFERENCE_TITLE

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
        self._tasks: list = []
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("host-panel-status")
        self._links: list = []
        # Session changes come in bursts (and from inside this panel's own slots): show them once, right after.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

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
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        for link in self._links:
            QObject.disconnect(link)
        self._links.clear()

    def control_in_background(self, action: Callable[[], object], busy: str, done: str = "") -> None:
        """A control that may take seconds (stopping a plugin that ignores SIGTERM): the status says so meanwhile."""
        self.status.setText(busy)
        self.control(action, done)

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
            self.recorder.start(self.session.recording_start(), allow_hosts=project_settings.allowed_hosts(root))
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
        self.sig_saved.emit(str(saved))
        return str(saved)

    def control(self, action: Callable[[], object], done: str = "",
                describe: Callable[[Any], str] | None = None) -> bool:
        """Run a session control; its refusal (ControlError) shows in the status line. True when it was accepted.

        An async control runs on the loop; `done` (or describe(its result)) shows when it ends."""
        try:
            result = action()
        except ControlError as exc:
            self.status.setText(f"⚠ {exc}")
            return False
        if inspect.isawaitable(result):
            self._tasks = [t for t in self._tasks if not t.done()]
            control = asyncio.ensure_future(result)  # a task of its own: detach() cancels it even before it starts
            self._tasks += [control, spawn(self._finish(control, done, describe))]
            return True
        self.status.setText(describe(result) if describe else done)
        return True

    async def _finish(self, awaitable, done: str, describe: Callable[[Any], str] | None) -> None:
        try:
            result = await awaitable
        except StepFailure as exc:  # ControlError included
            self.status.setText(f"⚠ {exc}")
        else:
            self.status.setText(describe(result) if describe else done)
        self.refresh_soon()


class HostControls(FoldingTabs):
    """The preview's controls for the current session, in folding tabs: the host's own panel (Target.panel) first,
    then each generic tab whose capability the session has (the conference, the plugins)."""

    sig_title = Signal(str)
    """The title of the host's part of the controls ("Simulated conference", "Plugin process", "Web Conferencing")."""

    def __init__(self, controller: QObject, generic: list[tuple[str, QWidget, type]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.panel: HostPanel | None = None
        self._panel_page: QWidget | None = None
        self._generic = [(title, widget, capability, scrolling(widget)) for title, widget, capability in generic]
        controller.sig_session.connect(self.bind)
        self.bind(None)

    @property
    def title(self) -> str:
        return self.panel.TITLE if self.panel is not None else CONFERENCE_TITLE

    def bind(self, session) -> None:
        """Drop the previous session's panel and tabs; show the tabs this session's host has."""
        while self.count():
            self.removeTab(0)
        if self.panel is not None:
            self.panel.detach()
            self._panel_page.deleteLater()  # the scroll area owns the panel
            self.panel = self._panel_page = None
        if session is not None:
            from workbench.registry import target_of
            panel = target_of(session.project).panel(session, getattr(self.controller, "recorder", None))
            if panel is not None:
                panel.setObjectName("host-panel")
                self.panel, self._panel_page = panel, scrolling(panel)
                self.addTab(self._panel_page, panel.TITLE)
            for title, _widget, capability, page in self._generic:
                if isinstance(session, capability):
                    self.addTab(page, title)
        if self.count():
            self.setCurrentIndex(0)
        self.setVisible(self.count() > 0)
        self.sig_title.emit(self.title)
