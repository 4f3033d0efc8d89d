"""One-click export: runs the project's export in a worker thread with progress; lists blocking errors with
links and an "Export anyway" choice; on success shows the package report and a Reveal button."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.diagnostics import Severity
from workbench.core.project import Project, Target

DIAG_ROLE = Qt.ItemDataRole.UserRole + 1


class ExportDialog(QDialog):
    sig_jump = Signal(object)
    """Emitted with a Diagnostic the user clicked (the window shows its place)."""
    sig_finished = Signal(object)
    """Emitted with the ExportResult (or the error message) when a run ends."""
    _sig_progress = Signal(int, int, str)
    _sig_done = Signal(object)

    def __init__(self, target: Target, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.target, self.project = target, project
        self.setWindowTitle(f"Export {project.title or project.root.name}")
        self.resize(720, 560)
        self.result = None
        self.status = QLabel("Preparing…")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.details = QTreeWidget()
        self.details.setHeaderLabels(["Item", "Detail"])
        self.details.setColumnWidth(0, 420)
        self.details.itemActivated.connect(self._jump)
        self.details.itemClicked.connect(self._jump)
        self.anyway = QPushButton("Export anyway")
        self.anyway.setToolTip("Write the package although the project has errors")
        self.anyway.clicked.connect(lambda: self.start(force=True))
        self.reveal = QPushButton("Reveal")
        self.reveal.setToolTip("Show the zip in the file manager")
        self.reveal.clicked.connect(self.reveal_zip)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.anyway)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)
        self.anyway.hide()
        self.reveal.hide()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        self._sig_progress.connect(self._on_progress)
        self._sig_done.connect(self._on_done)

    def start(self, force: bool = False) -> None:
        """Run the export (in the worker thread)."""
        from workbench.core.packaging import export_project

        self.anyway.hide()
        self.reveal.hide()
        self.details.clear()
        self.progress.setRange(0, 0)
        self.status.setText("Exporting…" + (" (anyway, with errors)" if force else ""))

        def work():
            try:
                return export_project(self.target, self.project, force=force,
                                      progress=lambda d, t, m: self._sig_progress.emit(d, t, m))
            except Exception as exc:  # ExportError carries a message for the user; anything else is reported too
                return f"{type(exc).__name__}: {exc}" if type(exc).__name__ != "ExportError" else str(exc)

        self._pool.submit(lambda: self._sig_done.emit(work()))

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status.setText(message)

    def _on_done(self, result) -> None:
        self.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if isinstance(result, str):
            self.status.setText(f"<b>Export failed:</b> {result}")
        elif result.blocked:
            self._show_blocked(result)
        else:
            self._show_report(result)
        self.sig_finished.emit(result)

    def _diag_item(self, parent: QTreeWidgetItem, d) -> None:
        s = d.range.start
        item = QTreeWidgetItem(parent, [f"{d.code}: {d.message}", f"{d.file}:{s.line}:{s.column}"])
        item.setData(0, DIAG_ROLE, d)
        item.setToolTip(0, "Click to show it in the editor")

    def _show_blocked(self, result) -> None:
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        self.status.setText(f"<b>Export blocked</b> by {len(errors)} error(s). Click one to see it, fix them, "
                            "or export anyway.")
        top = QTreeWidgetItem(self.details, [f"Errors ({len(errors)})", ""])
        for d in errors:
            self._diag_item(top, d)
        for note in result.notes:
            QTreeWidgetItem(self.details, [note, ""])
        self.details.expandAll()
        self.anyway.show()

    def _show_report(self, result) -> None:
        report = result.report
        from workbench.core.packaging import human_size
        text = f"<b>Exported</b> {result.path} ({human_size(report.zip_size)})"
        if result.branding_id:
            text += f"<br>New brandingID: <b>{result.branding_id}</b>"
        self.status.setText(text)
        tree = QTreeWidgetItem(self.details, [f"Package content ({len(report.entries)} files)", ""])
        for line in report.tree_lines():
            name, _, size = line.rstrip().rpartition(" ")
            QTreeWidgetItem(tree, [name.rstrip(), size])
        if report.excluded:
            left = QTreeWidgetItem(self.details, [f"Left out ({len(report.excluded)})", ""])
            for x in report.excluded:
                QTreeWidgetItem(left, [x.path, x.rule])
        warnings = [d for d in result.diagnostics if d.severity is not Severity.ERROR]
        if warnings:
            top = QTreeWidgetItem(self.details, [f"Warnings and notes ({len(warnings)})", ""])
            for d in warnings:
                self._diag_item(top, d)
        for note in result.notes:
            QTreeWidgetItem(self.details, [note, ""])
        self.details.expandToDepth(0)
        self.reveal.show()

    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        d = item.data(0, DIAG_ROLE)
        if d is not None:
            self.sig_jump.emit(d)

    def reveal_zip(self) -> None:
        path = getattr(self.result, "path", None)
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    def done(self, code: int) -> None:  # noqa: D401 (Qt API)
        self._pool.shutdown(wait=False)
        super().done(code)
