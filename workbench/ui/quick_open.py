"""Quick open (Ctrl+P): type a few letters of a file name, Enter opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QVBoxLayout, QWidget


def fuzzy_score(query: str, path: str) -> int | None:
    """Lower is better; None when the letters of query do not appear in order in path."""
    query, lower = query.lower(), path.lower()
    name_start = lower.rfind("/") + 1
    pos, score = -1, 0
    for ch in query:
        found = lower.find(ch, pos + 1)
        if found < 0:
            return None
        score += found - pos - 1 + (0 if found >= name_start else 2)
        pos = found
    return score


def rank(query: str, paths: list[str], limit: int = 200) -> list[str]:
    if not query:
        return paths[:limit]
    scored = [(s, len(p), p) for p in paths if (s := fuzzy_score(query, p)) is not None]
    return [p for _, _, p in sorted(scored)[:limit]]


class QuickOpen(QDialog):
    sig_chosen = Signal(str)
    """Emitted with the chosen path."""

    def __init__(self, paths: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Quick open")
        self.resize(560, 380)
        self.paths = paths
        self.edit = QLineEdit(placeholderText="File name")
        self.list = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.edit.textChanged.connect(self._filter)
        self.edit.returnPressed.connect(self._accept)
        self.list.itemActivated.connect(lambda item: self._accept(item.text()))
        self._filter("")

    def _filter(self, text: str) -> None:
        self.list.clear()
        self.list.addItems(rank(text, self.paths))
        if self.list.count():
            self.list.setCurrentRow(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.list.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _accept(self, text: str | None = None) -> None:
        item = self.list.currentItem()
        chosen = text or (item.text() if item else None)
        if chosen:
            self.sig_chosen.emit(chosen)
            self.accept()
