"""The problems panel: every diagnostic of the project with counts, filters and click-to-jump."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.ui.theme import current_theme

PIXMAPS = {Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
           Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
           Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation}


def severity_icon(severity: Severity):
    return QApplication.style().standardIcon(PIXMAPS[severity])
DIAG_ROLE = Qt.ItemDataRole.UserRole + 1


def error_key(d: Diagnostic) -> tuple:
    """What tells one error from another across validation runs (not its line: text above it may move)."""
    return (d.code, d.file, d.message)


class ProblemsPanel(QWidget):
    """Diagnostics from several sources (validation, the last build, the last export), shown as one list."""

    sig_jump = Signal(object)
    """Emitted with the Diagnostic the user clicked (the window opens its file at its line)."""
    sig_new_errors = Signal()
    """Emitted when an error appears that the previous diagnostics did not have (the window brings the panel up)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.diagnostics: list[Diagnostic] = []
        self.sources: dict[str, list[Diagnostic]] = {}
        self.current_file: str | None = None
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        self.severity_buttons: dict[Severity, QToolButton] = {}
        for sev in Severity:
            b = QToolButton()
            b.setCheckable(True)
            b.setChecked(True)
            b.setAutoRaise(True)
            b.toggled.connect(self._fill)
            bar.addWidget(b)
            self.severity_buttons[sev] = b
        self.file_filter = QComboBox()
        self.file_filter.addItems(["All files", "Current file"])
        self.file_filter.currentIndexChanged.connect(self._fill)
        self.text_filter = QLineEdit(placeholderText="Filter (text, code or file)")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self._fill)
        bar.addWidget(self.file_filter)
        bar.addWidget(self.text_filter, 1)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["", "Code", "Message", "File", "Line:Col"])
        self.tree.setColumnWidth(0, 28)
        self.tree.setColumnWidth(1, 70)
        self.tree.setColumnWidth(2, 520)
        self.tree.setColumnWidth(3, 300)
        self.tree.setSortingEnabled(False)
        self.tree.itemActivated.connect(self._jump)
        self.tree.itemClicked.connect(self._jump)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self._update_counts()

    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for d in self.diagnostics:
            out[d.severity] += 1
        return out

    def set_diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        """The validation's diagnostics (the project's own, unsaved buffers included)."""
        self.set_source("validation", diagnostics)

    def set_source(self, name: str, diagnostics: list[Diagnostic]) -> None:
        """Replace the diagnostics of one source ('validation', 'build', 'export')."""
        before = {error_key(d) for d in self.diagnostics if d.severity is Severity.ERROR}
        self.sources[name] = list(diagnostics)
        self.diagnostics = [d for source in self.sources.values() for d in source]
        self.refill()
        if any(d.severity is Severity.ERROR and error_key(d) not in before for d in self.diagnostics):
            self.sig_new_errors.emit()

    def clear(self) -> None:
        """Forget every source (the project closed)."""
        self.sources = {}
        self.diagnostics = []
        self.refill()

    def refill(self) -> None:
        self._update_counts()
        self._fill()

    def set_current_file(self, rel: str | None) -> None:
        self.current_file = rel
        if self.file_filter.currentIndex() == 1:
            self._fill()

    def _update_counts(self) -> None:
        counts = self.counts()
        names = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
        for sev, b in self.severity_buttons.items():
            b.setText(f"{names[sev]} {counts[sev]}")
            b.setIcon(severity_icon(sev))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def visible_diagnostics(self) -> list[Diagnostic]:
        needle = self.text_filter.text().strip().lower()
        out = []
        for d in self.diagnostics:
            if not self.severity_buttons[d.severity].isChecked():
                continue
            if self.file_filter.currentIndex() == 1 and d.file != self.current_file:
                continue
            if needle and needle not in f"{d.code} {d.message} {d.file}".lower():
                continue
            out.append(d)
        return out

    def _fill(self, *_) -> None:
        theme = current_theme()
        colours = {Severity.ERROR: theme.error, Severity.WARNING: theme.warning, Severity.INFO: theme.info}
        self.tree.clear()
        items = []
        for d in self.visible_diagnostics():
            where = f"{d.range.start.line}:{d.range.start.column}" if d.file else ""
            item = QTreeWidgetItem(["", d.code, d.message, d.file or "(project)", where])
            item.setIcon(0, severity_icon(d.severity))
            item.setForeground(1, QColor(colours[d.severity]))
            item.setToolTip(2, d.message + (f"\nQuick fix: {d.fix.title}" if d.fix else ""))
            item.setToolTip(3, f"{d.file}:{where}" if d.file else "the whole project")
            item.setData(0, DIAG_ROLE, d)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        diag = item.data(0, DIAG_ROLE)
        if diag is not None:
            self.sig_jump.emit(diag)
