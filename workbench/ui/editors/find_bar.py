"""Find and replace bar for a text editor (Ctrl+F, Ctrl+H): every match highlighted, "3 of 12", match case, whole
word and regular expressions; Enter finds next, Shift+Enter previous, Esc closes."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QToolButton, QWidget

from workbench.core.search import compile_query
from workbench.ui.editors.buffer import raw_text, utf16_offset

MAX_HIGHLIGHTS = 5000  # beyond this the count still shows, the highlights stop (painting stays fast)


class FindBar(QWidget):
    """A hideable bar under the editor."""

    def __init__(self, editor: QPlainTextEdit):
        super().__init__(editor.parentWidget())
        self.editor = editor
        self.matches: list[tuple[int, int]] = []  # (start, end) in the document's positions (UTF-16)
        self.pattern: re.Pattern | None = None
        self._replacing = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.find_edit = QLineEdit(placeholderText="Find")
        self.replace_edit = QLineEdit(placeholderText="Replace")
        self.case = QCheckBox("Aa")
        self.case.setToolTip("Match case")
        self.word = QCheckBox("W")
        self.word.setToolTip("Whole words only")
        self.regex = QCheckBox(".*")
        self.regex.setToolTip("Regular expression (replace with \\1 for a group)")
        self.status = QLabel()
        self.status.setMinimumWidth(90)
        layout.addWidget(self.find_edit, 2)
        for text, tip, slot in (("↑", "Previous (Shift+Enter)", self.find_previous),
                                ("↓", "Next (Enter)", self.find_next)):
            button = QToolButton(text=text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            layout.addWidget(button)
        for box in (self.case, self.word, self.regex):
            layout.addWidget(box)
            box.toggled.connect(lambda _on: self.refresh())
        layout.addWidget(self.status)
        layout.addWidget(self.replace_edit, 2)
        self.replace_button = QToolButton(text="Replace")
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button = QToolButton(text="All")
        self.replace_all_button.setToolTip("Replace every match (one undo step)")
        self.replace_all_button.clicked.connect(self.replace_all)
        close = QToolButton(text="×")
        close.clicked.connect(self.close_bar)
        for w in (self.replace_button, self.replace_all_button, close):
            layout.addWidget(w)
        self.find_edit.textChanged.connect(lambda _t: self.refresh())
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_one)
        QShortcut(QKeySequence("Shift+Return"), self.find_edit, self.find_previous)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        editor.textChanged.connect(self._text_changed)
        self.hide()

    def open_bar(self, replace: bool = False) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for w in (self.replace_edit, self.replace_button, self.replace_all_button):
            w.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        self.hide()
        self.matches = []
        self._paint()
        self.editor.setFocus()

    # -- matching ---------------------------------------------------------------------------------------------------
    def _text_changed(self) -> None:
        if self.isVisible() and self.find_edit.text() and not self._replacing:
            self.refresh()

    def refresh(self) -> None:
        """Find every match again (highlighted and counted; Enter goes to the next one)."""
        needle = self.find_edit.text()
        self.matches, self.pattern = [], None
        if needle:
            try:
                self.pattern = compile_query(needle, self.regex.isChecked(), self.case.isChecked(),
                                             self.word.isChecked())
            except re.error as exc:
                self.status.setText(f"⚠ {exc.msg}")
                self._paint()
                return
            text = raw_text(self.editor.document())
            wide = any(ord(ch) > 0xFFFF for ch in text)
            for m in self.pattern.finditer(text):
                if m.end() > m.start():
                    a, b = (utf16_offset(text, m.start()), utf16_offset(text, m.end())) if wide else m.span()
                    self.matches.append((a, b))
        self._paint()
        self._count()

    def _current_index(self) -> int | None:
        c = self.editor.textCursor()
        span = (c.selectionStart(), c.selectionEnd())
        return self.matches.index(span) if span in self.matches else None

    def _count(self) -> None:
        if not self.find_edit.text() or self.pattern is None:
            self.status.setText("")
            return
        if not self.matches:
            self.status.setText("No results")
            return
        index = self._current_index()
        total = len(self.matches)
        self.status.setText(f"{index + 1} of {total}" if index is not None else f"{total} match(es)")

    def _paint(self) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 200, 0, 110))
        selections = []
        doc = self.editor.document()
        for a, b in self.matches[:MAX_HIGHLIGHTS]:
            sel = QTextEdit.ExtraSelection()
            sel.format = fmt
            cursor = QTextCursor(doc)
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        if hasattr(self.editor, "set_find_selections"):
            self.editor.set_find_selections(selections)

    def _select(self, span: tuple[int, int]) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def _find(self, backward: bool) -> bool:
        if not self.matches:
            self.refresh()
        if not self.matches:
            return False
        c = self.editor.textCursor()
        if backward:
            before = [m for m in self.matches if m[0] < c.selectionStart()]
            span = before[-1] if before else self.matches[-1]  # wrap around
        else:
            after = [m for m in self.matches if m[0] >= c.selectionEnd() and m != (c.selectionStart(),
                                                                                   c.selectionEnd())]
            span = after[0] if after else self.matches[0]
        self._select(span)
        self._count()
        return True

    def find_next(self) -> bool:
        return self._find(False)

    def find_previous(self) -> bool:
        return self._find(True)

    # -- replacing --------------------------------------------------------------------------------------------------
    def _replacement(self, found: str) -> str:
        if self.regex.isChecked() and self.pattern is not None:
            m = self.pattern.fullmatch(found)
            if m is not None:
                try:
                    return m.expand(self.replace_edit.text())
                except (re.error, IndexError):
                    return self.replace_edit.text()
        return self.replace_edit.text()

    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if self._current_index() is not None:
            cursor.insertText(self._replacement(cursor.selectedText()))
            self.refresh()
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many."""
        self.refresh()
        if not self.matches:
            return 0
        doc = self.editor.document()
        spans = list(self.matches)
        edit = QTextCursor(doc)
        self._replacing = True
        try:
            edit.beginEditBlock()
            for a, b in reversed(spans):  # from the end, so earlier positions stay valid
                cursor = QTextCursor(doc)
                cursor.setPosition(a)
                cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(self._replacement(cursor.selectedText()))
            edit.endEditBlock()
        finally:
            self._replacing = False
        count = len(spans)
        self.refresh()
        self.status.setText(f"{count} replaced")
        return count
