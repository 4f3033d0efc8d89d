"""The text editor: line numbers, current line, syntax colours, diagnostics underlined with hover, quick fixes."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from workbench.core.diagnostics import Diagnostic, QuickFix, Severity
from workbench.ui.editors.buffer import cursor_at
from workbench.ui.editors.highlighter import Highlighter
from workbench.ui.theme import Theme, current_theme


@cache
def fix_icon() -> QIcon:
    """A small light bulb drawn here (an emoji glyph is an empty box where the font lacks it)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#f2b01e"))
    painter.drawEllipse(3, 1, 10, 10)
    painter.drawRect(6, 10, 4, 2)
    painter.setBrush(QColor("#7a7a7a"))
    painter.drawRect(6, 12, 4, 3)
    painter.end()
    return QIcon(pixmap)


class LineNumberArea(QWidget):
    def __init__(self, editor: CodeEditor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self.editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    """A QPlainTextEdit for source files."""

    sig_apply_fix = Signal(object)
    """Emitted with a QuickFix the user chose (its edits may touch other files)."""

    def __init__(self, language: str = "text", parent: QWidget | None = None):
        super().__init__(parent)
        self.language = language
        self.diagnostics: list[Diagnostic] = []
        self._diag_selections: list[QTextEdit.ExtraSelection] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.gutter = LineNumberArea(self)
        self.highlighter = Highlighter(self.document(), language)
        self.theme = current_theme()
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._refresh_selections)
        self._update_gutter_width()
        self.setMouseTracking(True)
        QShortcut(QKeySequence("Ctrl+."), self, self.show_quick_fixes, context=Qt.ShortcutContext.WidgetShortcut)
        self._refresh_selections()

    # -- theme ------------------------------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.highlighter.set_theme(theme)
        self.set_diagnostics(self.diagnostics)
        self.gutter.update()

    # -- gutter -----------------------------------------------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_gutter_width(self, *_) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def paint_gutter(self, event) -> None:
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), QColor(self.theme.line_bg))
        worst: dict[int, Severity] = {}
        for d in self.diagnostics:
            line = d.range.start.line - 1
            if line not in worst or d.severity.rank < worst[line].rank:
                worst[line] = d.severity
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                if number in worst:
                    painter.fillRect(0, top, 3, height, QColor(self._severity_colour(worst[number])))
                painter.setPen(QColor(self.theme.text if number == current else self.theme.dim))
                painter.drawText(0, top, self.gutter.width() - 6, height, Qt.AlignmentFlag.AlignRight,
                                 str(number + 1))
            block = block.next()
            top = bottom
            number += 1

    # -- diagnostics ------------------------------------------------------------------------------------------------
    def _severity_colour(self, severity: Severity) -> str:
        return {Severity.ERROR: self.theme.error, Severity.WARNING: self.theme.warning}.get(severity, self.theme.info)

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        """Underline each diagnostic (wavy, coloured by severity)."""
        self.diagnostics = list(diagnostics)
        selections = []
        for d in self.diagnostics:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(self._severity_colour(d.severity)))
            fmt.setToolTip(f"{d.code}: {d.message}")
            sel.format = fmt
            sel.cursor = self._cursor_for(d)
            selections.append(sel)
        self._diag_selections = selections
        self._refresh_selections()
        self.gutter.update()

    def _cursor_for(self, d: Diagnostic) -> QTextCursor:
        qdoc = self.document()
        start = cursor_at(qdoc, d.range.start.line, d.range.start.column)
        end = cursor_at(qdoc, d.range.end.line, d.range.end.column)
        cursor = QTextCursor(qdoc)
        if end.position() <= start.position():  # an empty range: underline one character (or the line end)
            cursor.setPosition(start.position())
            if not cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor):
                cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
            return cursor
        cursor.setPosition(start.position())
        cursor.setPosition(end.position(), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _refresh_selections(self) -> None:
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(QColor(self.theme.line_bg))
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line.cursor = self.textCursor()
        line.cursor.clearSelection()
        self.setExtraSelections([line, *self._find_selections, *self._diag_selections])

    def set_find_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Highlight every match of the find bar."""
        self._find_selections = selections
        self._refresh_selections()

    def diagnostics_at(self, position: int) -> list[Diagnostic]:
        """Diagnostics whose underline covers a document position (cursor or mouse)."""
        out = []
        for d in self.diagnostics:
            c = self._cursor_for(d)
            if c.selectionStart() <= position <= c.selectionEnd():
                out.append(d)
        return out

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos() - self.viewport().pos()
            hits = self.diagnostics_at(self.cursorForPosition(pos).position())
            if hits:
                text = "\n".join(f"{d.severity.value} {d.code}: {d.message}" +
                                 (f"\n  Quick fix: {d.fix.title} (Ctrl+.)" if d.fix else "") for d in hits)
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- quick fixes ------------------------------------------------------------------------------------------------
    def fixes_at_cursor(self) -> list[QuickFix]:
        cursor = self.textCursor()
        hits = self.diagnostics_at(cursor.position())
        if not hits:  # the fixes of anything on the current line
            line = cursor.blockNumber() + 1
            hits = [d for d in self.diagnostics if d.range.start.line <= line <= d.range.end.line]
        return [d.fix for d in hits if d.fix is not None]

    def show_quick_fixes(self) -> None:
        fixes = self.fixes_at_cursor()
        if not fixes:
            QToolTip.showText(self.mapToGlobal(self.cursorRect().bottomLeft()), "No quick fix here", self)
            return
        menu = self._fix_menu(fixes)
        menu.exec(self.mapToGlobal(self.cursorRect().bottomLeft()))

    def _fix_menu(self, fixes: list[QuickFix], menu: QMenu | None = None) -> QMenu:
        menu = menu or QMenu(self)
        for fix in fixes:
            action = menu.addAction(fix_icon(), fix.title)
            action.triggered.connect(lambda _=False, f=fix: self.sig_apply_fix.emit(f))
        return menu

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        self.setTextCursor(self.cursorForPosition(event.pos()))
        menu = self.createStandardContextMenu()
        fixes = self.fixes_at_cursor()
        if fixes:
            first = menu.actions()[0] if menu.actions() else None
            fix_menu = self._fix_menu(fixes, QMenu(self))
            for action in fix_menu.actions():
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())

    # -- navigation -------------------------------------------------------------------------------------------------
    def go_to(self, line: int, column: int = 1) -> None:
        """Move the cursor to a 1-based position and show it."""
        self.setTextCursor(cursor_at(self.document(), line, column))
        self.centerCursor()
        self.setFocus()

    def bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font
