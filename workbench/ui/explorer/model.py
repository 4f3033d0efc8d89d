"""The explorer's item model: the target's first-class nodes (plugins and their files) above the project's files.

A plain Python tree behind a QAbstractItemModel: listing 10,000 files is one os.scandir walk, and file events
re-list only the folders they touch, inserting and removing rows in place so expansion and selection survive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from workbench.core.files import SKIPPED_DIRS
from workbench.core.project import OutlineNode

REL_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
BULK = 200  # above this many changes in one folder, replace its rows in one go


@dataclass(eq=False)
class Node:
    name: str
    kind: str  # 'dir' | 'file' | 'outline' | 'section'
    rel: str | None = None  # the file or folder it stands for, relative to the project root
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    detail: str = ""

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def sort_key(node: Node) -> tuple:
    return (node.kind != "dir", node.name.lower(), node.name)


def scan(folder: str, rel: str, parent: Node) -> None:
    """Fill parent with the folder's entries, recursively (skipped folders left out)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    children = []
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if is_dir and entry.name in SKIPPED_DIRS:
            continue
        child_rel = f"{rel}/{entry.name}" if rel else entry.name
        node = Node(entry.name, "dir" if is_dir else "file", child_rel, parent)
        if is_dir:
            scan(entry.path, child_rel, node)
        children.append(node)
    children.sort(key=sort_key)
    parent.children = children


class ExplorerModel(QAbstractItemModel):
    """Outline section + file tree of one project."""

    def __init__(self, root: str, title: str = "", parent=None):
        super().__init__(parent)
        self.root_path = root
        self.invisible = Node("", "section")
        self.outline = Node(title or "Project", "section", None, self.invisible)
        self.files = Node(os.path.basename(root.rstrip("/")) or root, "dir", "", self.invisible)
        self.invisible.children = [self.outline, self.files]
        scan(root, "", self.files)
        style = QApplication.style()
        self.icons = {
            "dir": style.standardIcon(QStyle.StandardPixmap.SP_DirIcon),
            "file": style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
            "section": style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon),
            "plugin": style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            "outline": style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
        }

    # -- Qt model API -----------------------------------------------------------------------------------------------
    def node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.invisible

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        node = self.node(parent)
        if 0 <= row < len(node.children) and column == 0:
            return self.createIndex(row, 0, node.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self.invisible:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 1

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return bool(self.node(parent).children)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.name
        if role == Qt.ItemDataRole.DecorationRole:
            if node.kind == "outline":
                return self.icons["plugin" if node.detail == "plugin" else "file" if node.rel else "outline"]
            return self.icons.get(node.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.rel or node.detail or node.name
        if role == REL_ROLE:
            return node.rel
        if role == KIND_ROLE:
            return node.kind
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- lookups ----------------------------------------------------------------------------------------------------
    def index_of(self, node: Node) -> QModelIndex:
        if node is self.invisible:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def find(self, rel: str) -> Node | None:
        """The file-tree node of a path relative to the root."""
        node = self.files
        if not rel:
            return node
        for part in rel.split("/"):
            node = next((c for c in node.children if c.name == part), None)
            if node is None:
                return None
        return node

    def file_paths(self) -> list[str]:
        out: list[str] = []
        stack = [self.files]
        while stack:
            node = stack.pop()
            for c in node.children:
                if c.kind == "dir":
                    stack.append(c)
                else:
                    out.append(c.rel)
        return sorted(out)

    # -- live updates -----------------------------------------------------------------------------------------------
    def sync_dir(self, rel: str) -> None:
        """Re-list one folder: rows for vanished entries removed, new ones inserted in place (new folders scanned)."""
        node = self.find(rel)
        full = os.path.join(self.root_path, rel) if rel else self.root_path
        if node is None or node.kind != "dir":
            if rel:
                self.sync_dir(rel.rsplit("/", 1)[0] if "/" in rel else "")
            return
        fresh = Node(node.name, "dir", node.rel)
        if os.path.isdir(full):
            try:
                names = {e.name: e.is_dir(follow_symlinks=False) for e in os.scandir(full)}
            except OSError:
                names = {}
        else:
            names = {}
        names = {n: d for n, d in names.items() if not (d and n in SKIPPED_DIRS)}
        current = {c.name: c for c in node.children}
        gone = [c for c in node.children if c.name not in names or (c.kind == "dir") != names[c.name]]
        new = [n for n, d in names.items() if n not in current or (current[n].kind == "dir") != d]
        if not gone and not new:
            return
        parent_index = self.index_of(node)
        if len(gone) + len(new) > BULK:
            if node.children:
                self.beginRemoveRows(parent_index, 0, len(node.children) - 1)
                node.children = []
                self.endRemoveRows()
            scan(full, rel, fresh)
            for c in fresh.children:
                c.parent = node
            if fresh.children:
                self.beginInsertRows(parent_index, 0, len(fresh.children) - 1)
                node.children = fresh.children
                self.endInsertRows()
            return
        for child in gone:
            row = node.children.index(child)
            self.beginRemoveRows(parent_index, row, row)
            node.children.pop(row)
            self.endRemoveRows()
        for name in sorted(new):
            child_rel = f"{rel}/{name}" if rel else name
            child = Node(name, "dir" if names[name] else "file", child_rel, node)
            if names[name]:
                scan(os.path.join(full, name), child_rel, child)
            keys = [sort_key(c) for c in node.children]
            row = next((i for i, k in enumerate(keys) if k > sort_key(child)), len(keys))
            self.beginInsertRows(parent_index, row, row)
            node.children.insert(row, child)
            self.endInsertRows()

    def set_outline(self, title: str, nodes: list[OutlineNode]) -> None:
        """Replace the first-class nodes (plugins and their files) under the outline section."""
        section = self.outline
        index = self.index_of(section)
        if section.name != title:
            section.name = title
            self.dataChanged.emit(index, index)
        fresh = [self._outline_node(n, section) for n in nodes]
        if self._same(section.children, fresh):
            return
        if section.children:
            self.beginRemoveRows(index, 0, len(section.children) - 1)
            section.children = []
            self.endRemoveRows()
        if fresh:
            self.beginInsertRows(index, 0, len(fresh) - 1)
            section.children = fresh
            self.endInsertRows()

    def _outline_node(self, item: OutlineNode, parent: Node) -> Node:
        node = Node(item.label, "outline", item.file, parent, detail=item.kind)
        node.children = [self._outline_node(c, node) for c in item.children]
        return node

    def _same(self, a: list[Node], b: list[Node]) -> bool:
        return len(a) == len(b) and all(x.name == y.name and x.rel == y.rel and x.detail == y.detail and
                                        self._same(x.children, y.children) for x, y in zip(a, b, strict=True))

    def persistent(self, node: Node) -> QPersistentModelIndex:
        return QPersistentModelIndex(self.index_of(node))
