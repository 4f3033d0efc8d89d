"""The test panel: the project's scenarios, run one or all in the visible preview step by step, the failing step
with what was expected and what was seen, a jump to its line, and a watch mode that runs them again on save."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.config import scenario_folder
from workbench.sandbox.aio import spawn
from workbench.ui.tests.details import MARKS, details_html, paint
from workbench.ui.tests.model import FAILED, RUNNING, ScenarioRow, scenario_rows
from workbench.ui.tests.run import RunListener, run_rows

PACES = (("Full speed", 0.0), ("0.5 s a step", 0.5), ("1.5 s a step", 1.5))
WATCH_DELAY_MS = 500
ROW_ROLE = Qt.ItemDataRole.UserRole
STEP_ROLE = Qt.ItemDataRole.UserRole + 1


class TestPanel(QWidget, RunListener):
    """Bound to one project at a time (set_project); runs through the preview's controller."""

    sig_open_location = Signal(str, int, int)
    """Open a project file at a line and column (a step's place)."""
    sig_running = Signal(bool)
    """A run started (True) or ended (False)."""
    sig_finished = Signal(list)
    """A run ended: the ScenarioResult of each scenario it ran."""

    def __init__(self, controller: QObject, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tests")
        self.controller = controller
        self.target = self.project = None
        self.rows: list[ScenarioRow] = []
        self.items: dict[str, QTreeWidgetItem] = {}
        self.task = None
        self.snapshot = None  # () -> QImage of the preview, set by the window
        self.last_run: list[str] = []
        self._rerun = False
        self._started = 0.0
        self.run_all_button = QPushButton("▶ Run all")
        self.run_all_button.setToolTip("Run every scenario of the project in the preview")
        self.run_all_button.clicked.connect(lambda _=False: self.run_all())
        self.run_button = QPushButton("▶ Run selected")
        self.run_button.setToolTip("Run the selected scenario in the preview")
        self.run_button.clicked.connect(lambda _=False: self.run_selected())
        self.stop_button = QPushButton("■ Stop")
        self.stop_button.clicked.connect(lambda _=False: self.stop())
        self.watch = QCheckBox("Watch")
        self.watch.setToolTip("Run the scenarios again each time a project file is saved")
        self.pace = QComboBox()
        for text, seconds in PACES:
            self.pace.addItem(text, seconds)
        self.pace.setToolTip("Slow motion: a pause before each step, to follow the run in the preview")
        self.summary = QLabel("")
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the panel
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.run_all_button, self.run_button, self.stop_button, self.watch, self.pace):
            bar.addWidget(w)
        bar.addWidget(self.summary, 1)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Scenario / step", "Line", "Time"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumWidth(200)
        self.tree.itemSelectionChanged.connect(self._show_details)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._jump(item))
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._link)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._watch_timer = QTimer(self)
        self._watch_timer.setSingleShot(True)
        self._watch_timer.setInterval(WATCH_DELAY_MS)
        self._watch_timer.timeout.connect(self._watch_run)
        self._show_buttons()

    # -- project ----------------------------------------------------------------------------------------------------
    def set_project(self, target, project) -> None:
        """Show a project's scenarios (None: nothing); results, selection and watch mode start afresh."""
        self.stop()
        self._watch_timer.stop()
        self.watch.setChecked(False)
        self.target, self.project = target, project
        self.rows, self.last_run, self._rerun = [], [], False
        self.summary.setText("")
        self.details.clear()
        self.refresh()

    def folder(self) -> Path | None:
        return scenario_folder(self.project.root) if self.project is not None else None

    def refresh(self) -> None:
        """List the scenario files again (a row keeps its last result while its file keeps its steps)."""
        old = {r.rel: r for r in self.rows}
        rows = scenario_rows(self.target, self.project, self.folder()) if self.project is not None else []
        for row in rows:
            before = old.get(row.rel)
            if before is not None and [s.text for s in before.steps] == [s.text for s in row.steps]:
                row.state, row.result, row.steps, row.start_failed = (before.state, before.result, before.steps,
                                                                      before.start_failed)
        self.rows = rows
        self._rebuild()

    def row(self, rel: str) -> ScenarioRow | None:
        return next((r for r in self.rows if r.rel == rel), None)

    # -- running ------------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def run_all(self) -> bool:
        """Run every scenario of the project; False when nothing can run now."""
        return self.run([r.rel for r in self.rows])

    def run_selected(self) -> bool:
        """Run the scenario selected (or whose step is); False when nothing can run now."""
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return self.run([item.data(0, ROW_ROLE)]) if item is not None else False

    def run(self, rels: list[str]) -> bool:
        """Run these scenario files (project-relative) in the preview; False when nothing can run now."""
        rows = [r for r in (self.row(rel) for rel in rels) if r is not None]
        if not rows or self.running or self.project is None:
            return False
        self.last_run = [r.rel for r in rows]
        self._started = time.perf_counter()
        self.summary.setText(f"running {len(rows)} scenario(s)…")
        self.task = spawn(self._run(rows))
        self._show_buttons()
        self.sig_running.emit(True)
        return True

    async def _run(self, rows: list[ScenarioRow]) -> None:
        results, project = [], self.project
        try:
            results = await run_rows(self.target, self.project, rows, self.controller, self,
                                     float(self.pace.currentData() or 0), self.snapshot)
        finally:
            self.task = None
            self._show_buttons()
            self.sig_running.emit(False)
            if self.project is project:  # (another project opened meanwhile: its panel owes this run nothing)
                self._finished(results, len(rows))

    def _finished(self, results: list, asked: int) -> None:
        failed = sum(not r.passed for r in results)
        seconds = time.perf_counter() - self._started
        self.summary.setText(f"{len(results) - failed} passed, {failed} failed"
                             + (", stopped" if len(results) < asked else "") + f" · {seconds:.1f} s · "
                             + time.strftime("%H:%M:%S"))
        self.sig_finished.emit(results)
        if self._rerun:
            self._rerun = False
            self._watch_timer.start()

    def stop(self) -> None:
        """Stop the run (the scenario running fails as stopped; the live preview comes back)."""
        if self.running:
            self.task.cancel()

    def _show_buttons(self) -> None:
        has = bool(self.rows) and self.project is not None
        self.run_all_button.setEnabled(has and not self.running)
        self.run_button.setEnabled(has and not self.running)
        self.stop_button.setEnabled(self.running)

    # -- watch mode ---------------------------------------------------------------------------------------------------
    def files_changed(self, files: list[str]) -> None:
        """Project files changed on disk: the list follows its folder; in watch mode the last run runs again."""
        if self.project is None:
            return
        folder = self.folder()
        try:
            inside = folder.resolve().relative_to(Path(self.project.root).resolve()).as_posix()
        except (ValueError, OSError):
            inside = ""
        if inside and any(f == inside or f.startswith(inside + "/") for f in files) and not self.running:
            self.refresh()
        if self.watch.isChecked() and files:
            if self.running:
                self._rerun = True
            else:
                self._watch_timer.start()

    def _watch_run(self) -> None:
        if not self.watch.isChecked():
            return
        if self.running:
            self._rerun = True
            return
        self.refresh()
        self.run([rel for rel in self.last_run if self.row(rel)] or [r.rel for r in self.rows])

    # -- RunListener ------------------------------------------------------------------------------------------------
    def _ours(self, row: ScenarioRow) -> bool:
        """The row is one of the project shown (a stopped run of another project may still report)."""
        return any(r is row for r in self.rows)

    def scenario_started(self, row: ScenarioRow) -> None:
        if not self._ours(row):
            return
        self._update(row)
        item = self.items.get(row.rel)
        if item is not None:
            item.setExpanded(True)
            self.tree.scrollToItem(item)

    def step_changed(self, row: ScenarioRow, index: int) -> None:
        if not self._ours(row):
            return
        self._update(row)
        item = self.items.get(row.rel)
        if item is not None and 0 < index <= item.childCount():
            child = item.child(index - 1)
            self.tree.setCurrentItem(child)  # the current step, highlighted and in view
            self.tree.scrollToItem(child)

    def scenario_finished(self, row: ScenarioRow, snapshot) -> None:
        if not self._ours(row):
            return
        self._update(row)
        if snapshot is not None and not snapshot.isNull():
            self.details.document().addResource(QTextDocument.ResourceType.ImageResource,
                                                QUrl(f"snapshot:{row.rel}"), snapshot)
            row.snapshot = True
        item = self.items.get(row.rel)
        if item is not None and row.state == FAILED:
            failed = row.failed_step()
            self.tree.setCurrentItem(item.child(failed.index - 1) if failed is not None else item)
        self._show_details()

    # -- the tree ---------------------------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        self.tree.clear()
        self.items = {}
        for row in self.rows:
            item = QTreeWidgetItem([row.name, "", ""])
            item.setData(0, ROW_ROLE, row.rel)
            item.setToolTip(0, row.rel)
            for step in row.steps:
                child = QTreeWidgetItem([f"{step.index}. {step.text}", str(step.line or ""), ""])
                child.setData(0, ROW_ROLE, row.rel)
                child.setData(0, STEP_ROLE, step.index)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            self.items[row.rel] = item
            self._update(row)
        self._show_buttons()

    def _update(self, row: ScenarioRow) -> None:
        item = self.items.get(row.rel)
        if item is None:
            return
        state = FAILED if row.load_error and row.state != RUNNING else row.state
        paint(item, state, f"{MARKS[state]} {row.name}")
        item.setText(2, f"{row.result.seconds:.2f} s" if row.result is not None else "")
        times = list(row.result.step_ms) if row.result is not None else []
        for n, step in enumerate(row.steps):
            child = item.child(n)
            paint(child, step.state, f"{MARKS[step.state]} {step.index}. {step.text}")
            child.setText(2, f"{times[n]:.0f} ms" if n < len(times) else "")
            child.setToolTip(0, step.message or step.text)

    def _selected(self) -> tuple[ScenarioRow | None, int | None]:
        item = self.tree.currentItem()
        if item is None:
            return None, None
        return self.row(item.data(0, ROW_ROLE)), item.data(0, STEP_ROLE)

    def _show_details(self) -> None:
        row, index = self._selected()
        self.details.setHtml(details_html(row, index) if row is not None else "")

    def _jump(self, item: QTreeWidgetItem) -> None:
        row = self.row(item.data(0, ROW_ROLE))
        index = item.data(0, STEP_ROLE)
        step = row.step(index) if row is not None and index else None
        if row is not None:
            self.sig_open_location.emit(row.rel, step.line if step else 1, step.column if step else 1)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "goto":
            rel, _, place = url.path().rpartition(":")
            line, _, column = place.partition(",")
            self.sig_open_location.emit(rel, int(line or 1), int(column or 1))
