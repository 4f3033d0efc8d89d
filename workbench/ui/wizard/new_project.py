"""New Project: a host, a blank or sample start, the project's name and folder, and the options the start offers
(the same choices as `workbench new`). Nothing is written here: the window creates the project once accepted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.newproject import Sample, SampleOption, derive

SAMPLE_ROLE = 0x0100  # Qt.UserRole
ERROR_STYLE = "color: #d32f2f;"


@dataclass(frozen=True)
class NewProjectRequest:
    """What the user chose: the start, the folder to create and the options' values."""

    sample: str
    dest: Path
    options: dict[str, str]


def dest_problem(dest: Path) -> str | None:
    """Why a project cannot be created at dest, or None."""
    if not dest.name:
        return "Give the project a name"
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        return f"{dest} exists and is not empty: choose another name or location"
    parent = next((p for p in dest.parents if p.exists()), None)
    if parent is None or not parent.is_dir():
        return f"{dest.parent} cannot be created"
    return None


class OptionField(QWidget):
    """One option of the chosen start: a line edit (or a choice) with its error under it."""

    def __init__(self, option: SampleOption, parent: QWidget | None = None):
        super().__init__(parent)
        self.option = option
        self.edited = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        if option.choices:
            self.input = QComboBox()
            self.input.addItems(list(option.choices))
            if option.default in option.choices:
                self.input.setCurrentText(option.default)
        else:
            self.input = QLineEdit(option.default)
            self.input.setPlaceholderText(option.default or option.help)
            self.input.textEdited.connect(lambda _t: setattr(self, "edited", True))
        self.input.setToolTip(f"{option.help} (command line: {option.flag})")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.input)
        layout.addWidget(self.error)

    def value(self) -> str:
        return self.input.currentText() if isinstance(self.input, QComboBox) else self.input.text().strip()

    def follow_name(self, name: str) -> None:
        """Propose a value from the project's name until the user types their own."""
        if isinstance(self.input, QLineEdit) and not self.edited and self.option.from_name:
            self.input.setText(self.option.default_for(name))

    def problem(self) -> str | None:
        value = self.value()
        if not value:
            return None if self.option.default == "" or not self.option.pattern else f"{self.option.title} is needed"
        return self.option.problem(value)


class NewProjectDialog(QDialog):
    """The wizard: choose, name, configure; `request()` says what to create once accepted."""

    sig_request = Signal(object)
    """Emitted with the NewProjectRequest when the user presses Create."""

    def __init__(self, samples: list[Sample], host_titles: dict[str, str], location: str = "",
                 sample: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.resize(720, 440)
        self.samples = samples
        self.fields: list[OptionField] = []
        self.host = QComboBox()
        hosts = [h for h in host_titles if any(s.target == h for s in samples)]
        for name in hosts:
            self.host.addItem(host_titles[name], name)
        self.starts = QListWidget()
        self.starts.setMinimumHeight(90)
        self.starts.setMaximumHeight(130)
        self.name = QLineEdit()
        self.name.setPlaceholderText("my-plugin")
        self.location = QLineEdit(location or default_location())
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        self.dest_label = QLabel()
        self.dest_label.setWordWrap(True)
        self.options_box = QGroupBox("Options")
        self.options_form = QFormLayout(self.options_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        top = QFormLayout()
        top.addRow("Host", self.host)
        top.addRow("Start from", self.starts)
        top.addRow("Project name", self.name)
        top.addRow("Location", where)
        top.addRow("", self.dest_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.options_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.host.currentIndexChanged.connect(lambda _i: self._fill_starts())
        self.starts.currentRowChanged.connect(lambda _r: self._build_options())
        self.name.textChanged.connect(self._name_changed)
        self.location.textChanged.connect(lambda _t: self._check())
        chosen = next((s for s in samples if s.name == sample), None)
        if chosen is not None and self.host.findData(chosen.target) >= 0:
            self.host.setCurrentIndex(self.host.findData(chosen.target))
        self._fill_starts(chosen.name if chosen else None)
        self.name.setFocus()

    # -- choices ----------------------------------------------------------------------------------------------------
    def _fill_starts(self, select: str | None = None) -> None:
        self.starts.blockSignals(True)
        self.starts.clear()
        host = self.host.currentData()
        offered = sorted((s for s in self.samples if s.target == host), key=lambda s: not s.blank)
        for s in offered:
            item = QListWidgetItem(f"{'Blank' if s.blank else s.name}  —  {s.title}")
            item.setData(SAMPLE_ROLE, s.name)
            self.starts.addItem(item)
        names = [s.name for s in offered]
        self.starts.setCurrentRow(names.index(select) if select in names else 0)
        self.starts.blockSignals(False)
        self._build_options()

    def sample(self) -> Sample | None:
        item = self.starts.currentItem()
        name = item.data(SAMPLE_ROLE) if item else None
        return next((s for s in self.samples if s.name == name), None)

    def _build_options(self) -> None:
        while self.options_form.rowCount():
            self.options_form.removeRow(0)
        self.fields = []
        sample = self.sample()
        for option in sample.options if sample else ():
            f = OptionField(option)
            f.follow_name(self.name.text())
            edit = f.input
            (edit.currentTextChanged if isinstance(edit, QComboBox) else edit.textChanged).connect(
                lambda _t: self._check())
            self.options_form.addRow(option.title, f)
            self.fields.append(f)
        self.options_box.setVisible(bool(self.fields))
        self._check()

    def field(self, key: str) -> OptionField:
        return next(f for f in self.fields if f.option.key == key)

    def _name_changed(self, text: str) -> None:
        for f in self.fields:
            f.follow_name(text)
        self._check()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Where to create the project", self.location.text())
        if folder:
            self.location.setText(folder)

    # -- checks -----------------------------------------------------------------------------------------------------
    def dest(self) -> Path:
        name = derive(self.name.text(), "slug") if self.name.text().strip() else ""
        return Path(self.location.text().strip() or ".").expanduser() / name

    def problems(self) -> list[str]:
        out = []
        if self.sample() is None:
            out.append("Choose what to start from")
        problem = dest_problem(self.dest())
        if problem:
            out.append(problem)
        for f in self.fields:
            p = f.problem()
            f.error.setText(p or "")
            f.error.setVisible(bool(p))
            if p:
                out.append(p)
        return out

    def _check(self) -> None:
        problems = self.problems()
        dest = self.dest()
        if problems:
            self.dest_label.setText(f"<span style='{ERROR_STYLE}'>{problems[0]}</span>")
        else:
            self.dest_label.setText(f"Creates <b>{dest}</b>")
        self.create_button.setEnabled(not problems)

    def request(self) -> NewProjectRequest | None:
        """What to create, None while something is missing or wrong."""
        sample = self.sample()
        if sample is None or self.problems():
            return None
        options = {f.option.key: f.value() for f in self.fields if f.value()}
        return NewProjectRequest(sample.name, self.dest(), options)

    def _create(self) -> None:
        request = self.request()
        if request is None:
            return
        self.accept()
        self.sig_request.emit(request)


def default_location() -> str:
    """Where new projects go by default: the user's documents folder (or home)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())
