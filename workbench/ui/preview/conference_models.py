"""Table models over the one simulated conference: they read it on demand and never keep a copy of its state."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

COLUMNS = [("name", "Name"), ("role", "Role"), ("muted", "Muted"), ("vad", "Speaking"), ("buzzTime", "Hand"),
           ("presenting", "Presenting"), ("spotlight", "Spotlight"), ("isStreaming", "Streaming"),
           ("protocol", "Protocol"), ("uuid", "uuid")]


def cell_text(key: str, value: Any) -> str:
    if key in ("buzzTime", "spotlight", "vad"):
        return "✓" if value else ""
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def parse_value(text: str) -> Any:
    """What the user typed: JSON when it parses (true, 3, {"a": 1}), else the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def typed_value(key: str, old: Any, text: str) -> Any:
    """What the user typed for a property that has a value: of the same type (a number may become a float or an
    int, anything may become null); ValueError saying what the property takes otherwise."""
    value = parse_value(text)
    if old is None or value is None:
        return value
    kinds = {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a JSON list",
             dict: "a JSON object"}
    want, got = type(old), type(value)
    same = want is got or (want in (int, float) and got in (int, float))
    if want is str and got is not str:
        return text  # text that happens to parse (a number) stays the text typed
    if not same:
        raise ValueError(f"{key} takes {kinds.get(want, want.__name__)}: {text!r} was not stored")
    return value


class ParticipantsModel(QAbstractTableModel):
    """The conference's participants, the local one first."""

    def __init__(self, conference: Callable[[], Any], parent=None):
        super().__init__(parent)
        self._conference = conference

    def uuids(self) -> list[str]:
        conf = self._conference()
        return list(conf.participants) if conf is not None else []

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.uuids())

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        conf = self._conference()
        uuids = self.uuids()
        if conf is None or not index.isValid() or index.row() >= len(uuids):
            return None
        p = conf.participants[uuids[index.row()]]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            text = cell_text(key, p.get(key))
            if key == "name" and p["uuid"] == conf.self_uuid:
                text += " (you)"
            return text
        if role == Qt.ItemDataRole.UserRole:
            return p["uuid"]
        return None


class PropertiesModel(QAbstractTableModel):
    """Every property of one participant (or of the conference), values editable as JSON of the property's type."""

    sig_error = Signal(str)
    """Emitted with what went wrong when a typed value does not fit the property."""

    def __init__(self, conference: Callable[[], Any], apply: Callable[[str | None, dict], None], parent=None):
        super().__init__(parent)
        self._conference = conference
        self._apply = apply
        self.subject: str | None = None  # a participant uuid, or None for the conference

    def _props(self) -> dict:
        conf = self._conference()
        if conf is None:
            return {}
        if self.subject is None:
            return conf.details
        return conf.participants.get(self.subject, {})

    def keys(self) -> list[str]:
        return sorted(self._props())

    def set_subject(self, uuid: str | None) -> None:
        self.beginResetModel()
        self.subject = uuid
        self.endResetModel()

    def refresh(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._props())

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 2

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return ("Property", "Value (JSON)")[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        keys = self.keys()
        if not index.isValid() or index.row() >= len(keys):
            return None
        key = keys[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return key if index.column() == 0 else json.dumps(self._props().get(key), ensure_ascii=False,
                                                              default=str)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = self.keys()[index.row()] if index.isValid() and index.row() < len(self.keys()) else ""
        if index.column() == 1 and key != "uuid":
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        key = self.keys()[index.row()]
        try:
            typed = typed_value(key, self._props().get(key), str(value))
        except ValueError as exc:
            self.sig_error.emit(str(exc))
            return False
        self._apply(self.subject, {key: typed})
        return True
