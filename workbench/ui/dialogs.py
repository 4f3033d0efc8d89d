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


def ask_save_before(parent: QWidget, purpose: str, valid: list[str], invalid: list[str]) -> str:
    """Unsaved changes before an export or a build: 'save' (the valid ones), 'skip' (use the disk) or 'cancel'.

    A buffer with errors is never saved from here: the message says the disk version of it is used."""
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", f"Some files have unsaved changes. The {purpose} "
                      "reads the files on disk.", parent=parent)
    lines = []
    if valid:
        lines.append("Can be saved:\n" + "\n".join(f"  • {n}" for n in valid[:12]))
    if invalid:
        lines.append("Have errors, so they stay unsaved and the version on disk is used:\n"
                     + "\n".join(f"  • {n}" for n in invalid[:12]))
    box.setInformativeText("\n\n".join(lines))
    save = box.addButton(f"Save and {purpose}" if valid else f"{purpose.capitalize()} the saved files",
                         QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton(f"{purpose.capitalize()} without saving", QMessageBox.ButtonRole.DestructiveRole) \
        if valid else None
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return "save"
    return "skip" if skip is not None and clicked is skip else "cancel"


def ask_new_folder(parent: QWidget, title: str, proposed: str) -> str:
    """A folder path that may not exist yet ('' when cancelled)."""
    from PySide6.QtWidgets import QFileDialog
    path, _ = QFileDialog.getSaveFileName(parent, title, proposed, "",
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    return path


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """One line of text (None when cancelled)."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok else None


def ask_confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_update_references(parent: QWidget, old: str, new: str, files: list[str]) -> bool:
    """Renaming old to new changes references in files: update them too (True) or only rename (False)."""
    answer = QMessageBox.question(
        parent, "Update references", f"Renaming {old} to {new} breaks references in:\n"
        + "\n".join(f"  • {f}" for f in files[:12]) + "\n\nUpdate them too?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
