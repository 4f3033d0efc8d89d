"""One open file in the window: the text editor and, for manifests, the form beside it (two views, one document)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.diagnostics import Diagnostic
from workbench.core.document import Document
from workbench.core.jsonedit import path_at
from workbench.ui.editors.buffer import QtTextBuffer
from workbench.ui.editors.code_editor import CodeEditor
from workbench.ui.editors.find_bar import FindBar
from workbench.ui.menus import window_takes


class FileEditor(QWidget):
    """Text (and form) views of one Document."""

    sig_dirty_changed = Signal(bool)
    """Emitted when the buffer becomes dirty or clean."""
    sig_text_changed = Signal()
    """Emitted after every change of the text, from either view."""

    def __init__(self, document: Document, form: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.form = form
        self.editor = CodeEditor(document.language)
        self.buffer = QtTextBuffer(document, self.editor.document())
        self.find_bar = FindBar(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.mode_buttons: dict[str, QToolButton] = {}
        if form is not None:
            layout.addWidget(self._mode_bar())
        text_host = QWidget()
        text_layout = QVBoxLayout(text_host)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.setSpacing(0)
        text_layout.addWidget(self.editor)
        text_layout.addWidget(self.find_bar)
        self.text_host = text_host
        if form is not None:
            self.splitter = QSplitter(Qt.Orientation.Horizontal)
            self.splitter.addWidget(form)
            self.splitter.addWidget(text_host)
            self.splitter.setSizes([520, 480])
            layout.addWidget(self.splitter, 1)
        else:
            layout.addWidget(text_host, 1)
        self._dirty = document.dirty
        document.on_change(self._changed)
        for keys, slot in (("Ctrl+F", lambda: self.find_bar.open_bar(False)),
                           ("Ctrl+H", lambda: self.find_bar.open_bar(True)),
                           ("Ctrl+Z", self.document.undo), ("Ctrl+Shift+Z", self.document.redo),
                           ("Ctrl+Y", self.document.redo)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if form is not None:
            # Per field, when it gets focus: an application-wide Python event filter would see every event of every
            # object (QtWebEngine's included) and PySide crashes wrapping objects still being built.
            self._undo_filter = FormUndoFilter(self)
            QApplication.instance().focusChanged.connect(self._route_field_undo)

    def _route_field_undo(self, old: QWidget | None, new: QWidget | None) -> None:
        """A form field got focus: its Ctrl+Z / Ctrl+Shift+Z go to the document (installing twice is harmless);
        a field left ends its undo step (typing in it again later is a step of its own)."""
        if self.form is None:
            return
        if old is not None and hasattr(self.form, "ctx") and self.form.isAncestorOf(old):
            self.form.ctx.end_step()
        if new is not None and self.form.isAncestorOf(new):
            new.installEventFilter(self._undo_filter)

    def _mode_bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(QLabel("View:"))
        group = QButtonGroup(bar)
        for mode in ("Form", "Split", "Text"):
            b = QToolButton(text=mode)
            b.setCheckable(True)
            b.setAutoRaise(True)
            group.addButton(b)
            b.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            row.addWidget(b)
            self.mode_buttons[mode] = b
        self.mode_buttons["Split"].setChecked(True)
        row.addStretch(1)
        hint = QLabel("<small>Form and text are two views of the same file; undo (Ctrl+Z) covers both.</small>")
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # a hint never widens the window
        row.addWidget(hint)
        return bar

    def set_mode(self, mode: str) -> None:
        """'Form', 'Split' or 'Text'."""
        if self.form is None:
            return
        self.form.setVisible(mode in ("Form", "Split"))
        self.text_host.setVisible(mode in ("Text", "Split"))
        self.mode_buttons[mode].setChecked(True)

    def _changed(self, document: Document) -> None:
        self.sig_text_changed.emit()
        if document.dirty != self._dirty:
            self._dirty = document.dirty
            self.sig_dirty_changed.emit(self._dirty)

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        self.editor.set_diagnostics(diagnostics)
        if self.form is not None and hasattr(self.form, "set_diagnostics"):
            self.form.set_diagnostics(diagnostics)

    def go_to(self, line: int, column: int = 1, in_form: bool = False) -> None:
        """Show a position: in the form's field when asked and possible, else in the text."""
        if in_form and self.form is not None and self.form.isVisible() and hasattr(self.form, "focus_path"):
            if self.document.language == "json":
                path = path_at(self.document.json(), line, column)
                if path and self.form.focus_path(path):
                    self.editor.setTextCursor(self._cursor(line, column))
                    return
        if self.form is not None and not self.text_host.isVisible():
            self.set_mode("Split")
        self.editor.go_to(line, column)

    def _cursor(self, line: int, column: int):
        from workbench.ui.editors.buffer import cursor_at
        return cursor_at(self.editor.document(), line, column)

    def close_views(self) -> None:
        if self.form is not None:
            QApplication.instance().removeEventFilter(self._undo_filter)
        self.document.remove_listener(self._changed)
        if self.form is not None and hasattr(self.form, "detach"):
            self.form.detach()


class FormUndoFilter(QObject):
    """Undo/redo typed in a form field go to the document (one history for both views), not to the field; the
    window's own shortcuts are not taken by the field."""

    def __init__(self, owner: FileEditor):
        super().__init__(owner)
        self.owner = owner

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        form = self.owner.form
        if not isinstance(watched, QWidget) or form is None or not form.isAncestorOf(watched):
            return False
        if event.type() == QEvent.Type.ShortcutOverride and window_takes(self.owner.window(), event):
            return True  # left unaccepted: the window's shortcut (Ctrl+E…) wins over the field's own key binding
        if event.matches(QKeySequence.StandardKey.Undo):
            if event.type() == QEvent.Type.KeyPress:
                self.owner.document.undo()
            event.accept()
            return True
        if event.matches(QKeySequence.StandardKey.Redo):
            if event.type() == QEvent.Type.KeyPress:
                self.owner.document.redo()
            event.accept()
            return True
        return False
