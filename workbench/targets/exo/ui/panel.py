"""eXo's "Web Conferencing" panel: the current user, the page's context (a user's popover, a space, a chat room),
who has an IM account of the connector's type, incoming calls, and the provider's settings from its XML. While
recording, each control becomes a scenario step (`context`, `account`, `incoming`)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.preview.host_controls import HostPanel

CONTEXT_KINDS = (("user", "User popover"), ("space", "Space"), ("chat_room", "Chat room"))
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def account_label(has_account: bool) -> str:
    return "has an account" if has_account else "no account"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _item(text: str, data: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(READ_ONLY)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class WebConferencingPanel(HostPanel):
    """Bound to one eXo session; every control calls the session's public controls."""

    TITLE = "Web Conferencing"

    def __init__(self, session, parent: QWidget | None = None, recorder=None):
        super().__init__(session, parent, recorder)
        type_ = session.connector_type
        self.me_label = QLabel()
        self.kind = QComboBox()
        for kind, label in CONTEXT_KINDS:
            self.kind.addItem(label, kind)
        self.kind.activated.connect(lambda _i: self._kind_chosen())
        self.target = QComboBox()
        self.target.setMinimumContentsLength(12)
        self.target.activated.connect(lambda _i: self._target_chosen())
        self.members = QLineEdit()
        self.members.setPlaceholderText("member ids, comma-separated (you are always a member)")
        self.members.returnPressed.connect(self.show_context)
        show_button = QPushButton("Show")
        show_button.setToolTip("Show this page and ask the connector for its call button")
        show_button.clicked.connect(lambda _=False: self.show_context())
        context_row = QHBoxLayout()
        context_row.addWidget(self.kind)
        context_row.addWidget(self.target, 1)
        context_row.addWidget(show_button)
        self.caller = QComboBox()
        self.call_id = QLineEdit()
        self.call_id.setPlaceholderText("call id (default p/<caller>-<you>)")
        self.incoming_button = QPushButton("Simulate incoming call")
        self.incoming_button.setToolTip("A call_state 'started' update for the current user, through onUserUpdate")
        self.incoming_button.clicked.connect(lambda _=False: self.simulate_incoming())
        call_row = QHBoxLayout()
        call_row.addWidget(self.caller)
        call_row.addWidget(self.call_id, 1)
        call_row.addWidget(self.incoming_button)
        self.provider = QComboBox()
        for p in session.providers():
            self.provider.addItem(f"{p['title']} ({p['type']})", p["type"])
        self.provider.setCurrentIndex(max(0, self.provider.findData(session.connector_type)))
        self.provider.setToolTip("The add-on's call providers: the one whose call button the page shows")
        self.provider.activated.connect(lambda _i: self.preview_provider())
        form = QFormLayout()
        if self.provider.count() > 1:
            form.addRow("Provider", self.provider)
        form.addRow("Current user", self.me_label)
        form.addRow("Context", context_row)
        form.addRow("Members", self.members)
        form.addRow("Call from", call_row)

        self.users = _table(["User", "Name", f"{type_} IM account"])
        self.users.itemChanged.connect(self._account_changed)
        users_tab = QWidget()
        users_layout = QVBoxLayout(users_tab)
        users_layout.setContentsMargins(2, 2, 2, 2)
        note = QLabel(f"Connectors offer calls only between users who have an IM account of their type ({type_}).")
        note.setWordWrap(True)
        users_layout.addWidget(note)
        users_layout.addWidget(self.users, 1)
        self.settings = _table(["Setting", "Value (JSON)", "From"])
        self.settings.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked |
                                      QAbstractItemView.EditTrigger.EditKeyPressed)
        self.settings.itemChanged.connect(self._setting_changed)
        settings_tab = QWidget()
        settings_layout = QVBoxLayout(settings_tab)
        settings_layout.setContentsMargins(2, 2, 2, 2)
        source = QLabel("What configure(settings) gets, built as eXo builds it: the core's fields, the provider's "
                        "Java getSettings(), the configuration XML. Double-click a value to try another one (JSON; "
                        "the page loads again).")
        source.setWordWrap(True)
        settings_layout.addWidget(source)
        settings_layout.addWidget(self.settings, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(users_tab, "Users and IM accounts")
        self.tabs.addTab(settings_tab, "Provider settings")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.recording_row())
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._show_settings()
        self.follow(session.sig_state_changed, self.refresh_soon)
        self.follow(session.sig_ready, self._show_settings)
        self.refresh()
        if session.ready:
            self._first_context()
        else:
            self.follow(session.sig_ready, self._first_context)

    def _first_context(self) -> None:
        """An empty page helps nobody: once the page is up, show the first other user's popover."""
        if self.session.context is None:
            self.show_context()

    # -- showing the session ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the session's current user, context, people and their accounts."""
        s = self.session
        people = s.people()
        me = next((p for p in people if p["current"]), {"id": s.current_user, "title": s.current_user})
        self.me_label.setText(f"<b>{me['title']}</b> (@{me['id']})")
        context = s.context or {}
        if context.get("type"):
            self.kind.setCurrentIndex(max(0, self.kind.findData(context["type"])))
        self._fill_targets(context.get("id"))
        if context.get("members") is not None and not self.members.hasFocus():
            self.members.setText(", ".join(map(str, context["members"])))
        caller = self.caller.currentData()
        self.caller.clear()
        for p in people:
            if not p["current"]:
                self.caller.addItem(f"{p['title']} (@{p['id']})", p["id"])
        if caller is not None and self.caller.findData(caller) >= 0:
            self.caller.setCurrentIndex(self.caller.findData(caller))
        if self._shown_people() != [(p["id"], p["title"], p["has_account"], account_label(p["has_account"]))
                                    for p in people]:
            self._show_people(people)

    def _shown_people(self) -> list[tuple[str, str, bool, str]]:
        rows = []
        for row in range(self.users.rowCount()):
            account = self.users.item(row, 2)
            rows.append((account.data(Qt.ItemDataRole.UserRole), self.users.item(row, 1).text(),
                         account.checkState() == Qt.CheckState.Checked, account.text()))
        return rows

    def _show_people(self, people: list[dict]) -> None:
        self.users.blockSignals(True)
        self.users.setRowCount(0)
        for p in people:
            row = self.users.rowCount()
            self.users.insertRow(row)
            self.users.setItem(row, 0, _item(p["id"] + (" (you)" if p["current"] else ""), p["id"]))
            self.users.setItem(row, 1, _item(p["title"]))
            account = QTableWidgetItem(account_label(p["has_account"]))
            account.setFlags(READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable)
            account.setCheckState(Qt.CheckState.Checked if p["has_account"] else Qt.CheckState.Unchecked)
            account.setData(Qt.ItemDataRole.UserRole, p["id"])
            self.users.setItem(row, 2, account)
        self.users.blockSignals(False)

    def _show_settings(self) -> None:
        self.settings.blockSignals(True)
        self.settings.setRowCount(0)
        for name, value, origin in self.session.provider_settings():
            row = self.settings.rowCount()
            self.settings.insertRow(row)
            self.settings.setItem(row, 0, _item(name, name))
            editable = QTableWidgetItem(value)
            editable.setFlags(READ_ONLY | Qt.ItemFlag.ItemIsEditable)
            editable.setData(Qt.ItemDataRole.UserRole, name)
            self.settings.setItem(row, 1, editable)
            self.settings.setItem(row, 2, _item(origin))
        self.settings.blockSignals(False)

    def _setting_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        text = item.text().strip()
        try:
            value = json.loads(text)
        except ValueError:
            value = text  # a bare word is taken as a string
        self.control(lambda: self.session.set_setting(name, value), f"{name} is {json.dumps(value)} now")

    def preview_provider(self) -> None:
        """Preview the provider chosen in the combo box (the page loads again)."""
        type_ = self.provider.currentData()
        if type_ and type_ != self.session.connector_type:
            self.control(lambda: self.session.preview_provider(type_), f"previewing {type_}")

    def _fill_targets(self, selected: str | None = None) -> None:
        """The users (others than you), spaces or rooms the chosen kind of context can show."""
        kind = self.kind.currentData()
        current = selected or self.target.currentData()
        self.target.clear()
        if kind == "user":
            for p in self.session.people():
                if not p["current"]:
                    self.target.addItem(f"{p['title']} (@{p['id']})", p["id"])
        else:
            for place in self.session.places(kind):
                self.target.addItem(f"{place['title']} ({place['id']})", place["id"])
        if current is not None and self.target.findData(current) >= 0:
            self.target.setCurrentIndex(self.target.findData(current))
        self.members.setEnabled(kind != "user")

    def _configured_members(self) -> list[str]:
        place = next((p for p in self.session.places(self.kind.currentData())
                      if p["id"] == self.target.currentData()), None)
        return list(place["members"]) if place is not None else []

    # -- controls -------------------------------------------------------------------------------------------------------
    def _kind_chosen(self) -> None:
        self._fill_targets()
        self._target_chosen()

    def _target_chosen(self) -> None:
        self.members.setText(", ".join(self._configured_members()))
        self.show_context()

    def show_context(self) -> None:
        """Show the chosen context in the page (a group with the members written here)."""
        kind, target = self.kind.currentData(), self.target.currentData()
        spec = {"type": kind, "id": target}
        if kind != "user":
            spec["members"] = [m.strip() for m in self.members.text().split(",") if m.strip()]
        if self.control(lambda: self.session.set_context(spec), f"showing {self.kind.currentText().lower()} {target}"):
            self.record("context", spec)

    def _account_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 2:
            return
        user = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        if self.control(lambda: self.session.set_user_account(user, on),
                        f"{user} {'has' if on else 'has no'} {self.session.connector_type} account now"):
            self.record("account", {"user": user, "has": on})

    def simulate_incoming(self) -> None:
        """The chosen user calls the current one."""
        caller = self.caller.currentData()
        call_id = self.call_id.text().strip() or None

        def delivered(count) -> str:
            return (f"incoming call from {caller} delivered to {count} listener(s)" if count else
                    f"incoming call from {caller}: nobody listens (the connector's init() did not "
                    "call webConferencing.onUserUpdate for the current user)")

        if self.control(lambda: self.session.simulate_incoming(caller, call_id), describe=delivered):
            self.record("incoming", {"from": caller, **({"callId": call_id} if call_id else {})})


def make_panel(session, recorder=None, parent=None) -> WebConferencingPanel:
    """The eXo host panel for the preview."""
    return WebConferencingPanel(session, parent, recorder)
