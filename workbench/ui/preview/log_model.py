"""The host log as a Qt model: entries appended in batches, formatted lazily and bounded, filtered by kind and text."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QColor

from workbench.core.hostlog import ACTION, CALL, CONSOLE, ERROR, HOST, NETWORK, WARNING, LogEntry

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_LIMIT = 400  # characters of one log line: a megabyte payload must not be laid out in full
DETAIL_LIMIT = 6000
MAX_ROWS = 20000
COLORS = {ERROR: "#d73a49", WARNING: "#b08800", NETWORK: "#e36209", CALL: "#0366d6", ACTION: "#6f42c1",
          CONSOLE: "#586069", HOST: "#22863a"}


def summarize(value: Any, limit: int = DETAIL_LIMIT) -> str:
    """Readable, bounded text of any value: cycles are named, long strings and big containers are cut."""
    out: list[str] = []
    budget = [limit]
    seen: set[int] = set()

    def put(text: str) -> bool:
        if budget[0] <= 0:
            return False
        out.append(text[: budget[0]])
        budget[0] -= len(text)
        return budget[0] > 0

    def walk(v: Any, depth: int) -> None:
        if budget[0] <= 0:
            return
        if isinstance(v, (dict, list, tuple)):
            if id(v) in seen:
                put("[Circular]")
                return
            if depth > 8:
                put("{…}" if isinstance(v, dict) else "[…]")
                return
            seen.add(id(v))
            items = list(v.items()) if isinstance(v, dict) else list(enumerate(v))
            put("{" if isinstance(v, dict) else "[")
            for n, (k, item) in enumerate(items):
                if n:
                    put(", ")
                if n >= 50:
                    put(f"… {len(items) - 50} more")
                    break
                if isinstance(v, dict) and not put(json.dumps(str(k), ensure_ascii=False) + ": "):
                    break
                walk(item, depth + 1)
            put("}" if isinstance(v, dict) else "]")
            seen.discard(id(v))
            return
        if isinstance(v, str):
            text = v if len(v) <= 500 else v[:500] + f"… ({len(v)} characters)"
            put(json.dumps(text, ensure_ascii=False))
            return
        put(json.dumps(v) if isinstance(v, (int, float, bool)) or v is None else repr(v)[:200])

    walk(value, 0)
    text = "".join(out)
    return text if budget[0] > 0 else text + " …"


def entry_line(entry: LogEntry) -> str:
    """One line of the log view: kind, message (cut), and where an error was thrown."""
    message = entry.message.replace("\n", " ⏎ ")
    if len(message) > LINE_LIMIT:
        message = message[:LINE_LIMIT] + f"… ({len(entry.message)} characters)"
    where = ""
    if entry.data.get("file"):
        where = f"  → {entry.data['file']}:{entry.data.get('line', 0)}:{entry.data.get('column', 0)}"
    return f"{entry.kind:<8} {message}{where}"


def entry_details(entry: LogEntry) -> str:
    """The tooltip: message, then the data (arguments, result, stack...) summarised."""
    head = entry.message if len(entry.message) <= DETAIL_LIMIT else entry.message[:DETAIL_LIMIT] + "…"
    parts = [head]
    stack = entry.data.get("stack")
    if stack:
        parts.append(str(stack)[:2000])
    rest = {k: v for k, v in entry.data.items() if k != "stack"}
    if rest:
        parts.append(summarize(rest))
    return "\n".join(parts)


class LogModel(QAbstractListModel):
    """Rows are LogEntry objects; new ones are appended every 50 ms in one batch (a flood stays cheap)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[LogEntry] = []
        self._incoming: list[LogEntry] = []
        self._lines: dict[int, str] = {}  # seq -> formatted line, filled when a row is first shown
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(50)
        self._flush.timeout.connect(self.flush)

    def append(self, entry: LogEntry) -> None:
        self._incoming.append(entry)
        if not self._flush.isActive():
            self._flush.start()

    def flush(self) -> None:
        """Insert the entries received since the last flush."""
        batch, self._incoming = self._incoming[-MAX_ROWS:], []
        if not batch:
            return
        overflow = len(self.entries) + len(batch) - MAX_ROWS
        if overflow > 0:
            overflow = min(overflow, len(self.entries))
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            for e in self.entries[:overflow]:
                self._lines.pop(e.seq, None)
            del self.entries[:overflow]
            self.endRemoveRows()
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self.entries.extend(batch)
        self.endInsertRows()

    def reset(self, entries: list[LogEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries[-MAX_ROWS:])
        self._incoming = []
        self._lines.clear()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            line = self._lines.get(entry.seq)
            if line is None:
                line = self._lines[entry.seq] = entry_line(entry)
            return line
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry_details(entry)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(COLORS.get(entry.kind, "#24292e"))
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.FontRole and entry.data.get("file"):
            from PySide6.QtGui import QFont
            font = QFont()
            font.setUnderline(True)  # an error with a place: double-click opens the file at the line
            return font
        return None


class LogFilter(QSortFilterProxyModel):
    """Shows the entries of the chosen kinds whose text contains the search (case-insensitive)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kinds: set[str] = {CALL, ACTION, CONSOLE, ERROR, WARNING, NETWORK, HOST}
        self.text = ""

    def set_kinds(self, kinds: set[str]) -> None:
        self._refilter(lambda: setattr(self, "kinds", set(kinds)))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "text", text.strip().lower()))

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        entry = self.sourceModel().entries[row]
        if entry.kind not in self.kinds:
            return False
        if not self.text:
            return True
        return self.text in entry.message[:20000].lower() or self.text in str(entry.data.get("file", "")).lower()
