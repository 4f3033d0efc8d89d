"""Syntax colours from tree-sitter highlight queries (workbench.core.highlight), kept in step with every edit.

The tree is re-parsed incrementally before Qt re-colours the edited lines (our contentsChange slot is connected
before the highlighter's own), and lines whose colours changed further away (a comment opened above them) are
re-coloured right after.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from workbench.core.highlight import SyntaxHighlights
from workbench.ui.editors.buffer import raw_text, utf16_offset
from workbench.ui.theme import Theme, current_theme


class Highlighter(QSyntaxHighlighter):
    """Colours one document in its language (no colours for a language without a grammar)."""

    def __init__(self, document: QTextDocument, language: str):
        super().__init__(None)  # the document is attached below, after our own edit slot
        self.language = language
        self.state = SyntaxHighlights(language, raw_text(document))
        self.formats: dict[str, QTextCharFormat] = {}
        self._after: range = range(0)
        if self.state.enabled:
            document.contentsChange.connect(self._before_qt)
        self._set_formats(current_theme())
        self.setDocument(document)
        if self.state.enabled:
            document.contentsChange.connect(self._after_qt)

    def _set_formats(self, theme: Theme) -> None:
        self.formats = {}
        for kind, colour in theme.syntax.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if kind in ("keyword", "tag"):
                fmt.setFontWeight(QFont.Weight.DemiBold)
            if kind == "comment":
                fmt.setFontItalic(True)
            self.formats[kind] = fmt

    def set_theme(self, theme: Theme) -> None:
        self._set_formats(theme)
        self.rehighlight()

    def _before_qt(self, _position: int, _removed: int, _added: int) -> None:
        self._after = self.state.update(raw_text(self.document()))

    def _after_qt(self, _position: int, _removed: int, _added: int) -> None:
        changed, self._after = self._after, range(0)
        doc = self.document()
        for line in changed:
            block = doc.findBlockByNumber(line)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        wide = any(ord(ch) > 0xFFFF for ch in text)  # Qt counts UTF-16 units, the spans count characters
        for start, end, kind in self.state.spans(self.currentBlock().blockNumber()):
            fmt = self.formats.get(kind)
            if fmt is None:
                continue
            if wide:
                start, end = utf16_offset(text, start), utf16_offset(text, end)
            self.setFormat(start, end - start, fmt)
