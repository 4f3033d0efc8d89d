"""The project explorer panel: outline and files, following the disk through the watcher."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from workbench.core.watch import ChangeBatch
from workbench.ui.explorer.model import REL_ROLE, ExplorerModel
from workbench.ui.explorer.watcher import ProjectWatcher


class ExplorerPanel(QWidget):
    """Tree of one project."""

    sig_open_file = Signal(str)
    """Emitted with a path relative to the project root when the user opens a file."""
    sig_files_changed = Signal(object)
    """Emitted with each ChangeBatch after the tree has followed it (editors re-check their files)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = QTreeView()
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)  # keeps 10,000 rows cheap to lay out
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.model: ExplorerModel | None = None
        self.watcher: ProjectWatcher | None = None
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)

    def open_root(self, root: str, title: str, watch: bool = True) -> ExplorerModel:
        """Show a project folder (and start following it)."""
        self.close_root()
        self.model = ExplorerModel(root, title, self)
        self.view.setModel(self.model)
        self.view.expand(self.model.index_of(self.model.outline))
        self.view.expand(self.model.index_of(self.model.files))
        if watch:
            self.watcher = ProjectWatcher(root, self)
            self.watcher.sig_changed.connect(self.apply_changes)
        return self.model

    def close_root(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None
        self.view.setModel(None)
        self.model = None

    def apply_changes(self, batch: ChangeBatch) -> None:
        if self.model is None:
            return
        for rel in sorted(batch.dirs, key=lambda r: r.count("/")):
            self.model.sync_dir(rel)
        self.sig_files_changed.emit(batch)

    def expand_outline(self) -> None:
        if self.model is not None:
            self.view.expandRecursively(self.model.index_of(self.model.outline), 2)

    def _activated(self, index: QModelIndex) -> None:
        rel = index.data(REL_ROLE)
        kind = self.model.node(index).kind if self.model else ""
        if rel and kind in ("file", "outline") and self.model is not None:
            import os
            if os.path.isfile(os.path.join(self.model.root_path, rel)):
                self.sig_open_file.emit(rel)

    def select(self, rel: str) -> None:
        """Reveal and select a file in the tree."""
        if self.model is None:
            return
        node = self.model.find(rel)
        if node is not None:
            index = self.model.index_of(node)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
