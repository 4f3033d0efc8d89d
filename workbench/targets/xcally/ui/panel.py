"""XCALLY's "Plugin process" panel: start / stop / restart / kill a script plugin as App Zone does, its restart
policy and environment (kept in the project's settings for its next session); the admin / agent view and who sees
the plugin in Motion's sidebar. While recording, each control becomes a scenario step."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.trust import trust
from workbench.targets.xcally.process import RUNNING, STOPPING, WAITING_RESTART
from workbench.targets.xcally.settings import save_process
from workbench.targets.xcally.shapes import DEFAULT_ICON, DEFAULT_SIDEBAR, ROLES
from workbench.ui.preview.host_controls import HostPanel

STATE_COLOURS = {RUNNING: "#2da44e", WAITING_RESTART: "#d4a72c", STOPPING: "#d4a72c"}
STOPPED_COLOUR = "#cf222e"
WHO = {"admin": "Admins", "agent": "Agents"}


def _button(text: str, slot, tip: str) -> QPushButton:
    b = QPushButton(text)
    b.setToolTip(tip)
    b.clicked.connect(lambda _=False: slot())
    return b


def describe_process(info: dict, delay_s: float) -> str:
    """One line for the process: state with pid and port, or when it comes back."""
    state = info["state"]
    colour = STATE_COLOURS.get(state, STOPPED_COLOUR)
    text = f"<b style='color:{colour}'>●</b> <b>{escape(str(info['name']))}</b> {state}"
    if info.get("pid"):
        text += f" · pid {info['pid']}"
    if info.get("port"):
        text += f" · port {info['port']}"
    elif state == RUNNING:
        text += " · not listening yet"
    if state == WAITING_RESTART:
        text += f" · restarts {delay_s:g} s after the exit"
    return text


class EnvTable(QTableWidget):
    """Variable / value rows; blank names are ignored (a row being typed)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Variable", "Value"])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def values(self) -> dict[str, str]:
        """The variables shown, in row order."""
        env: dict[str, str] = {}
        for row in range(self.rowCount()):
            key, value = self.item(row, 0), self.item(row, 1)
            name = key.text().strip() if key is not None else ""
            if name:
                env[name] = value.text() if value is not None else ""
        return env

    def show_values(self, env: dict[str, str]) -> None:
        """Show these variables (no itemChanged while filling)."""
        self.blockSignals(True)
        self.setRowCount(0)
        for name, value in env.items():
            row = self.rowCount()
            self.insertRow(row)
            self.setItem(row, 0, QTableWidgetItem(name))
            self.setItem(row, 1, QTableWidgetItem(value))
        self.blockSignals(False)


