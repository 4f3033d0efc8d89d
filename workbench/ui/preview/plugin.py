"""Wiring of the preview into the main window: docks, project open/close, hot reload (saved and unsaved edits),
Run (F5), tests, DevTools, jump to errors.

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
UNSAVED_DEBOUNCE_MS = 300  # typing pauses this long before unsaved edits reach the preview


def prepare() -> None:
    """Before QApplication: scheme registration, Chromium flags, shared GL contexts for QtWebEngine."""
    from PySide6.QtCore import QCoreApplication

    from workbench.sandbox.environment import prepare_environment
    prepare_environment(headless=False)  # on the desktop; offscreen only without a display
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts, True)
    import PySide6.QtWebEngineWidgets  # noqa: F401 (must be imported before the QApplication is created)


class PreviewPlugin(QObject):
    """The preview's docks in one window, following its project: the page with its controls, the host log, the
    tests and DevTools."""

    sig_ready = Signal()
    """The preview of the current project is loaded (each time the page gets ready)."""

    def __init__(self, window, controller=None):
        super().__init__(window)
        from workbench.sandbox.session.capabilities import HasConference, HasPlugins
        from workbench.ui.debug.devtools import DevToolsPanel
        from workbench.ui.layout import BOTTOM, RIGHT, Place
        from workbench.ui.preview.actions import PreviewActions
        from workbench.ui.preview.area import PreviewArea
        from workbench.ui.preview.controls import ConferencePanel
        from workbench.ui.preview.host_controls import HostControls
        from workbench.ui.preview.live import PreviewController
        from workbench.ui.preview.load_gate import LoadGate
        from workbench.ui.preview.log_view import LogPanel
        from workbench.ui.preview.panel import PreviewPanel
        from workbench.ui.preview.plugins_list import PluginsList
        from workbench.ui.tests.panel import TestPanel
        self.window = window
        self.controller = controller or PreviewController()  # (one given was started before the window: open_early)
        self.controller.setParent(self)
        self.panel = PreviewPanel(self.controller)
        self.controls = ConferencePanel(self.controller)
        self.plugins = PluginsList(self.controller)
        self.host_controls = HostControls(self.controller, [("Conference", self.controls, HasConference),
                                                            ("Plugins", self.plugins, HasPlugins)])
        self.area = PreviewArea(self.panel, self.host_controls)
        self.log = LogPanel()
        self.log.setObjectName("log")
        self.tests = TestPanel(self.controller)
        self.tests.snapshot = self.panel.snapshot
        self.devtools = DevToolsPanel()
        self.preview_dock = window.add_dock(self.area, "Preview", name="preview", place=Place(RIGHT))
        self.devtools_dock = window.add_dock(self.devtools, "DevTools", name="devtools",
                                             place=Place(RIGHT, visible=False, below="preview"))
        self.log_dock = window.add_dock(self.log, "Host log", name="log", place=Place(BOTTOM, tab_with="problems"))
        self.tests_dock = window.add_dock(self.tests, "Tests", name="tests", place=Place(BOTTOM, tab_with="problems"))
        self.controller.sig_session.connect(self._session_shown)
        self.controller.sig_ready.connect(self.sig_ready)
        self.log.sig_open_location.connect(self.open_location)
        self.tests.sig_open_location.connect(self.open_location)
        self.tests.sig_running.connect(self._tests_running)
        self.devtools_dock.visibilityChanged.connect(self.devtools.set_shown)
        self.devtools.sig_status.connect(lambda text: window.statusBar().showMessage(text, 5000))
        self._unsaved = QTimer(self)
        self._unsaved.setSingleShot(True)
        self._unsaved.setInterval(UNSAVED_DEBOUNCE_MS)
        self._unsaved.timeout.connect(self.push_unsaved)
        self.gate = LoadGate(self)  # the window's work that can wait runs once the page is loaded
        # (on the next turn of the loop: the ready page is shown before the held work runs)
        self.controller.sig_ready.connect(lambda: QTimer.singleShot(0, self.gate.release))
        self.controller.sig_session.connect(lambda session: self.gate.release() if session is None else None)
        window.when_loaded = self.gate.hold
        window.sig_project_opened.connect(self._project_opened)
        window.sig_project_closed.connect(self._project_closed)
        window.explorer.sig_files_changed.connect(self._files_changed)
        window.sig_project_trusted.connect(self.controller.project_trusted)
        window.set_run_handler(self.run)
        self.actions = PreviewActions(self)
        self._ready_marker()

    # -- following the window's project -------------------------------------------------------------------------------
    def _project_opened(self, target, project) -> None:
        """A project opened: every panel starts afresh on it (nothing of the previous project stays)."""
        self.log.reset()
        self.controls.reset()
        if self.controller.project is project and self.controller.session is not None:
            self.controller.show_again()  # its page started loading before the window was built
        else:
            self.controller.open(project)
        self.gate.hold(lambda: self.tests.set_project(target, project) if self.controller.project is project else None)
        session = self.window.session
        if session is not None:
            session.sig_document_changed.connect(lambda _rel: self._unsaved.start())

    def _project_closed(self) -> None:
        self._unsaved.stop()
        self.tests.set_project(None, None)
        self.controller.forget()

    def _files_changed(self, batch) -> None:
        files = sorted(batch.files)
        self.controller.files_changed(files, batch.seen_at or None)
        self.tests.files_changed(files)

    def push_unsaved(self) -> None:
        """Hand the unsaved texts to the preview (hosts that preview unsaved edits show them)."""
        session = self.window.session
        if session is not None:
            self.controller.unsaved_changed({d.rel: d.text for d in session.dirty_documents()})

    def _session_shown(self, session) -> None:
        self.log.bind(session.log if session is not None else None)
        self.devtools.bind(session)

    def _tests_running(self, running: bool) -> None:
        self.host_controls.setEnabled(not running)  # the scenario drives the page, not the controls
        if running:
            self.preview_dock.show()

    def run(self) -> None:
        """F5: show the preview and reload it (the conference is kept)."""
        self.preview_dock.show()
        self.preview_dock.raise_()
        if self.controller.borrowed:
            return  # scenarios are running in it
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


def install(window, controller=None) -> PreviewPlugin:
    """Add the preview to a main window (it follows the window's project from then on); controller: one that
    open_early() started."""
    plugin = PreviewPlugin(window, controller)
    window.preview = plugin
    return plugin


def open_early(path: str):
    """Detect the project at path and start loading its preview's page before the window is built, so that the
    web engine starts while the window's modules load: (target, project, controller), or None when path is not a
    project (the window says why once it is shown)."""
    from workbench.core.project import ProjectDetectionError
    from workbench.registry import open_project
    from workbench.ui.preview.live import PreviewController
    try:
        target, project = open_project(path)
    except ProjectDetectionError:
        return None
    controller = PreviewController()
    controller.open(project)
    return target, project, controller


def preload() -> None:
    """Import the window's modules (run in a worker thread while the preview's page loads on the GUI thread)."""
    from importlib import import_module
    for name in WINDOW_MODULES:
        import_module(name)


WINDOW_MODULES = ("workbench.ui.main_window", "workbench.ui.theme", "workbench.ui.debug.devtools",
                  "workbench.ui.preview.actions", "workbench.ui.preview.area", "workbench.ui.preview.controls",
                  "workbench.ui.preview.host_controls", "workbench.ui.preview.log_view",
                  "workbench.ui.preview.panel", "workbench.ui.preview.plugins_list", "workbench.ui.tests.panel")
