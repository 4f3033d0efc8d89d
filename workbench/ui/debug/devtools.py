"""The DevTools panel: Chromium DevTools attached to the page the preview shows, and a tab for the plugin's process
when its host can run it under a debugger (Inspectable).

DevTools run in a profile of their own (off the record, kept as long as the panel), apart from the sandbox's
locked-down profiles: the one front-end follows the preview from page to page with its settings, breakpoints
included, so breakpoints set on a plugin's file survive a page reload. The process tab opens DevTools' Node front-end on the inspector's
WebSocket; the inspector's port stays the same when the plugin restarts on save, and the tab reconnects to each new
run with the breakpoints DevTools keeps by file.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QTabWidget, QWidget

from workbench.ui.debug.frontend import devtools_page
from workbench.ui.debug.node import NodeDebugger


class PageDevTools(QWebEngineView):
    """DevTools of one page at a time (inspect(None) lets go); the front-end is made the first time it is needed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.inspected: QWebEnginePage | None = None
        self._front_end: QWebEnginePage | None = None

    def inspect(self, page: QWebEnginePage | None) -> None:
        if self.inspected is page:
            return
        if self.inspected is not None and shiboken6.isValid(self.inspected):
            self.inspected.setDevToolsPage(None)
        self.inspected = page
        if page is not None:
            if self._front_end is None:
                self._front_end = devtools_page(self)
                self.setPage(self._front_end)
            page.setDevToolsPage(self._front_end)


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

    def bind(self, session) -> None:
        """Follow the session the preview shows (None: nothing to inspect)."""
        self.session = session
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
        page = getattr(self.session, "page", None) if self._shown else None
        self.page_tools.inspect(page if page is not None and shiboken6.isValid(page) else None)

    def show_node(self) -> None:
        """Bring the plugin process's tab forward (when the session has one)."""
        if self.indexOf(self.node) >= 0:
            self.setCurrentWidget(self.node)

    @property
    def attached(self) -> bool:
        """DevTools are attached to the preview's page."""
        return self.page_tools.inspected is not None

    def url(self) -> QUrl:
        return self.page_tools.url()