class ProcessPanel(HostPanel):
    """Bound to one XCALLY session; every control calls the session's public controls."""

    TITLE = "Plugin process"

    def __init__(self, session, parent: QWidget | None = None, recorder=None):
        super().__init__(session, parent, recorder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.recording_row())
        self.process_box = self._process_group() if session.process_info() is not None else None
        if self.process_box is not None:
            layout.addWidget(self.process_box, 1)
        else:
            note = QLabel("An html plugin has no process: App Zone shows its views (parameters.views).")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self._views_group())
        layout.addWidget(self.status)
        if self.process_box is None:
            layout.addStretch(1)
        self.follow(session.sig_state_changed, self.refresh_soon)
        self.refresh()

    # -- building -------------------------------------------------------------------------------------------------
    def _process_group(self) -> QGroupBox:
        s = self.session
        box = QGroupBox("Script plugin (scriptPath under Node.js)")
        self.state_label = QLabel()
        self.start_button = _button("Start", self.start_process, "Start the plugin as App Zone does")
        self.stop_button = _button("Stop", self.stop_process, "Stop the plugin's whole process tree (no restart follows)")
        self.restart_button = _button("Restart", self.restart_process, "Stop, then start")
        self.kill_button = _button("Kill (simulate a crash)", self.kill_process,
                                   "The process dies unexpectedly (SIGKILL): the restart policy applies")
        buttons = QHBoxLayout()
        for b in (self.start_button, self.stop_button, self.restart_button, self.kill_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.restart_on = QCheckBox("Restart on exit (XC_PLUGIN_RESTART)")
        self.restart_on.setToolTip("App Zone restarts a plugin that exits when XC_PLUGIN_RESTART is set")
        self.restart_on.clicked.connect(lambda on: self._saved_if(self.control(lambda: s.set_restart(on))))
        self.delay = QDoubleSpinBox()
        self.delay.setRange(0.0, 3600.0)
        self.delay.setDecimals(1)
        self.delay.setSuffix(" s")
        self.delay.setToolTip("Development override of XC_PLUGIN_RESTART_DELAY (App Zone's default is 300 s); "
                              "the process still sees its own variable")
        self.delay.editingFinished.connect(self._delay_edited)
        policy = QHBoxLayout()
        policy.addWidget(self.restart_on)
        policy.addStretch(1)
        policy.addWidget(QLabel("after"))
        policy.addWidget(self.delay)
        self.env = EnvTable()
        self.env.itemChanged.connect(lambda _item: self._saved_if(self.control(lambda: s.set_env(self.env.values()))))
        env_bar = QHBoxLayout()
        env_bar.addWidget(QLabel("Environment variables (applied on the next start)"), 1)
        self.add_variable_button = _button("Add", self._add_variable, "A new variable")
        self.remove_variable_button = _button("Remove", self._remove_variable, "Remove the selected variable")
        env_bar.addWidget(self.add_variable_button)
        env_bar.addWidget(self.remove_variable_button)
        inner = QVBoxLayout(box)
        inner.addWidget(self.state_label)
        inner.addLayout(buttons)
        inner.addLayout(policy)
        inner.addLayout(env_bar)
        inner.addWidget(self.env, 1)
        return box

    def _views_group(self) -> QGroupBox:
        box = QGroupBox("Views and sidebar")
        self.view_buttons = QButtonGroup(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Show the"))
        for role in ROLES:
            radio = QRadioButton(f"{role} view")
            radio.setObjectName(f"view-{role}")
            radio.clicked.connect(lambda _=False, r=role: self.show_view(r))
            self.view_buttons.addButton(radio)
            row.addWidget(radio)
        row.addStretch(1)
        self.sidebar_label = QLabel()
        self.sidebar_label.setWordWrap(True)
        inner = QVBoxLayout(box)
        inner.addLayout(row)
        inner.addWidget(self.sidebar_label)
        return box

    # -- showing the session ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the session's process, policy, variables, view and sidebar."""
        s = self.session
        info = s.process_info()
        if info is not None and self.process_box is not None:
            policy = s.restart_policy()
            self.state_label.setText(describe_process(info, policy.delay_s))
            running = info["state"] == RUNNING
            self.start_button.setEnabled(not running)
            self.stop_button.setEnabled(info["state"] in (RUNNING, WAITING_RESTART))
            self.restart_button.setEnabled(running)
            self.kill_button.setEnabled(info.get("pid") is not None)
            self.restart_on.setChecked(policy.enabled)
            if not self.delay.hasFocus():
                self.delay.setValue(policy.delay_s)
            env = s.process_env()
            if self.env.values() != env:
                self.env.show_values(env)
        for radio in self.view_buttons.buttons():
            radio.setChecked(radio.objectName() == f"view-{s.view_role}")
        seen = s.sidebar_audience()
        who = " · ".join(f"{WHO[r]} {'see it' if r in seen else 'do not see it'}" for r in WHO)
        sidebar, icon = (escape(str(s.manifest.get(k) or d)) for k, d in (("sidebar", DEFAULT_SIDEBAR), ("icon", DEFAULT_ICON)))
        self.sidebar_label.setText(f"sidebar: <b>{sidebar}</b> — {who}. Icon <code>{icon}</code>.")

    def _delay_edited(self) -> None:
        if self.delay.value() == self.session.restart_policy().delay_s:
            return
        self._saved_if(self.control(lambda: self.session.set_restart(self.restart_on.isChecked(), self.delay.value())))

    def _add_variable(self) -> None:
        row = self.env.rowCount()
        self.env.insertRow(row)
        self.env.setCurrentCell(row, 0)
        self.env.editItem(self._new_item(row))

    def _new_item(self, row: int) -> QTableWidgetItem:
        self.env.blockSignals(True)
        item = QTableWidgetItem("")
        self.env.setItem(row, 0, item)
        self.env.setItem(row, 1, QTableWidgetItem(""))
        self.env.blockSignals(False)
        return item

    def _remove_variable(self) -> None:
        rows = sorted({i.row() for i in self.env.selectedIndexes()}, reverse=True)
        for row in rows:
            self.env.removeRow(row)
        if rows:
            self._saved_if(self.control(lambda: self.session.set_env(self.env.values())))

    # -- controls (recorded as steps while recording) -------------------------------------------------------------
    def start_process(self) -> None:
        """Start the plugin; recorded as `start` and a check that it runs."""
        if self.control(self.session.start_process):
            trust(self.session.project.root)  # the user ran it: the preview may start it by itself from now on
            self.record("start")
            self.record("expect", {"process": "running"})

    def stop_process(self) -> None:
        """Stop the plugin (off the GUI thread); recorded as `stop` and a check that it stopped."""
        self.record("stop")
        self.record("expect", {"process": "stopped"})
        self.control_in_background(self.session.stop_process, "stopping…")

    def restart_process(self) -> None:
        """Stop, then start (off the GUI thread); recorded as `restart` and a check that it runs."""
        self.record("restart")
        self.record("expect", {"process": "running"})
        self.control_in_background(self.session.restart_process, "restarting…")

    def kill_process(self) -> None:
        """Kill the plugin; recorded as `kill`, and with restart off a check that it stays down (with restart on
        it may be back before a replay looks, so nothing is checked)."""
        if self.control(self.session.kill_process):
            self.record("kill")
            if not self.session.restart_policy().enabled:
                self.record("expect", {"process": "stopped"})

    def show_view(self, role: str) -> None:
        """Show the admin or agent view; recorded as a check that the view loads (when the role has one)."""
        if self.control(lambda: self.session.show_view(role)) and self.session.has_view(role):
            self.record("expect", {"view": role})

    def _saved_if(self, done: bool) -> None:
        """Keep the variables and the restart settings in the project's settings, for its next session."""
        if done and self.session.process_info() is not None:
            save_process(self.session.project.root, self.session.process_env(), self.session.dev_restart_delay())


def make_panel(session, recorder=None, parent=None) -> ProcessPanel:
    """The XCALLY host panel for the preview (script and html plugins)."""
    return ProcessPanel(session, parent, recorder)
