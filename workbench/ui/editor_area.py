"""The tabs of open files: opening, saving (atomic), following the disk, diagnostics and quick fixes."""

from __future__ import annotations

import logging
import posixpath
from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from workbench.core.diagnostics import Diagnostic, QuickFix
from workbench.core.text import apply_edits
from workbench.ui import dialogs
from workbench.ui.session import ProjectSession

if TYPE_CHECKING:  # the editors (highlighting, forms) load with the first file opened, not with the window
    from workbench.ui.editors.file_editor import FileEditor

log = logging.getLogger(__name__)
EMPTY_HINT = ("Open a file from the explorer, or press Ctrl+P to find one.\n\n"
              "F5 reloads the preview\nCtrl+E exports the package\nCtrl+S saves")


class EditorArea(QTabWidget):
    sig_current_file = Signal(object)
    """Emitted with the path of the file in front (None when no tab)."""
    sig_saved = Signal(str)
    """Emitted with the path of each file saved."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.session: ProjectSession | None = None
        self.editors: dict[str, FileEditor] = {}
        self.tabCloseRequested.connect(lambda i: self.close_file(self.widget(i).document.rel))
        self.currentChanged.connect(lambda _i: self.sig_current_file.emit(self.current_rel()))

    def paintEvent(self, event) -> None:  # noqa: N802
        """With no file open, say how to open one."""
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self)
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, EMPTY_HINT)

    def set_session(self, session: ProjectSession | None) -> None:
        for rel in list(self.editors):
            self.close_file(rel, ask=False)
        self.session = session

    def current_rel(self) -> str | None:
        widget = self.currentWidget()
        return widget.document.rel if widget is not None else None  # (every tab is a FileEditor)

    def current_editor(self) -> FileEditor | None:
        return self.currentWidget()  # (every tab is a FileEditor)

    # -- open / close -----------------------------------------------------------------------------------------------
    def open_file(self, rel: str) -> FileEditor:
        """Show a file (opening it once; the same Document backs every view of it)."""
        if rel in self.editors:
            self.setCurrentWidget(self.editors[rel])
            return self.editors[rel]
        from workbench.ui.forms.registry import form_for
        session = self.session
        document = session.document(rel)
        try:
            form = form_for(session.project, document, lambda: session.validator.buffers)
        except Exception as exc:  # a form that cannot be built must never keep the text from opening
            form = None
            log.warning("no form for %s: %s: %s", rel, type(exc).__name__, exc)
        from workbench.ui.editors.file_editor import FileEditor
        editor = FileEditor(document, form)
        document.on_change(self._document_changed)
        editor.editor.sig_apply_fix.connect(self.apply_fix)
        editor.sig_dirty_changed.connect(lambda _dirty, e=editor: self._update_title(e))
        self.editors[rel] = editor
        index = self.addTab(editor, posixpath.basename(rel))
        self.setTabToolTip(index, rel)
        self.setCurrentIndex(index)
        editor.set_diagnostics([d for d in session.diagnostics if d.file == rel])
        self._update_titles()  # a second file of the same name: both tabs say which folder they are in
        return editor

    def _update_title(self, editor: FileEditor) -> None:
        index = self.indexOf(editor)
        if index >= 0:
            name = tab_names(list(self.editors)).get(editor.document.rel, posixpath.basename(editor.document.rel))
            self.setTabText(index, ("● " if editor.document.dirty else "") + name)

    def _update_titles(self) -> None:
        for editor in self.editors.values():
            self._update_title(editor)

    def close_file(self, rel: str, ask: bool = True) -> bool:
        editor = self.editors.get(rel)
        if editor is None:
            return True
        if ask and editor.document.dirty:
            answer = dialogs.ask_unsaved(self, [rel])
            if answer == "cancel":
                return False
            if answer == "save":
                self.save(rel)
        self.removeTab(self.indexOf(editor))
        editor.close_views()
        editor.document.remove_listener(self._document_changed)
        del self.editors[rel]
        if self.session is not None:
            self.session.close_document(rel)
        editor.deleteLater()
        self._update_titles()
        self._tell_forms(rel)  # its unsaved edits are gone: forms reading it go back to the disk
        return True

    def _document_changed(self, document) -> None:
        self._tell_forms(document.rel)

    def _tell_forms(self, rel: str) -> None:
        """A file changed (typed, undone, saved, reloaded, closed): forms of other files that read it refresh."""
        for other, editor in list(self.editors.items()):
            if other != rel and hasattr(editor.form, "sources_changed"):
                editor.form.sources_changed(rel)

    # -- save -------------------------------------------------------------------------------------------------------
    def save(self, rel: str | None = None) -> bool:
        """Save one file atomically (the current one by default); a changed disk is asked about first."""
        rel = rel or self.current_rel()
        if rel is None or self.session is None or rel not in self.session.documents:
            return False
        doc = self.session.documents[rel]
        state = doc.check_disk()
        if state == "conflict" and not self._resolve_conflict(rel):
            return False
        try:
            doc.save()
        except OSError as exc:
            QMessageBox.critical(self, "Save failed", f"{rel}: {exc.strerror or exc}")
            return False
        self.session.recovery.discard(rel)
        self.sig_saved.emit(rel)
        return True

    def save_all(self) -> int:
        count = 0
        for doc in list(self.session.dirty_documents()) if self.session else []:
            count += bool(self.save(doc.rel))
        return count

    # -- following the disk -----------------------------------------------------------------------------------------
    def files_changed(self, files: set[str]) -> None:
        """Open files changed on disk: clean buffers reload, dirty ones ask (never losing either side)."""
        if self.session is None:
            return
        for rel in sorted(files & set(self.session.documents)):
            doc = self.session.documents[rel]
            state = doc.check_disk()
            if state == "conflict":
                self._resolve_conflict(rel)
            if state in ("reloaded", "conflict"):
                self.session.schedule_validation()
        not_open = sorted(files - set(self.session.documents))
        if not_open:  # e.g. a JS saved by another editor: one refresh for the batch (none of them has a form here)
            self._tell_forms(not_open[0])

    def _resolve_conflict(self, rel: str) -> bool:
        """Ask what to do with a file changed on disk under unsaved edits; True when the caller may go on saving."""
        doc = self.session.documents[rel]
        disk = doc.disk_text() or ""
        if rel in self.editors:
            self.setCurrentWidget(self.editors[rel])
        choice = dialogs.ask_conflict(self, rel, disk, doc.text)
        if choice == dialogs.RELOAD:
            doc.reload()
            return False
        doc.keep_mine()
        return True

    # -- diagnostics and fixes --------------------------------------------------------------------------------------
    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        by_file: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in diagnostics:
            by_file[d.file].append(d)
        for rel, editor in self.editors.items():
            editor.set_diagnostics(by_file.get(rel, []))

    def apply_fix(self, fix: QuickFix) -> None:
        """Apply a quick fix: each file's edits become one undoable change of its document."""
        by_file: dict[str, list] = defaultdict(list)
        for edit in fix.edits:
            by_file[edit.file].append(edit)
        for rel, edits in by_file.items():
            doc = self.session.document(rel)
            doc.set_text(apply_edits(doc.text, edits))
            if rel not in self.editors:
                self.open_file(rel)


def tab_names(rels: list[str]) -> dict[str, str]:
    """Tab titles: the file name, and for files of the same name the shortest folder part telling them apart
    ('configuration.xml — conf/acme')."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for rel in rels:
        by_name[posixpath.basename(rel)].append(rel)
    names: dict[str, str] = {}
    for name, same in by_name.items():
        if len(same) == 1:
            names[same[0]] = name
            continue
        folders = {rel: posixpath.dirname(rel).split("/") if "/" in rel else [] for rel in same}
        depth = 1
        while depth < max(len(f) for f in folders.values()):
            tails = ["/".join(f[-depth:]) for f in folders.values()]
            if len(set(tails)) == len(tails):
                break
            depth += 1
        for rel, parts in folders.items():
            names[rel] = f"{name} — {'/'.join(parts[-depth:]) or '(root)'}"
    return names
