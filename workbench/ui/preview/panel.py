"""The preview panel: the host page as the audience sees it, with role/platform switches and the network bar."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.sandbox.session.capabilities import HasAudiences
from workbench.ui.preview.live import PreviewController


class BlockedBar(QFrame):
    """'Blocked <url>' with a one-click 'Allow this host for this project', as the host's CSP troubleshooting."""

    sig_allow = Signal(str)
    """The user allowed a host."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("blocked-bar")
        self.setStyleSheet("#blocked-bar { background: #fff5b1; border: 1px solid #e3b341; border-radius: 3px; }"
                           "#blocked-bar QLabel { color: #24292e; }")
        self.host = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.allow = QPushButton("Allow this host for this project")
        self.allow.clicked.connect(lambda _=False: self.sig_allow.emit(self.host))
        dismiss = QPushButton("×")
        dismiss.setFlat(True)
        dismiss.setFixedWidth(24)
        dismiss.clicked.connect(lambda _=False: self.hide())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.allow)
        layout.addWidget(dismiss)
        self.hide()

    def show_blocked(self, info: dict) -> None:
        self.host = str(info.get("host", ""))
        url = str(info.get("url", ""))
        shown = url if len(url) <= 90 else url[:87] + "…"
        self.label.setText(f"Blocked {shown} ({info.get('directive', 'connect-src')}): the workbench blocks outbound "
                           f"network like a strict Content-Security-Policy. Allow <b>{self.host}</b>?")
        self.allow.setText(f"Allow {self.host} for this project")
        self.show()


class PreviewPanel(QWidget):
    """The page of the controller's session in a QWebEngineView (a fresh view per session)."""

    def __init__(self, controller: PreviewController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.view: QWebEngineView | None = None
        self.role = QComboBox()
        self.role.setToolTip("Show what this role sees")
        self.platform = QComboBox()
        self.platform.setToolTip("Show what users of this platform see")
        self.role.currentTextChanged.connect(lambda r: controller.set_audience(role=r))
        self.platform.currentTextChanged.connect(lambda p: controller.set_audience(platform=p))
        reload_button = QPushButton("⟳ Reload")
        reload_button.setToolTip("Reload the host page (the simulated conference is kept)")
        reload_button.clicked.connect(lambda _=False: controller.reload_page())
        self.status = QLabel("")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the dock
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        self.audience = QWidget()  # only for hosts that show themselves per role and platform
        audience = QHBoxLayout(self.audience)
        audience.setContentsMargins(0, 0, 0, 0)
        audience.addWidget(QLabel("Role"))
        audience.addWidget(self.role)
        audience.addWidget(QLabel("Platform"))
        audience.addWidget(self.platform)
        bar.addWidget(self.audience)
        bar.addWidget(reload_button)
        bar.addWidget(self.status, 1)
        self.bar = bar
        self.blocked = BlockedBar()
        self.blocked.sig_allow.connect(self._allow)
        self.message = QLabel(controller.message)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("padding: 24px; color: palette(mid);")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.blocked)
        layout.addLayout(self.stack, 1)
        controller.sig_session.connect(self.bind)
        controller.sig_status.connect(self._status)
        self._status(controller.status)
        controller.sig_blocked.connect(self.blocked.show_blocked)

    def add_tool(self, action: QAction) -> QToolButton:
        """A button for a window action at the end of the bar (focus, DevTools...)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        self.bar.addWidget(button)
        return button

    def snapshot(self) -> QImage | None:
        """The page as the preview shows it now (None without a page)."""
        return self.view.grab().toImage() if self.view is not None else None

    def _status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)  # a long message is elided by the bar's width, not lost

    def bind(self, session) -> None:
        """Show a session's page (the previous view goes before its page does)."""
        if self.view is not None:
            self.stack.removeWidget(self.view)
            shiboken6.delete(self.view)
            self.view = None
        self.blocked.hide()
        self._show_audiences(session)
        if session is None or session.page is None:
            self.message.setText(self.controller.message)
            self.stack.setCurrentWidget(self.message)
            return
        self.view = QWebEngineView()
        self.view.setPage(session.page)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)

    def _show_audiences(self, session) -> None:
        """Role and platform switches for hosts that show themselves per audience, set to the session's."""
        audiences = isinstance(session, HasAudiences)
        self.audience.setVisible(audiences)
        if not audiences:
            return
        for combo, items, current in ((self.role, session.roles, session.role),
                                      (self.platform, session.platforms, session.platform)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(items))
            combo.setCurrentText(current)
            combo.blockSignals(False)

    def _allow(self, host: str) -> None:
        if host:
            self.controller.allow_host(host)
            self.status.setText(f"{host} allowed for this project")
        self.blocked.hide()
