"""Questions the window asks: file changed on disk, restore after a crash, unsaved changes; the diff view.

Each question is a module-level function so tests can answer it by patching.
"""

from __future__ import annotations

import difflib

from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget

from workbench.core.recovery import RecoveredBuffer
from workbench.ui.theme import current_theme

RELOAD, KEEP = "reload", "keep"


def unified_diff(rel: str, disk: str, mine: str) -> str:
    lines = difflib.unified_diff(disk.splitlines(keepends=True), mine.splitlines(keepends=True),
                                 f"{rel} (on disk)", f"{rel} (your unsaved edits)")
    return "".join(lines) or "(no difference)"


class DiffDialog(QDialog):
    """A read-only unified diff, removed lines red and added lines green."""

    def __init__(self, rel: str, disk: str, mine: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Compare {rel}")
        self.resize(900, 600)
        self.view = QPlainTextEdit(readOnly=True)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setPlainText(unified_diff(rel, disk, mine))
        theme = current_theme()
        block = self.view.document().begin()
        while block.isValid():
            text = block.text()
            colour = theme.error if text.startswith("-") else theme.syntax["string"] if text.startswith("+") else None
            if colour and not text.startswith(("---", "+++")):
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                fmt = QTextCharFormat()
                fmt.setForeground(QColor(colour))
                cursor.mergeCharFormat(fmt)
            block = block.next()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)


def ask_conflict(parent: QWidget, rel: str, disk: str, mine: str) -> str:
    """The file changed on disk while its buffer has unsaved edits: RELOAD (take the disk) or KEEP (mine)."""
    while True:
        box = QMessageBox(QMessageBox.Icon.Warning, "File changed on disk",
                          f"{rel} was changed outside the workbench while you have unsaved edits.", parent=parent)
        box.setInformativeText("Reload takes the version on disk (your edits stay in undo history); Keep mine keeps "
                               "your edits, and saving will overwrite the disk.")
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
        keep_button = box.addButton("Keep mine", QMessageBox.ButtonRole.AcceptRole)
        compare_button = box.addButton("Compare…", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(keep_button)
        box.exec()
        clicked = box.clickedButton()
        if clicked is compare_button:
            DiffDialog(rel, disk, mine, parent).exec()
            continue
        return RELOAD if clicked is reload_button else KEEP


def ask_restore(parent: QWidget, entries: list[RecoveredBuffer]) -> bool:
    """Offer to restore buffers left unsaved by a previous session that ended abruptly."""
    names = "\n".join(f"  • {e.rel}" for e in entries[:12])
    answer = QMessageBox.question(
        parent, "Restore unsaved changes",
        f"The workbench closed without saving changes to:\n{names}\n\nRestore them into their editors (unsaved)?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def ask_unsaved(parent: QWidget, names: list[str]) -> str:
    """'save', 'discard' or 'cancel' before closing with unsaved buffers."""
    answer = QMessageBox.question(
        parent, "Unsaved changes", "Save changes to:\n" + "\n".join(f"  • {n}" for n in names[:12]),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save)
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(answer,
                                                                                                         "cancel")
