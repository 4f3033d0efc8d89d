"""One-click export: runs the project's export in a worker thread with progress; lists blocking errors with
links and an "Export anyway" choice; on success shows the package report, Reveal and Copy path. "Save as…" picks
another zip, remembered for the project (its .workbench/project.json)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core import project_settings
from workbench.core.diagnostics import Severity
from workbench.core.packaging.report import human_size
from workbench.core.project import Project, Target
from workbench.ui.reveal import copy_path, reveal

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
        self.output: Path | None = remembered_output(project)
        self.status = QLabel("Preparing…")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.destination = QLabel()
        self.destination.setWordWrap(True)
        self.destination.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._show_destination()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.hide()
        self.progress = QProgressBar()
        self.details = QTreeWidget()
        self.details.setHeaderLabels(["Item", "Size", "Detail"])
        self.details.setColumnWidth(0, 360)
        self.details.setColumnWidth(1, 90)
        self.details.itemActivated.connect(self._jump)
        self.details.itemClicked.connect(self._jump)
        self.anyway = QPushButton("Export anyway")
        self.anyway.setToolTip("Write the package although the project has errors")
        self.anyway.clicked.connect(lambda: self.start(force=True))
        self.save_as = QPushButton("Save as…")
        self.save_as.setToolTip("Export to another zip (remembered for this project)")
        self.save_as.clicked.connect(self.ask_save_as)
        self.reveal = QPushButton("Reveal")
        self.reveal.setToolTip("Show the zip in the file manager")
        self.reveal.clicked.connect(self.reveal_zip)
        self.copy = QPushButton("Copy path")
        self.copy.setToolTip("Copy the zip's path to the clipboard")
        self.copy.clicked.connect(lambda: copy_path(self.result.path) if getattr(self.result, "path", None) else None)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.anyway)
        buttons.addWidget(self.save_as)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal)
        buttons.addWidget(self.copy)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.destination)
        layout.addWidget(self.progress)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        self.anyway.hide()
        self.reveal.hide()
        self.copy.hide()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="export")
        self._sig_progress.connect(self._on_progress)
        self._sig_done.connect(self._on_done)

    def start(self, force: bool = False) -> None:
        """Run the export (in the worker thread)."""
        from workbench.core.packaging import export_project

        self.anyway.hide()
        self.reveal.hide()
        self.copy.hide()
        self.save_as.setEnabled(False)
        self.details.clear()
        self.notes.hide()
        self.progress.setRange(0, 0)
        self.status.setText("Exporting…" + (" (anyway, with errors)" if force else ""))

        output = self.output

        def work():
            try:
                return export_project(self.target, self.project, force=force, output=output,
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
        self.save_as.setEnabled(True)
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
        where = f"{d.file}:{s.line}:{s.column}" if d.file else "the project"
        item = QTreeWidgetItem(parent, [f"{d.code}: {d.message}", "", where])
        item.setData(0, DIAG_ROLE, d)
        item.setToolTip(0, d.message + ("\nClick to show it in the editor" if d.file else ""))

    def _show_blocked(self, result) -> None:
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        self.status.setText(f"<b>Export blocked</b> by {len(errors)} error(s). Click one to see it, fix them, "
                            "or export anyway.")
        top = QTreeWidgetItem(self.details, [f"Errors ({len(errors)})", ""])
        for d in errors:
            self._diag_item(top, d)
        self._show_notes(result.notes)
        self.details.expandAll()
        self.anyway.show()

    def _show_report(self, result) -> None:
        report = result.report
        text = f"<b>Exported</b> {result.path} ({human_size(report.zip_size)})"
        if result.branding_id:
            text += f"<br>New brandingID: <b>{result.branding_id}</b>"
        self.status.setText(text)
        tree = QTreeWidgetItem(self.details, [f"Package content ({len(report.entries)} files)",
                                              human_size(report.content_size), f"zip {human_size(report.zip_size)}"])
        content_tree(tree, [(e.name, e.size) for e in report.entries])
        if report.excluded:
            left = QTreeWidgetItem(self.details, [f"Left out ({len(report.excluded)})", "", "why"])
            for x in report.excluded:
                item = QTreeWidgetItem(left, [x.path, human_size(x.size) if x.size else "", x.rule])
                item.setToolTip(2, x.rule)
        warnings = [d for d in result.diagnostics if d.severity is not Severity.ERROR]
        if warnings:
            top = QTreeWidgetItem(self.details, [f"Warnings and notes ({len(warnings)})", "", ""])
            for d in warnings:
                self._diag_item(top, d)
        self._show_notes(result.notes)
        self.details.expandToDepth(0)
        self.reveal.show()
        self.copy.show()

    def _show_notes(self, notes: list[str]) -> None:
        self.notes.setText("\n".join(f"• {n}" for n in notes))
        self.notes.setVisible(bool(notes))

    def _jump(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        d = item.data(0, DIAG_ROLE)
        if d is not None:
            self.sig_jump.emit(d)

    def reveal_zip(self) -> str:
        """Show the zip in the file manager; without one, its path is copied and said."""
        path = getattr(self.result, "path", None)
        if not path:
            return ""
        message = reveal(path)
        self.destination.setText(message)
        return message

    # -- destination ------------------------------------------------------------------------------------------------
    def _show_destination(self) -> None:
        where = str(self.output) if self.output else "the project's export folder (workbench.toml [export] output)"
        self.destination.setText(f"Destination: {where}")

    def ask_save_as(self) -> None:
        start = str(self.output or self.project.root / (self.project.root.name + ".zip"))
        path, _ = QFileDialog.getSaveFileName(self, "Export as", start, "Zip packages (*.zip)")
        if path:
            self.set_output(path)
            self.start()

    def set_output(self, path: str | Path) -> None:
        """Export to this zip from now on (remembered for the project)."""
        self.output = Path(path).with_suffix(".zip") if Path(path).suffix.lower() != ".zip" else Path(path)
        remember_output(self.project, self.output)
        self._show_destination()

    def done(self, code: int) -> None:  # noqa: D401 (Qt API)
        self._pool.shutdown(wait=False)
        super().done(code)


def remembered_output(project: Project) -> Path | None:
    """The zip the user last chose with Save as for this project, if any."""
    value = project_settings.section(project.root, "export").get("output")
    return Path(value) if isinstance(value, str) and value else None


def remember_output(project: Project, path: Path) -> None:
    try:
        project_settings.save_section(project.root, "export", {"output": str(path)})
    except OSError:
        pass  # a read-only project still exports; the choice is only not remembered


def content_tree(parent: QTreeWidgetItem, entries: list[tuple[str, int]]) -> None:
    """The zip's entries as a folder tree under parent, each folder with its total size."""
    folders: dict[str, QTreeWidgetItem] = {"": parent}
    totals: dict[str, int] = {}
    for name, size in sorted(entries):
        parts = name.split("/")
        for depth in range(1, len(parts)):
            key = "/".join(parts[:depth])
            totals[key] = totals.get(key, 0) + size
            if key not in folders:
                folders[key] = QTreeWidgetItem(folders["/".join(parts[:depth - 1])], [parts[depth - 1] + "/", "", ""])
        QTreeWidgetItem(folders["/".join(parts[:-1])], [parts[-1], human_size(size), ""])
    for key, item in folders.items():
        if key:
            item.setText(1, human_size(totals[key]))
