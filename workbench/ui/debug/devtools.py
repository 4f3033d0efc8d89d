"""The DevTools panel: Chromium DevTools attached to the page the preview shows, and a tab for the plugin's process
when its host can run it under a debugger (Inspectable).

DevTools run in a profile of their own (off the record), apart from the sandbox's locked-down profiles. The
front-end stays attached while the session lives: reloads of the page or of a plugin keep it and its settings,
breakpoints included (DevTools set them again on the scripts of the same URL). The process tab opens DevTools' Node front-end on the inspector's
WebSocket; the inspector's port stays the same when the plugin restarts on save, and the tab reconnects to each new
run with the breakpoints DevTools keeps by file.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from workbench.ui.debug.frontend import devtools_page
from workbench.ui.debug.node import NodeDebugger


class PageDevTools(QWidget):
    """DevTools of one page at a time; inspect(None) lets go and frees the front-end (a page and its profile must
    be gone before the application is, so nothing is left for the end of the program)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.inspected: QWebEnginePage | None = None
        self.view: QWebEngineView | None = None
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    def page(self) -> QWebEnginePage | None:
        """The front-end's page (None while nothing is inspected)."""
        return self.view.page() if self.view is not None else None

    def inspect(self, page: QWebEnginePage | None) -> None:
        if self.inspected is page:
            return
        if self.inspected is not None and shiboken6.isValid(self.inspected):
            self.inspected.setDevToolsPage(None)
        self.inspected = page
        if page is None:
            if self.view is not None:
                self.box.removeWidget(self.view)
                shiboken6.delete(self.view)  # the front-end page, then its profile
                self.view = None
            return
        if self.view is None:
            self.view = QWebEngineView()
            self.view.setPage(devtools_page(self.view))
            self.box.addWidget(self.view)
        page.setDevToolsPage(self.view.page())


class DevToolsPanel(QTabWidget):
    """'Page' (the preview's page) and, for a session that can run its plugin under a debugger, 'Plugin process'.

    DevTools attach only while the panel is shown: a hidden panel costs the page nothing."""

    sig_status = Signal(str)
    """A short message for the status bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("devtools")
        self.setDocumentMode(True)
        self.page_tools = PageDevTools()
        self.node = NodeDebugger()
        self.node.sig_status.connect(self.sig_status)
        self.addTab(self.page_tools, "Page")
        self.session = None
        self._shown = False
        self._ready_link = None

    def bind(self, session) -> None:
        """Follow the session the preview shows (None: nothing to inspect)."""
        if self._ready_link is not None and self.session is not None and shiboken6.isValid(self.session):
            QObject.disconnect(self._ready_link)
        self._ready_link = None
        self.session = session
        if session is not None:
            self._ready_link = session.sig_ready.connect(self._attach)
        self.node.bind(session)
        index = self.indexOf(self.node)
        if self.node.available and index < 0:
            self.addTab(self.node, "Plugin process")
        elif not self.node.available and index >= 0:
            self.removeTab(index)
        self._attach()

    def set_shown(self, shown: bool) -> None:
        """The panel became visible or hidden (DevTools attach only while it shows)."""
        self._shown = shown
        self._attach()

    def _attach(self) -> None:
        # Only a page that has loaded once: DevTools attached to a page that never loaded crash Chromium.
        session = self.session
        page = session.page if self._shown and session is not None and session.ready else None
        if page is None and self._shown and session is not None and self.page_tools.inspected is session.page:
            return  # the page is reloading: DevTools stay attached
        self.page_tools.inspect(page if page is not None and shiboken6.isValid(page) else None)

    def show_node(self) -> None:
        """Bring the plugin process's tab forward (when the session has one)."""
        if self.indexOf(self.node) >= 0:
            self.setCurrentWidget(self.node)

    @property
    def attached(self) -> bool:
        """DevTools are attached to the preview's page."""
        return self.page_tools.inspected is not None

