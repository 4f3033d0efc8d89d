"""The explorer's context menu: new file or folder, rename (references the host knows updated), delete to the
trash, reveal in the file manager, copy the path."""

from __future__ import annotations

import logging
import os
import posixpath
from collections import defaultdict
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QMessageBox

from workbench.core.atomic import atomic_write
from workbench.core.rename import moved
from workbench.core.text import apply_edits
from workbench.ui import dialogs
from workbench.ui.explorer.model import REL_ROLE
from workbench.ui.reveal import copy_path, reveal

log = logging.getLogger(__name__)
BAD_NAME_CHARS = set('/\\\0')


def name_problem(name: str) -> str | None:
    """Why name cannot be a file or folder name, or None."""
    if not name.strip():
        return "Give a name"
    if name in (".", "..") or BAD_NAME_CHARS & set(name):
        return f"{name!r} is not a file name (no '/' or '\\\\')"
    return None


class ExplorerActions(QObject):
    """Acts on the window's explorer, editors and session (window: the MainWindow)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        view = window.explorer.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu_at)
        QShortcut(QKeySequence("F2"), view, lambda: self.rename(self.selected()),
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view, lambda: self.delete(self.selected()),
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.menu: QMenu | None = None

    # -- where ------------------------------------------------------------------------------------------------------
    @property
    def root(self) -> Path | None:
        s = self.window.session
        return s.project.root if s is not None else None

    def selected(self) -> str | None:
        index = self.window.explorer.view.currentIndex()
        return index.data(REL_ROLE) if index.isValid() else None

    def folder_of(self, rel: str | None) -> str:
        """The folder a new file goes into: the selected folder, or the selected file's folder."""
        if not rel or self.root is None:
            return ""
        return rel if (self.root / rel).is_dir() else posixpath.dirname(rel)

    def _menu_at(self, pos: QPoint) -> None:
        index = self.window.explorer.view.indexAt(pos)
        rel = index.data(REL_ROLE) if index.isValid() else ""
        self.menu = self.menu_for(rel or "")
        self.menu.popup(self.window.explorer.view.viewport().mapToGlobal(pos))

    def menu_for(self, rel: str) -> QMenu:
        """The context menu of a file or folder ('' for the project's root)."""
        menu = QMenu(self.window.explorer)
        menu.addAction("New file…", lambda: self.new_file(self.folder_of(rel)))
        menu.addAction("New folder…", lambda: self.new_folder(self.folder_of(rel)))
        if rel:
            menu.addSeparator()
            menu.addAction("Rename…\tF2", lambda: self.rename(rel))
            menu.addAction("Move to trash\tDel", lambda: self.delete(rel))
        menu.addSeparator()
        menu.addAction("Reveal in file manager", lambda: self.reveal(rel))
        menu.addAction("Copy path", lambda: copy_path(self.root / rel) if self.root else None)
        menu.addAction("Copy relative path", lambda: copy_path(rel or "."))
        return menu

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # -- new --------------------------------------------------------------------------------------------------------
    def new_file(self, folder: str | None = None) -> str | None:
        """Ask a name, create the empty file and open it; returns its path."""
        if self.root is None:
            return None
        folder = self.folder_of(self.selected()) if folder is None else folder
        name = dialogs.ask_text(self.window, "New file", f"File name (in {folder or 'the project root'}):")
        rel = self._create(folder, name, lambda path: path.open("x").close())
        if rel:
            self.window.open_file(rel)
        return rel

    def new_folder(self, folder: str = "") -> str | None:
        if self.root is None:
            return None
        name = dialogs.ask_text(self.window, "New folder", f"Folder name (in {folder or 'the project root'}):")
        return self._create(folder, name, lambda path: path.mkdir())

    def _create(self, folder: str, name: str | None, make) -> str | None:
        if not name:
            return None
        problem = name_problem(name)
        rel = posixpath.join(folder, name) if folder else name
        if problem is None and (self.root / rel).exists():
            problem = f"{rel} already exists"
        if problem:
            QMessageBox.warning(self.window, "Cannot create", problem)
            return None
        try:
            make(self.root / rel)
        except OSError as exc:
            QMessageBox.warning(self.window, "Cannot create", f"{rel}: {exc.strerror or exc}")
            return None
        self.window.explorer.model.sync_dir(folder)
        self.window.explorer.select(rel)
        return rel

    # -- rename -----------------------------------------------------------------------------------------------------
    def rename(self, rel: str | None, new_name: str | None = None) -> str | None:
        """Rename a file or folder; the references the host knows follow it (after the user agrees)."""
        s = self.window.session
        if not rel or s is None:
            return None
        old_name = posixpath.basename(rel)
        new_name = new_name or dialogs.ask_text(self.window, "Rename", f"New name for {rel}:", old_name)
        if not new_name or new_name == old_name:
            return None
        new = posixpath.join(posixpath.dirname(rel), new_name)
        # lexists: a link whose target is gone is still the user's, never renamed over
        problem = name_problem(new_name) or (f"{new} already exists" if os.path.lexists(self.root / new) else None)
        if problem:
            QMessageBox.warning(self.window, "Cannot rename", problem)
            return None
        edits = s.target.rename_edits(s.project, s.project.files(s.validator.buffers), rel, new)
        if edits and not dialogs.ask_update_references(self.window, rel, new, sorted({e.file for e in edits})):
            edits = []
        reopen = self._close_moved(rel, new)
        if reopen is None:
            return None
        try:
            (self.root / rel).rename(self.root / new)
        except OSError as exc:
            QMessageBox.warning(self.window, "Cannot rename", f"{rel}: {exc.strerror or exc}")
            return None
        self._apply(edits)
        parent = posixpath.dirname(rel)
        self.window.explorer.model.sync_dir(parent)
        for path in reopen:
            self.window.open_file(path)
        self.window.explorer.select(new)
        s.schedule_validation()
        self._say(f"Renamed {rel} to {new}" + (f", {len(edits)} reference(s) updated" if edits else ""))
        return new

    def _close_moved(self, old: str, new: str) -> list[str] | None:
        """Close the editors of files that move (saving or discarding unsaved edits as the user says); the new
        paths to reopen, or None when the user cancels."""
        editors = self.window.editors
        moving = [r for r in list(editors.editors) if moved(r, old, new)]
        dirty = [r for r in moving if editors.editors[r].document.dirty]
        if dirty:
            answer = dialogs.ask_unsaved(self.window, dirty)
            if answer == "cancel":
                return None
            if answer == "save" and not all(editors.save(r) for r in dirty):
                return None
        for r in moving:
            editors.close_file(r, ask=False)
        return [moved(r, old, new) for r in moving]

    def _apply(self, edits) -> None:
        """Apply edits: an open file's buffer (saved when it was clean), otherwise the file on disk (atomically)."""
        s = self.window.session
        by_file: dict[str, list] = defaultdict(list)
        for e in edits:
            by_file[e.file].append(e)
        for rel, file_edits in by_file.items():
            doc = s.documents.get(rel)
            try:
                if doc is not None:
                    clean = not doc.dirty
                    doc.set_text(apply_edits(doc.text, file_edits))
                    if clean:
                        self.window.editors.save(rel)
                    continue
                path = self.root / rel
                text = path.read_text(encoding="utf-8")
                newline = "\r\n" if "\r\n" in text else "\n"
                updated = apply_edits(text.replace("\r\n", "\n"), file_edits)
                atomic_write(path, updated.replace("\n", newline).encode("utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                QMessageBox.warning(self.window, "Reference not updated", f"{rel}: {exc}")

    # -- delete / reveal --------------------------------------------------------------------------------------------
    def delete(self, rel: str | None) -> bool:
        """Move a file or folder to the trash (after asking); its editors close."""
        from PySide6.QtCore import QFile
        if not rel or self.root is None:
            return False
        if not dialogs.ask_confirm(self.window, "Move to trash", f"Move {rel} to the trash?"):
            return False
        editors = self.window.editors
        for r in [r for r in list(editors.editors) if moved(r, rel, rel)]:
            editors.close_file(r, ask=False)
        moved_away = QFile.moveToTrash(str(self.root / rel))
        ok = moved_away[0] if isinstance(moved_away, tuple) else bool(moved_away)
        if not ok:
            QMessageBox.warning(self.window, "Not moved to trash", f"{rel} could not be moved to the trash (no trash "
                                "on this file system?): it is left where it is.")
            return False
        self.window.explorer.model.sync_dir(posixpath.dirname(rel))
        self.window.session.schedule_validation()
        self._say(f"Moved {rel} to the trash")
        return True

    def reveal(self, rel: str) -> None:
        if self.root is not None:
            self._say(reveal(self.root / rel))
