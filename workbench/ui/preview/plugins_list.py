"""The Plugins list (like the host's Settings > Plugin): load or unload each plugin, allowUnload honoured."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from workbench.ui.preview.live import PreviewController


class PluginsList(QWidget):
    """One checkable row per plugin the host page runs; hidden ones say why (role, platform, problem)."""

    sig_updated = Signal()
    """The list was re-read from the page."""

    def __init__(self, controller: PreviewController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.list = QListWidget()
        self.note = QLabel("")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        self.list.itemChanged.connect(self._item_changed)
        controller.sig_ready.connect(self.refresh)
        controller.sig_reloaded.connect(lambda *_: self.refresh())
        controller.sig_session.connect(self._bind)

    def _bind(self, session) -> None:
        if session is not None:
            session.sig_state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the plugins as the page runs them."""
        self.controller.page_plugins(self._show)

    def _show(self, states: list[dict]) -> None:
        session = self.controller.session
        self.list.blockSignals(True)
        self.list.clear()
        for state in states:
            name = state.get("name") or state.get("id")
            where = f" · {state['where']}" if state.get("where") else ""
            item = QListWidgetItem(f"{name}  ({state.get('id')}{where})")
            item.setData(Qt.ItemDataRole.UserRole, state.get("id"))
            item.setCheckState(Qt.CheckState.Checked if state.get("started") else Qt.CheckState.Unchecked)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
            tip = str(state.get("description") or "")
            if not state.get("visible"):
                flags = Qt.ItemFlag.NoItemFlags
                tip = str(state.get("why_hidden") or "not offered here")
                item.setText(item.text() + f" — {tip}")
            elif state.get("started") and not state.get("allowUnload"):
                flags = Qt.ItemFlag.NoItemFlags | Qt.ItemFlag.ItemIsUserCheckable
                tip = "allowUnload is false: the host does not let users unload it"
            item.setFlags(flags)
            item.setToolTip(tip)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.note.setText("" if states else self.controller.message if session is None else "")
        self.sig_updated.emit()

    def _item_changed(self, item: QListWidgetItem) -> None:
        plugin_id = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        self.controller.set_plugin_enabled(plugin_id, on, lambda ok: self.refresh())

    def states(self) -> dict[str, bool]:
        """Plugin id -> shown as loaded."""
        return {self.list.item(i).data(Qt.ItemDataRole.UserRole): self.list.item(i).checkState() == Qt.CheckState.Checked
                for i in range(self.list.count())}
