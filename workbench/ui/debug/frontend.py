"""DevTools front-ends in the window: their pages, and the URL of the Node front-end for an inspector."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWidgets import QWidget

FRONT_END = "devtools://devtools/bundled/js_app.html?v8only=true&ws={}"


def front_end_url(ws_url: str) -> QUrl:
    """DevTools' Node front-end for an inspector WebSocket URL (ws://host:port/id)."""
    return QUrl(FRONT_END.format(ws_url.removeprefix("ws://")))


def devtools_page(parent: QWidget, standalone: bool = False) -> QWebEnginePage:
    """A page for a DevTools front-end, in an off-the-record profile of its own that lives as long as the page
    (apart from the sandbox's locked-down profiles; DevTools keep their settings, breakpoints included, in it).

    standalone: the front-end inspects no page of the window (it will connect to a WebSocket target): a blank
    page of its own makes it a DevTools front-end."""
    profile = QWebEngineProfile()
    page = QWebEnginePage(profile, parent)
    if standalone:
        QWebEnginePage(profile, page).setDevToolsPage(page)
    profile.setParent(page)  # the last child: deleted after every page of it, as QtWebEngine requires
    return page
