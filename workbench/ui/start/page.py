"""The start page: a new project from each sample, open a folder, import a package, recent projects."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class StartPage(QWidget):
    sig_new_from_sample = Signal(str)
    """Emitted with a sample name: the window opens the New Project wizard on it."""
    sig_open_folder = Signal(str)
    """Emitted with a folder path ('' to ask for one)."""
    sig_import_package = Signal()
    """Emitted when the user wants to import a package zip."""
    sig_new_project = Signal()
    """Emitted when the user wants the New Project wizard."""

    def __init__(self, samples: list, recent: list[str], host_titles: list[str] | None = None,
                 parent: QWidget | None = None):
        """samples: the workbench.core.newproject.Sample list the hosts offer; host_titles: the hosts' titles."""
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 36)
        hosts = ", ".join(host_titles or []) or "your hosts"
        title = QLabel(f"<h1>Plugin Workbench</h1><p>Write, check and package plugins for {hosts}.</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(title)
        row = QHBoxLayout()
        new_button = QPushButton("New project…")
        new_button.clicked.connect(self.sig_new_project.emit)
        row.addWidget(new_button)
        new_button.setMinimumHeight(34)
        self.new_button = new_button
        open_button = QPushButton("Open folder…")
        open_button.clicked.connect(lambda: self.sig_open_folder.emit(""))
        import_button = QPushButton("Import package…")
        import_button.clicked.connect(self.sig_import_package.emit)
        for b in (open_button, import_button):
            b.setMinimumHeight(34)
            row.addWidget(b)
        row.addStretch(1)
        outer.addLayout(row)
        columns = QHBoxLayout()
        new_box = QGroupBox("Start a new project from")
        grid = QGridLayout(new_box)
        self.sample_buttons: dict[str, QPushButton] = {}
        for i, sample in enumerate(samples):
            name = sample.name
            b = QPushButton(("Blank " + sample.target) if sample.blank else name)
            b.setMinimumWidth(190)
            b.clicked.connect(lambda _=False, n=name: self.sig_new_from_sample.emit(n))
            grid.addWidget(b, i, 0)
            blurb = QLabel(sample.title)
            blurb.setWordWrap(True)
            grid.addWidget(blurb, i, 1)
            self.sample_buttons[name] = b
        if not samples:
            grid.addWidget(QLabel("No samples installed."), 0, 0)
        grid.setRowStretch(len(samples) + 1, 1)
        recent_box = QGroupBox("Recent projects")
        recent_layout = QVBoxLayout(recent_box)
        self.recent_list = QListWidget()
        for path in recent:
            QListWidgetItem(path, self.recent_list)
        if not recent:
            self.recent_list.addItem("(none yet)")
            self.recent_list.setEnabled(False)
        self.recent_list.itemActivated.connect(lambda item: self.sig_open_folder.emit(item.text()))
        self.recent_list.itemDoubleClicked.connect(lambda item: self.sig_open_folder.emit(item.text()))
        recent_layout.addWidget(self.recent_list)
        columns.addWidget(new_box, 3)
        columns.addWidget(recent_box, 2)
        outer.addLayout(columns, 1)
