"""Find in files (Ctrl+Shift+F): search the project's files (unsaved edits included) in a worker thread; the results
grouped by file, a click opens the file at the match."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.search import Match, compile_query, search

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1


class FindInFilesPanel(QWidget):
    """Query, options, results; `files()` gives the ProjectFiles to search (None without a project)."""

    sig_open_match = Signal(object)
    """Emitted with the Match the user clicked."""
    sig_searched = Signal()
    """Emitted after each search's results are shown."""
    _sig_result = Signal(int, list, bool)

    def __init__(self, files, parent: QWidget | None = None):
        super().__init__(parent)
        self.files = files
        self.query = QLineEdit(placeholderText="Find in the project's files (Enter)")
        self.query.setClearButtonEnabled(True)
        self.case = QCheckBox("Aa")
        self.case.setToolTip("Match case")
        self.word = QCheckBox("Word")
        self.word.setToolTip("Whole words only")
        self.regex = QCheckBox(".*")
        self.regex.setToolTip("Regular expression")
        self.status = QLabel("")
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setUniformRowHeights(True)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        for w in (self.case, self.word, self.regex):
            row.addWidget(w)
            w.toggled.connect(lambda _on: self.run())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.query.returnPressed.connect(self.run)
        self.results.itemActivated.connect(self._open)
        self.results.itemClicked.connect(self._open)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="find")
        self._generation = 0
        self._sig_result.connect(self._show)

    def start(self, text: str = "") -> None:
        """Bring the query forward (pre-filled with text when given)."""
        if text:
            self.query.setText(text)
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> None:
        """Search in the worker thread; an older search's results are dropped."""
        text = self.query.text()
        files = self.files()
        self._generation += 1
        if not text or files is None:
            self.results.clear()
            self.status.setText("")
            return
        try:
            pattern = compile_query(text, self.regex.isChecked(), self.case.isChecked(), self.word.isChecked())
        except re.error as exc:
            self.results.clear()
            self.status.setText(f"⚠ not a valid regular expression: {exc}")
            return
        generation = self._generation
        self.status.setText("Searching…")
        self._pool.submit(lambda: self._sig_result.emit(generation, *search(files, pattern)))

    def _show(self, generation: int, matches: list[Match], cut: bool) -> None:
        if generation != self._generation:
            return
        self.results.clear()
        by_file: dict[str, list[Match]] = {}
        for m in matches:
            by_file.setdefault(m.file, []).append(m)
        for file, found in by_file.items():
            top = QTreeWidgetItem(self.results, [f"{file}  ({len(found)})"])
            top.setData(0, MATCH_ROLE, found[0])
            for m in found:
                item = QTreeWidgetItem(top, [f"{m.line}:{m.column}   {m.text.strip()[:200]}"])
                item.setData(0, MATCH_ROLE, m)
                item.setToolTip(0, m.text)
        self.results.expandAll()
        count = f"{len(matches)}{'+' if cut else ''} match(es) in {len(by_file)} file(s)"
        self.status.setText(count if matches else "No match")
        self.sig_searched.emit()

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        m = item.data(0, MATCH_ROLE)
        if m is not None:
            self.sig_open_match.emit(m)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
