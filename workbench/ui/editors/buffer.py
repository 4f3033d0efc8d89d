"""The Qt side of a Document: its QTextDocument holds the text and the single undo history of both views."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from workbench.core.document import Document
from workbench.core.jsonedit import Splice


def utf16_offset(text: str, index: int) -> int:
    """Qt counts UTF-16 code units; Python counts code points."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def raw_text(qdoc: QTextDocument) -> str:
    """The document text exactly (toPlainText would turn non-breaking spaces into spaces)."""
    return qdoc.toRawText().replace("\u2029", "\n")


def cursor_at(qdoc: QTextDocument, line: int, column: int) -> QTextCursor:
    """A cursor at a 1-based line and 1-based character column (clamped to the text)."""
    block = qdoc.findBlockByNumber(max(0, min(line, qdoc.blockCount()) - 1))
    text = block.text()
    col = max(0, min(column - 1, len(text)))
    cursor = QTextCursor(qdoc)
    cursor.setPosition(block.position() + utf16_offset(text, col))
    return cursor


class QtTextBuffer:
    """Adapter giving a Document a QTextDocument as its buffer (implements core.document.TextBuffer)."""

    def __init__(self, document: Document, qdoc: QTextDocument):
        self.document, self.qdoc = document, qdoc
        qdoc.setPlainText(document.text)
        qdoc.setUndoRedoEnabled(False)  # loading is not an undo step
        qdoc.setUndoRedoEnabled(True)
        qdoc.setModified(False)
        document.buffer = self
        self._merge: object = None
        self._steps = -1
        qdoc.contentsChanged.connect(self._changed)

    def _changed(self) -> None:
        self.document.buffer_changed(raw_text(self.qdoc))

    def apply_splice(self, splice: Splice, merge: object = None) -> None:
        """One edit of the text; joined to the previous undo step when it has the same merge key and nothing
        (typing, undo) came in between."""
        text = self.document.text
        qdoc = self.qdoc
        join = (merge is not None and merge == self._merge and qdoc.availableUndoSteps() == self._steps
                and qdoc.availableRedoSteps() == 0)
        cursor = QTextCursor(qdoc)
        cursor.joinPreviousEditBlock() if join else cursor.beginEditBlock()
        cursor.setPosition(utf16_offset(text, splice.start))
        cursor.setPosition(utf16_offset(text, splice.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(splice.new_text)
        cursor.endEditBlock()
        self._merge, self._steps = merge, qdoc.availableUndoSteps()

    def undo(self) -> None:
        self.qdoc.undo()

    def redo(self) -> None:
        self.qdoc.redo()
