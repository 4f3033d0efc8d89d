"""The host log panel: kind filters, search, and errors that open their file at the line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QListView, QToolButton, QVBoxLayout, QWidget

from workbench.core.hostlog import KINDS, HostLog, LogEntry
from workbench.ui.preview.log_model import ENTRY_ROLE, LogFilter, LogModel


class LogPanel(QWidget):
    """API calls with arguments and results, actions, console output, errors, network blocks."""

    sig_open_location = Signal(str, int, int)
    """Open a project file at line and column (an error's place)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = LogModel(self)
        self.proxy = LogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)  # rows are laid out lazily, only those on screen
        self.view.setWordWrap(False)
        self.view.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the log")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(lambda: self.proxy.set_text(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.kind_buttons: dict[str, QToolButton] = {}
        for kind in KINDS:
            b = QToolButton()
            b.setText(kind)
            b.setCheckable(True)
            b.setChecked(True)
            b.toggled.connect(self._kinds_changed)
            self.kind_buttons[kind] = b
            bar.addWidget(b)
        bar.addWidget(self.search, 1)
        for text, slot in (("Copy", self.copy_selection), ("Clear", self.clear)):
            b = QToolButton()
            b.setText(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self._stop = None
        self._follow = True
        self.model.rowsInserted.connect(self._scroll)

    def bind(self, log: HostLog | None) -> None:
        """Show a session's log (None: empty)."""
        if self._stop:
            self._stop()
            self._stop = None
        self.model.reset(log.entries if log else [])
        if log is not None:
            self._stop = log.listen(self.model.append)

    def reset(self) -> None:
        """Every kind shown, no search, nothing listed (another project opened)."""
        for button in self.kind_buttons.values():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)
        self._kinds_changed()
        self._search_timer.stop()
        self.search.clear()
        self.proxy.set_text("")
        self.bind(None)

    def _kinds_changed(self, _on: bool = False) -> None:
        self.proxy.set_kinds({k for k, b in self.kind_buttons.items() if b.isChecked()})

    def _scroll(self, *_args) -> None:
        bar = self.view.verticalScrollBar()
        if bar.value() >= bar.maximum() - 3:
            QTimer.singleShot(0, self.view.scrollToBottom)

    def entry_at(self, index: QModelIndex) -> LogEntry | None:
        return index.data(ENTRY_ROLE) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        entry = self.entry_at(index)
        if entry is not None and entry.data.get("file"):
            self.sig_open_location.emit(str(entry.data["file"]), int(entry.data.get("line") or 1),
                                        int(entry.data.get("column") or 1))

    def visible_lines(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def copy_selection(self) -> None:
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        QApplication.clipboard().setText("\n".join(i.data() for i in rows))

    def clear(self) -> None:
        self.model.reset([])
