"""Show a file or folder in the system's file manager; without one, the path is copied and said instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication


def reveal(path: str | Path) -> str:
    """Open the folder holding path (or path itself when a folder); returns what to tell the user."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return f"Opened {folder}"
    copy_path(path)
    return f"No file manager answered: the path is copied to the clipboard ({path})"


def copy_path(path: str | Path) -> None:
    QGuiApplication.clipboard().setText(str(path))
