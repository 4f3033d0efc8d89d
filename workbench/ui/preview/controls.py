"""Conference controls: participants (presets), any property, speak/hand/present/spotlight, lock, chat, actions,
and recording the session as a scenario. Every change goes through the controller's ConferenceDriver."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.conference.presets import preset_names, preset_participant
from workbench.sandbox.session.capabilities import DispatchesActions
from workbench.ui.preview.conference_models import ParticipantsModel, PropertiesModel, typed_value
from workbench.ui.preview.live import PreviewController


def _button(text: str, slot, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.clicked.connect(lambda _=False: slot())
    if tip:
        b.setToolTip(tip)
    return b


class ConferencePanel(QWidget):
    """Bound to the controller's session: re-reads the conference after each change (sig_state_changed)."""

    sig_saved = Signal(str)
    """A recorded scenario was saved (its path)."""

    def __init__(self, controller: PreviewController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        conf = lambda: controller.conference  # noqa: E731 (the models read the current session's conference)
        self.participants = ParticipantsModel(conf, self)
        self.properties = PropertiesModel(conf, self._apply_properties, self)
        self.properties.sig_error.connect(lambda message: self.status.setText(f"⚠ {message}"))
        self.table = QTableView()
        self.table.setModel(self.participants)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.props_view = QTableView()
        self.props_view.setModel(self.properties)
        self.props_view.verticalHeader().hide()
        self.props_view.horizontalHeader().setStretchLastSection(True)
        self.props_label = QLabel("Conference properties")

        self.locked = QCheckBox("Locked")
        self.locked.clicked.connect(lambda on: self._drive(lambda d: d.lock(on)))
        self.guests_muted = QCheckBox("Guests muted")
        self.guests_muted.clicked.connect(lambda on: self._drive(lambda d: d.mute_guests(on)))
        self.record_button = QPushButton("● Record")
        self.record_button.setCheckable(True)
        self.record_button.toggled.connect(self._record_toggled)
        self.save_button = _button("Save scenario…", self.ask_save, "Save the recorded steps as a scenario file")
        self.save_button.setEnabled(False)
        top = QHBoxLayout()
        for w in (self.locked, self.guests_muted):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.record_button)
        top.addWidget(self.save_button)

        self.preset = QComboBox()
        self.preset.addItems(preset_names())
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("name (optional)")
        self.new_name.setMinimumWidth(110)
        self.new_name.setToolTip("The name of the participant Add makes join (empty: one from the preset)")
        self.new_name.returnPressed.connect(lambda: self.add_participant())
        joins = QHBoxLayout()  # two short rows rather than one wide one: the controls fit a 640 px preview
        joins.addWidget(self.preset)
        joins.addWidget(self.new_name, 1)
        joins.addWidget(_button("Add", self.add_participant, "A participant of this kind joins"))
        joins.addWidget(_button("Remove", self.remove_selected, "The selected participant leaves"))
        actions = QHBoxLayout()
        for text, slot, tip in (("Speak", lambda: self._on_selected(lambda d, u: d.speak(u)), "Voice activity"),
                                ("Hand", self._toggle("buzzTime", lambda d, u, on: d.raise_hand(u, on)),
                                 "Raise or lower the hand"),
                                ("Present", self._toggle("presenting", lambda d, u, on: d.present(u, on)),
                                 "Start or stop presenting"),
                                ("Spotlight", self._toggle("spotlight", lambda d, u, on: d.spotlight(u, on)),
                                 "Spotlight on or off"),
                                ("Mute", self._toggle("muted", lambda d, u, on: d.update(u, {"muted": on})),
                                 "Mute or unmute")):
            actions.addWidget(_button(text, slot, tip))
        actions.addStretch(1)

        self.prop_edit = QLineEdit()
        self.prop_edit.setPlaceholderText('key = value (JSON), e.g. isExternal = true')
        self.prop_edit.returnPressed.connect(self.set_property_from_text)
        conf_button = _button("Conference", lambda: self.table.clearSelection(), "Edit the conference's properties")
        prop_row = QHBoxLayout()
        prop_row.addWidget(self.props_label, 1)
        prop_row.addWidget(conf_button)
        prop_row.addWidget(self.prop_edit, 2)

        self.chat_from = QComboBox()
        self.chat_text = QLineEdit()
        self.chat_text.setPlaceholderText("A chat message into the conference")
        self.chat_text.returnPressed.connect(self.send_chat)
        chat_row = QHBoxLayout()
        chat_row.addWidget(QLabel("Chat from"))
        chat_row.addWidget(self.chat_from)
        chat_row.addWidget(self.chat_text, 1)
        chat_row.addWidget(_button("Send", self.send_chat))

        self.action_type = QComboBox()
        self.action_type.setEditable(True)
        self.action_payload = QLineEdit()
        self.action_payload.setPlaceholderText("payload (JSON, optional)")
        action_row = QHBoxLayout()
        action_row.addWidget(QLabel("Action"))
        action_row.addWidget(self.action_type, 1)
        action_row.addWidget(self.action_payload, 1)
        action_row.addWidget(_button("Dispatch", self.dispatch))

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(prop_row)
        lower_layout.addWidget(self.props_view)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.table.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(joins)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        layout.addLayout(chat_row)
        layout.addLayout(action_row)
        self.status = QLabel("")
        layout.addWidget(self.status)
        controller.sig_session.connect(self.bind)
        self.bind(controller.session)

    def reset(self) -> None:
        """Nothing recorded, nothing typed, no message (another project opened)."""
        self.record_button.blockSignals(True)
        self.record_button.setChecked(False)
        self.record_button.setText("● Record")
        self.record_button.blockSignals(False)
        self.save_button.setEnabled(False)
        for edit in (self.prop_edit, self.chat_text, self.action_payload):
            edit.clear()
        self.status.setText("")

    # -- binding ------------------------------------------------------------------------------------------------
    def bind(self, session) -> None:
        """Follow a new session (or none)."""
        if session is not None:
            session.sig_state_changed.connect(self.refresh)
        self.setEnabled(self.controller.conference is not None)
        self.action_type.clear()
        if isinstance(session, DispatchesActions):
            self.action_type.addItems(session.action_types())
        self.action_type.setEnabled(isinstance(session, DispatchesActions))
        self.refresh()

    def refresh(self) -> None:
        """Re-read the conference (after any change, from the page, a plugin, or these controls)."""
        selected = self.selected_uuid()
        self.participants.refresh()
        conf = self.controller.conference
        if conf is None:
            self.properties.refresh()
            return
        if selected in conf.participants:
            row = self.participants.uuids().index(selected)
            self.table.selectionModel().select(self.participants.index(row, 0), QItemSelectionModel.SelectionFlag.
                                               ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        elif self.properties.subject is not None:
            self.properties.set_subject(None)
        self.properties.refresh()
        for box, key in ((self.locked, "locked"), (self.guests_muted, "guestsMuted")):
            box.blockSignals(True)
            box.setChecked(bool(conf.details.get(key)))
            box.blockSignals(False)
        current = selected if selected in conf.participants and selected != conf.self_uuid else \
            self.chat_from.currentData()
        self.chat_from.blockSignals(True)
        self.chat_from.clear()
        for uid, p in conf.participants.items():
            if uid != conf.self_uuid:
                self.chat_from.addItem(str(p["name"]), uid)
        if current is not None and self.chat_from.findData(current) >= 0:
            self.chat_from.setCurrentIndex(self.chat_from.findData(current))
        self.chat_from.blockSignals(False)

    def selected_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(0x0100) if rows else None  # Qt.UserRole

    def select(self, uuid: str) -> None:
        row = self.participants.uuids().index(uuid)
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        uid = self.selected_uuid()
        conf = self.controller.conference
        if uid != self.properties.subject:
            self.properties.set_subject(uid)
        name = conf.participants[uid]["name"] if conf is not None and uid in conf.participants else None
        self.props_label.setText(f"Properties of {name}" if name else "Conference properties")
        if uid is not None and self.chat_from.findData(uid) >= 0:  # chat from whoever is selected
            self.chat_from.setCurrentIndex(self.chat_from.findData(uid))

    # -- actions ----------------------------------------------------------------------------------------------------
    def _drive(self, change) -> bool:
        driver = self.controller.driver
        if driver is None:
            return False
        try:
            change(driver)
        except (KeyError, ValueError) as exc:
            self.status.setText(f"⚠ {exc.args[0] if exc.args else exc}")
            return False
        self.status.setText("")
        return True

    def _on_selected(self, change) -> None:
        uid = self.selected_uuid()
        if uid is None:
            self.status.setText("Select a participant first")
            return
        self._drive(lambda d: change(d, uid))

    def _toggle(self, key: str, change):
        def run() -> None:
            conf = self.controller.conference
            uid = self.selected_uuid()
            on = not bool(conf.participants[uid].get(key)) if conf is not None and uid in conf.participants else True
            self._on_selected(lambda d, u: change(d, u, on))
        return run

    def add_participant(self, preset: str | None = None) -> str | None:
        """A participant of the chosen preset joins; returns its uuid."""
        conf = self.controller.conference
        if conf is None:
            return None
        props = preset_participant(preset or self.preset.currentText(),
                                   [str(p["name"]) for p in conf.participants.values()])
        name = self.new_name.text().strip()
        if name:
            props["name"] = name
        box: dict = {}
        self._drive(lambda d: box.setdefault("uuid", d.join(props)))
        if box.get("uuid"):
            self.new_name.clear()
            self.select(box["uuid"])
        return box.get("uuid")

    def remove_selected(self) -> None:
        conf = self.controller.conference
        uid = self.selected_uuid()
        if conf is not None and uid == conf.self_uuid:
            self.status.setText("The local participant cannot leave the preview's conference")
            return
        self._on_selected(lambda d, u: d.leave(u))

    def _apply_properties(self, subject: str | None, changes: dict) -> None:
        if subject is None:
            self._drive(lambda d: d.update_conference(changes))
        else:
            self._drive(lambda d: d.update(subject, changes))

    def set_property_from_text(self) -> None:
        """'key = value' in the line edit sets a property of the selection (or of the conference)."""
        key, sep, value = self.prop_edit.text().partition("=")
        if not sep or not key.strip():
            self.status.setText("Write key = value")
            return
        subject = self.selected_uuid()
        conf = self.controller.conference
        props = (conf.details if subject is None else conf.participants.get(subject, {})) if conf else {}
        try:
            typed = typed_value(key.strip(), props.get(key.strip()), value.strip())
        except ValueError as exc:
            self.status.setText(f"⚠ {exc}")
            return
        self._apply_properties(subject, {key.strip(): typed})
        self.prop_edit.clear()

    def send_chat(self) -> None:
        text = self.chat_text.text()
        sender = self.chat_from.currentData()
        if not text or sender is None:
            return
        if self._drive(lambda d: d.chat(sender, text)):
            self.chat_text.clear()

    def dispatch(self) -> None:
        type_ = self.action_type.currentText().strip()
        raw = self.action_payload.text().strip()
        try:
            payload = json.loads(raw) if raw else None
        except ValueError as exc:
            self.status.setText(f"⚠ the payload is not JSON: {exc}")
            return
        if type_:
            self._drive(lambda d: d.dispatch(type_, payload))

    # -- recording ------------------------------------------------------------------------------------------------
    def _record_toggled(self, on: bool) -> None:
        if on:
            self.controller.start_recording()
            self.record_button.setText("■ Stop")
            self.status.setText("Recording: your steps in the controls and the page become a scenario")
        else:
            self.controller.stop_recording()
            self.record_button.setText("● Record")
            n = len(self.controller.recorder.steps)
            self.status.setText(f"Recorded {n} step(s)")
        self.save_button.setEnabled(bool(self.controller.recorder.header))

    def ask_save(self) -> None:
        default = self.controller.default_scenario_path()
        path, _ = QFileDialog.getSaveFileName(self, "Save the recorded scenario", str(default),
                                              "Scenarios (*.yaml *.yml)")
        if path:
            self.save(path)

    def save(self, path: str) -> str:
        saved = self.controller.save_recording(path)
        self.status.setText(f"Saved {saved.name}: run it with `workbench test`")
        self.sig_saved.emit(str(saved))
        return str(saved)
