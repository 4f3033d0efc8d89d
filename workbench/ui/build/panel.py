"""The Build panel: the build's output as it comes, a busy bar, Cancel, and how it ended."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from workbench.core.build import BuildResult, BuildSpec
from workbench.ui.build.runner import BuildRunner

MAX_BLOCKS = 20000  # keep the panel light on a chatty build (the whole output is in the log file)


class BuildPanel(QWidget):
    """Bound to one BuildRunner."""

    def __init__(self, runner: BuildRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.status = QLabel("No build yet. Project → Build (Ctrl+B) runs the project's own build.")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(runner.cancel)
        self.cancel_button.setEnabled(False)
        self.output = QPlainTextEdit(readOnly=True)
        self.output.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.output.setMaximumBlockCount(MAX_BLOCKS)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.output, 1)
        runner.sig_started.connect(self._started)
        runner.sig_line.connect(self._line)
        runner.sig_finished.connect(self._finished)

    def _started(self, spec: BuildSpec) -> None:
        self.output.clear()
        self.output.appendPlainText(f"$ {' '.join(spec.command)}   (in {spec.cwd})")
        self.status.setText(f"Building: {spec.title}…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)

    def _line(self, text: str) -> None:
        self.output.appendPlainText(text)
        self.output.moveCursor(QTextCursor.MoveOperation.End)

    def _finished(self, result: BuildResult) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        if result.cancelled:
            text = "Build cancelled"
        elif result.ok:
            text = f"✓ Build succeeded in {result.seconds:.1f} s"
        else:
            errors = sum(d.severity.value == "error" for d in result.diagnostics)
            text = f"✗ Build failed (exit code {result.returncode}): {errors} problem(s) in Problems"
        self.status.setText(text)
        self.output.appendPlainText(f"[{text}]")
