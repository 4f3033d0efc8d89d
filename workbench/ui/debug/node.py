"""The plugin's process under Node's inspector: the switch, the address a debugger attaches to, and DevTools' Node
front-end in the window, reconnected to each new run (the port stays, the run's id changes)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from workbench.sandbox.aio import spawn
from workbench.sandbox.egress import PROXY
from workbench.sandbox.session import StepFailure
from workbench.sandbox.session.capabilities import Inspectable
from workbench.ui.debug.frontend import devtools_page, front_end_url


class NodeDebugger(QWidget):
    """Bound to one Inspectable session at a time."""

    sig_status = Signal(str)
    """What happened, for the status bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = None
        self.view: QWebEngineView | None = None
        self._link = None
        self._connected_url = ""
        self._open_when_known = False
        self.switch = QCheckBox("Run the plugin under the debugger (node --inspect)")
        self.switch.clicked.connect(self.set_on)
        self.address = QLineEdit()
        self.address.setReadOnly(True)
        self.address.setPlaceholderText("off")
        self.address.setToolTip("Attach any Node debugger here (VS Code: an 'attach' configuration with this port "
                                "and \"restart\": true follows the restarts on save)")
        copy = QPushButton("Copy")
        copy.clicked.connect(lambda _=False: QGuiApplication.clipboard().setText(self.address.text()))
        self.open_button = QPushButton("Open in DevTools")
        self.open_button.clicked.connect(lambda _=False: self.open_devtools())
        row = QHBoxLayout()
        row.addWidget(QLabel("Inspector"))
        row.addWidget(self.address, 1)
        row.addWidget(copy)
        row.addWidget(self.open_button)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(4, 4, 4, 4)
        self.box.addWidget(self.switch)
        self.box.addLayout(row)
        self.box.addWidget(self.note)
        self.box.addStretch(1)

    @property
    def available(self) -> bool:
        return self.session is not None

    def bind(self, session) -> None:
        """Follow a session (only one whose plugin has a process to inspect)."""
        if self._link is not None and self.session is not None and shiboken6.isValid(self.session):
            QObject.disconnect(self._link)
        self._link = None
        ok = isinstance(session, Inspectable) and session.can_inspect()
        if (session if ok else None) is not self.session:
            PROXY.allow.drop(id(self))  # the previous run's inspector is nothing to reach any more
            self._drop_view()
        self.session = session if ok else None
        self._connected_url = ""
        self._open_when_known = False
        if self.session is not None:
            self._link = session.sig_state_changed.connect(self.refresh)
        self.refresh()

    def info(self) -> dict | None:
        return self.session.inspector() if self.session is not None else None

    def refresh(self) -> None:
        """Show the inspector as the session has it; a new run gets DevTools reconnected."""
        info = self.info()
        self.switch.setChecked(info is not None)
        self.address.setText(info["address"] if info else "")
        self.note.setText(f"{info['name']}: {info['url'] or 'waiting for the process to start…'}" if info else
                          "Off: the plugin runs as App Zone runs it. On: it restarts under the inspector; the "
                          "address stays the same for every restart.")
        url = info["url"] if info else ""
        if url and url != self._connected_url and (self._open_when_known or self.view is not None):
            self._connect(url, info["address"])

    def set_on(self, on: bool) -> None:
        """Turn the inspector on (the plugin restarts under it) or off."""
        session = self.session
        if session is None:
            return

        async def switch() -> None:
            try:
                await session.set_inspect(bool(on))
            except StepFailure as exc:
                self.sig_status.emit(f"⚠ {exc}")
            self.refresh()

        spawn(switch())

    def open_devtools(self) -> None:
        """One click: the inspector on if needed, then DevTools' Node front-end on the current run."""
        info = self.info()
        self._ensure_view()
        if info is None:
            self._open_when_known = True
            self.set_on(True)
        elif info["url"]:
            self._connect(info["url"], info["address"])
        else:
            self._open_when_known = True

    def _ensure_view(self) -> None:
        if self.view is not None:
            return
        self.view = QWebEngineView()
        self.view.setPage(devtools_page(self.view, standalone=True))
        self.box.insertWidget(self.box.count() - 1, self.view, 10)

    def _drop_view(self) -> None:
        if self.view is not None:
            self.box.removeWidget(self.view)
            shiboken6.delete(self.view)  # the front-end page, then its profile
            self.view = None

    def _connect(self, ws_url: str, address: str) -> None:
        # The front-end's WebSocket leaves through the egress proxy like any connection of the engine: allow the
        # inspector's address for the window's DevTools only (plugin pages keep their own allow-lists).
        PROXY.allow.set(id(self), {address})
        self._connected_url = ws_url
        self._open_when_known = False
        self.view.page().setUrl(front_end_url(ws_url))
        self.sig_status.emit(f"DevTools attached to {ws_url}")
