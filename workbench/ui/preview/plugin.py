"""Wiring of the preview into the main window: docks, project open/close, hot reload, Run (F5), jump to errors.

`prepare()` must run before the QApplication exists (QtWebEngine and the workbench URL scheme need it);
`install(window)` adds the docks. With $WORKBENCH_READY_MARKER set, a line `WORKBENCH_READY <seconds>` is printed
when the preview of the first project is loaded (and the window closes when $WORKBENCH_EXIT_WHEN_READY is 1):
the start-up benchmark uses it.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

_T0 = time.perf_counter()


def prepare() -> None:
    """Before QApplication: scheme registration, Chromium flags, shared GL contexts for QtWebEngine."""
    from PySide6.QtCore import QCoreApplication

    from workbench.sandbox.environment import prepare_environment
    prepare_environment(headless=False)  # on the desktop; offscreen only without a display
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)
    import PySide6.QtWebEngineWidgets  # noqa: F401 (must be imported before the QApplication is created)


class PreviewPlugin(QObject):
    """The preview's docks in one window, following its project."""

    sig_ready = Signal()
    """The preview of the current project is loaded (each time the page gets ready)."""

    def __init__(self, window):
        super().__init__(window)
        from PySide6.QtWidgets import QTabWidget

        from workbench.ui.preview.controls import ConferencePanel
        from workbench.ui.preview.host_controls import CONFERENCE_TITLE, HostControls
        from workbench.ui.preview.live import PreviewController
        from workbench.ui.preview.log_view import LogPanel
        from workbench.ui.preview.panel import PreviewPanel
        from workbench.ui.preview.plugins_list import PluginsList
        self.window = window
        self.controller = PreviewController(self)
        self.panel = PreviewPanel(self.controller)
        self.controls = ConferencePanel(self.controller)
        self.plugins = PluginsList(self.controller)
        self.log = LogPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.controls, "Conference")
        self.tabs.addTab(self.plugins, "Plugins")
        self.host_controls = HostControls(self.controller, self.tabs)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.preview_dock = window.add_dock(self.panel, "Preview", right, "dock-preview")
        self.controls_dock = window.add_dock(self.host_controls, CONFERENCE_TITLE, right, "dock-conference")
        self.host_controls.sig_title.connect(self.controls_dock.setWindowTitle)
        self.log_dock = window.add_dock(self.log, "Host log", Qt.DockWidgetArea.BottomDockWidgetArea, "dock-host-log")
        window.splitDockWidget(self.preview_dock, self.controls_dock, Qt.Orientation.Vertical)
        if getattr(window, "problems_dock", None) is not None:
            window.tabifyDockWidget(window.problems_dock, self.log_dock)
        window.resizeDocks([self.preview_dock], [620], Qt.Orientation.Horizontal)
        window.resizeDocks([self.preview_dock, self.controls_dock], [560, 320], Qt.Orientation.Vertical)
        self.controller.sig_session.connect(lambda s: self.log.bind(s.log if s is not None else None))
        self.controller.sig_ready.connect(self.sig_ready)
        self.log.sig_open_location.connect(self.open_location)
        window.sig_project_opened.connect(lambda _target, project: self.controller.open(project))
        window.sig_project_closed.connect(self.controller.close)
        window.sig_project_trusted.connect(self.controller.project_trusted)
        window.explorer.sig_files_changed.connect(
            lambda batch: self.controller.files_changed(sorted(batch.files), batch.seen_at or None))
        window.set_run_handler(self.run)
        self._ready_marker()

    def run(self) -> None:
        """F5: show the preview and reload it (the conference is kept)."""
        self.preview_dock.show()
        self.preview_dock.raise_()
        if self.controller.session is None and self.window.session is not None:
            self.controller.open(self.window.session.project)
        else:
            self.controller.reload_page()

    def open_location(self, rel: str, line: int, column: int) -> None:
        """An error's place in the editor."""
        editor = self.window.open_file(rel)
        if editor is not None:
            editor.go_to(max(1, line), max(1, column))

    def _ready_marker(self) -> None:
        self._marked = False
        if not os.environ.get("WORKBENCH_READY_MARKER"):
            return

        def ready() -> None:
            if self._marked:
                return
            self._marked = True
            print(f"WORKBENCH_READY {time.perf_counter() - _T0:.3f}", flush=True)
            sys.stdout.flush()
            if os.environ.get("WORKBENCH_EXIT_WHEN_READY") == "1":
                QTimer.singleShot(0, self.window.close)

        self.controller.sig_ready.connect(ready)


def install(window) -> PreviewPlugin:
    """Add the preview to a main window (it follows the window's project from then on)."""
    plugin = PreviewPlugin(window)
    window.preview = plugin
    return plugin
