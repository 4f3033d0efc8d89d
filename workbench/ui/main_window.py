"""The main window: explorer, editors, problems, status bar, actions; docks can be added (the preview panel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.core.project import Project, ProjectDetectionError, Target
from workbench.registry import open_project as open_project_at
from workbench.ui import dialogs, menus, settings
from workbench.ui.editor_area import EditorArea
from workbench.ui.explorer.actions import ExplorerActions
from workbench.ui.explorer.widget import ExplorerPanel
from workbench.ui.layout import BOTTOM, LEFT, Place, WindowLayout
from workbench.ui.problems.widget import ProblemsPanel
from workbench.ui.session import ProjectSession
from workbench.ui.theme import ThemeManager
from workbench.ui.window_actions import WindowActions


def default_size() -> tuple[int, int]:
    """A first-launch size that uses most of the screen (the saved geometry wins afterwards)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return 1360, 860
    area = screen.availableGeometry()
    return max(1024, min(1800, int(area.width() * 0.92))), max(700, min(1100, int(area.height() * 0.92)))


class MainWindow(WindowActions, QMainWindow):
    sig_project_opened = Signal(object, object)
    """Emitted with (target, project) after a project is shown (the preview panel loads it)."""
    sig_project_closed = Signal()
    """Emitted before the current project is closed."""
    sig_file_saved = Signal(str)
    """Emitted with the project-relative path of every file saved from the window."""
    sig_diagnostics = Signal(list)
    """Emitted with the project's diagnostics after each validation run."""
    sig_project_trusted = Signal()
    """Emitted when the user first built the project here: views may now run its code by themselves."""

    def __init__(self, theme: ThemeManager | None = None):
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle("Plugin Workbench")
        self.theme = theme or ThemeManager(settings.app_settings().value("ui/theme", "system"))
        self.session: ProjectSession | None = None
        self.run_handler: Callable[[], None] | None = None
        self.export_dialog = None
        # How work that can wait after a project opens (its first validation, the scenario list) is run: at once, or
        # once the preview's page is loaded (the preview replaces this), so that the page loads first.
        self.when_loaded: Callable[[Callable[[], None]], None] = lambda work: work()
        self.layout_manager = WindowLayout(self)
        self.editors = EditorArea()
        self.editors.setObjectName("editors")
        self.start_page: QWidget | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editors)
        self.setCentralWidget(self.stack)
        self.explorer = ExplorerPanel()
        self.explorer.setObjectName("explorer")
        self.problems = ProblemsPanel()
        self.problems.setObjectName("problems")
        self.explorer_dock = self.add_dock(self.explorer, "Explorer", place=Place(LEFT))
        self.explorer_actions = ExplorerActions(self)
        self.problems_dock = self.add_dock(self.problems, "Problems", place=Place(BOTTOM))
        self._make_actions()
        self._make_status_bar()
        self.explorer.sig_open_file.connect(self.open_file)
        self.explorer.sig_files_changed.connect(self._files_changed)
        self.problems.sig_jump.connect(self.show_diagnostic)
        self.problems.sig_new_errors.connect(lambda: (self.problems_dock.show(), self.problems_dock.raise_()))
        self.editors.sig_current_file.connect(self._current_file_changed)
        self.editors.sig_saved.connect(self.sig_file_saved)
        self.theme.sig_theme_changed.connect(self._apply_theme)
        self.resize(*default_size())
        # The saved layout is restored by restore_layout() once every panel is docked (docks added after a restore
        # lose their saved place and squeeze the others).

    # -- extension points -------------------------------------------------------------------------------------------
    def add_dock(self, widget: QWidget, title: str, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea,
                 name: str | None = None, place: Place | None = None) -> QDockWidget:
        """Dock a panel in its default place (its state is saved with the layout under dock-`name`)."""
        dock = QDockWidget(title, self)
        dock.setWidget(widget)
        key = (name or title.lower().replace(" ", "-")).removeprefix("dock-")
        self.layout_manager.add(key, dock, place or Place(area))
        if hasattr(self, "view_menu"):
            self.view_menu.insertAction(self.panels_end, dock.toggleViewAction())  # the panels together
        return dock

    def set_run_handler(self, handler: Callable[[], None] | None) -> None:
        """What F5 / Run does (the preview panel provides it)."""
        self.run_handler = handler
        self.run_action.setEnabled(handler is not None or self.session is not None)

    # -- actions ----------------------------------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str | QKeySequence | None, slot, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text} ({QKeySequence(shortcut).toString()})" if shortcut else tip or text)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.open_action = self._action("Open folder…", QKeySequence.StandardKey.Open, lambda: self.ask_open_folder())
        self.save_action = self._action("Save", "Ctrl+S", lambda: self.editors.save())
        self.save_all_action = self._action("Save all", "Ctrl+Shift+S", lambda: self.editors.save_all())
        self.quick_open_action = self._action("Quick open…", "Ctrl+P", self.quick_open)
        self.run_action = self._action("Run", "F5", self.run, "Run the project in the preview")
        self.export_action = self._action("Export", "Ctrl+E", self.export, "Export the upload-ready package")
        self.close_tab_action = self._action("Close file", "Ctrl+W", lambda: self.editors.close_file(
            self.editors.current_rel() or ""))
        self.start_action = self._action("Start page", None, self.show_start_page)
        self.import_action = self._action("Import package…", None, lambda: self.import_package(),
                                          "Unpack a host's package zip into a new folder and open it")
        menu = self.menuBar()
        menus.build_file_menu(self, menu)
        self.view_menu = menu.addMenu("&View")
        self.reset_layout_action = self.view_menu.addAction("Reset layout")
        self.reset_layout_action.triggered.connect(lambda _=False: self.layout_manager.reset())
        self.view_menu.addSeparator()
        for dock in (self.explorer_dock, self.problems_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.panels_end = self.view_menu.addSeparator()
        theme_menu = self.view_menu.addMenu("Theme")
        for choice in ("system", "light", "dark"):
            a = theme_menu.addAction(choice.capitalize())
            a.triggered.connect(lambda _=False, c=choice: self.set_theme_choice(c))
        self.run_menu = menu.addMenu("&Run")
        self.run_menu.addAction(self.run_action)
        menus.build_edit_menu(self, menu, self.view_menu.menuAction())
        menus.build_project_menu(self, menu, self.view_menu.menuAction())
        menus.build_help_menu(self, menu)
        bar = QToolBar("Main")
        bar.setObjectName("toolbar-main")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.save_action, self.save_all_action, self.quick_open_action, self.run_action,
                  self.export_action):
            bar.addAction(a)
        self.addToolBar(bar)
        self._set_project_actions(False)

    def _set_project_actions(self, enabled: bool) -> None:
        for a in (self.save_action, self.save_all_action, self.quick_open_action, self.export_action,
                  self.close_tab_action, self.run_action, self.new_file_action, self.close_project_action,
                  self.validate_action, self.build_action, self.find_in_files_action):
            a.setEnabled(enabled)

    def _make_status_bar(self) -> None:
        self.target_label = QLabel("No project")
        self.validation_label = QLabel("")
        self.position_label = QLabel("")
        status = self.statusBar()
        status.addWidget(self.target_label)
        status.addPermanentWidget(self.position_label)
        status.addPermanentWidget(self.validation_label)

    def set_theme_choice(self, choice: str) -> None:
        self.theme.set_choice(choice)
        settings.app_settings().setValue("ui/theme", choice)

    def _apply_theme(self, theme) -> None:
        for editor in self.editors.editors.values():
            editor.editor.set_theme(theme)
        self.problems.refill()

    # -- project ----------------------------------------------------------------------------------------------------
    def open_project(self, path: str | Path) -> bool:
        """Open a project folder; a folder that is not a project gets a clear message and the start page stays."""
        try:
            target, project = open_project_at(path)
        except ProjectDetectionError as exc:
            QMessageBox.warning(self, "Not a plugin project", str(exc))
            return False
        self.show_project(target, project)
        return True

    def show_project(self, target: Target, project: Project) -> None:
        self.close_project()
        self.session = ProjectSession(target, project, self)
        self.session.sig_diagnostics.connect(self._diagnostics)
        self.session.sig_validating.connect(lambda: self.validation_label.setText("⟳ validating…"))
        self.editors.set_session(self.session)
        self._drop_start_page()  # its minimum width must not stay in the central area
        self.layout_manager.project_opened()
        title = f"{target.title} · {project.kind}"
        model = self.explorer.open_root(str(project.root), title)
        self._refresh_outline()
        self.explorer.expand_outline()
        self.stack.setCurrentWidget(self.editors)
        self.setWindowTitle(f"{project.title or project.root.name} — Plugin Workbench")
        self.target_label.setText(f"{target.title} · {project.kind} · {model.files.name}")
        self._set_project_actions(True)
        settings.add_recent_project(project.root)
        session = self.session
        self.when_loaded(lambda: session.validate_now() if self.session is session else None)
        self._offer_recovery()
        self.sig_project_opened.emit(target, project)

    def close_project(self) -> bool:
        if self.session is None:
            return True
        dirty = [d.rel for d in self.session.dirty_documents()]
        if dirty:
            answer = dialogs.ask_unsaved(self, dirty)
            if answer == "cancel":
                return False
            if answer == "save":
                self.editors.save_all()
        self.sig_project_closed.emit()
        self.editors.set_session(None)
        self.session.recovery.clear()
        self.explorer.close_root()
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self.problems.clear()
        self._set_project_actions(False)
        self.layout_manager.project_closed()
        return True

    def _refresh_outline(self) -> None:
        s = self.session
        if s is None or self.explorer.model is None:
            return
        try:
            nodes = s.target.outline(s.project, s.project.files(s.validator.buffers))
        except Exception:  # an outline failure must not stop the files from showing
            nodes = []
        self.explorer.model.set_outline(f"{s.target.title} · {s.project.kind}", nodes)

    def _offer_recovery(self) -> None:
        entries = self.session.recovery.entries()
        if not entries:
            return
        if dialogs.ask_restore(self, entries):
            for entry in entries:
                editor = self.editors.open_file(entry.rel)
                editor.document.set_text(entry.text)
        else:
            self.session.recovery.clear()

    def _files_changed(self, batch) -> None:
        self.editors.files_changed(batch.files)
        if self.session is not None:
            self.session.schedule_validation()
            self._refresh_outline()

    # -- files ------------------------------------------------------------------------------------------------------
    def open_file(self, rel: str):
        if self.session is None:
            return None
        editor = self.editors.open_file(rel)
        self.explorer.select(rel)
        return editor

    def show_diagnostic(self, d: Diagnostic) -> None:
        """Open the diagnostic's file at its line (and its form field when the form is shown)."""
        if not d.file or self.session is None:
            return
        if not (self.session.project.root / d.file).is_file():
            return
        editor = self.open_file(d.file)
        editor.go_to(d.range.start.line, d.range.start.column, in_form=True)

    def quick_open(self) -> None:
        from workbench.ui.quick_open import QuickOpen
        if self.explorer.model is None:
            return
        dialog = QuickOpen(self.explorer.model.file_paths(), self)
        dialog.sig_chosen.connect(self.open_file)
        self.quick_open_dialog = dialog
        dialog.open()

    def _current_file_changed(self, rel: str | None) -> None:
        self.problems.set_current_file(rel)
        if rel:
            self.explorer.select(rel)

    def _diagnostics(self, diags: list[Diagnostic]) -> None:
        self.problems.set_diagnostics(diags)
        self.editors.set_diagnostics(diags)
        counts = self.problems.counts()
        if not diags:
            self.validation_label.setText("✓ no problems")
        else:
            self.validation_label.setText(f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} "
                                          f"warning(s), {counts[Severity.INFO]} note(s)")
        self.sig_diagnostics.emit(diags)

    # -- run / export -----------------------------------------------------------------------------------------------
    def run(self) -> None:
        if self.run_handler is not None:
            self.run_handler()
        else:
            self.statusBar().showMessage("Run: the preview panel is not available in this build", 4000)

    def export(self):
        """Ask about unsaved changes, then export the project with progress (the dialog shows the outcome)."""
        from workbench.ui.export.dialog import ExportDialog
        if self.session is None or not self.save_before("export"):
            return None
        dialog = ExportDialog(self.session.target, self.session.project, self)
        dialog.sig_jump.connect(self.show_diagnostic)
        dialog.sig_finished.connect(lambda r: self.problems.set_source(
            "export", [] if isinstance(r, str) else [d for d in r.diagnostics if d.severity is Severity.ERROR]))
        self.export_dialog = dialog
        dialog.show()
        dialog.start()
        return dialog

    # -- start page -------------------------------------------------------------------------------------------------
    def _drop_start_page(self) -> None:
        if self.start_page is not None:
            self.stack.removeWidget(self.start_page)
            self.start_page.deleteLater()
            self.start_page = None

    def show_start_page(self) -> None:
        from workbench.registry import all_samples, all_targets
        from workbench.ui.start.page import StartPage
        self._drop_start_page()
        page = StartPage(all_samples(), settings.recent_projects(), [t.title for t in all_targets()])
        page.sig_open_folder.connect(lambda p: self.open_project(p) if p else self.ask_open_folder())
        page.sig_new_from_sample.connect(self.new_project)
        page.sig_new_project.connect(lambda: self.new_project())
        page.sig_import_package.connect(self.import_package)
        self.start_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def ask_open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a plugin project")
        if folder:
            self.open_project(folder)

    def new_from_sample(self, sample: str, parent_folder: str | None = None) -> bool:
        """A project from a sample with its default options in parent_folder/<sample> (or -2, -3...)."""
        from workbench.ui.wizard.new_project import NewProjectRequest
        parent_folder = parent_folder or QFileDialog.getExistingDirectory(self, f"Where to create {sample}")
        if not parent_folder:
            return False
        dest = Path(parent_folder) / sample
        n = 2
        while dest.exists():
            dest = Path(parent_folder) / f"{sample}-{n}"
            n += 1
        return self.create_project(NewProjectRequest(sample, dest, {}))

    def import_package(self, zip_path: str | None = None, dest: str | None = None) -> bool:
        from workbench.core.packaging import ImportRefused, import_package
        zip_path = zip_path or QFileDialog.getOpenFileName(self, "Import a package", "", "Zip packages (*.zip)")[0]
        if not zip_path:
            return False
        dest = dest or self.ask_import_dest(zip_path)
        if not dest:
            return False
        try:
            from workbench.registry import import_layouts
            import_package(zip_path, dest, import_layouts())
        except ImportRefused as exc:  # the importer has written nothing (it unpacks beside dest, then renames)
            QMessageBox.warning(self, "Import refused", str(exc))
            return False
        except OSError as exc:
            QMessageBox.warning(self, "Import failed", f"{zip_path}: {exc.strerror or exc}")
            return False
        return self.open_project(dest)

    # -- layout persistence -----------------------------------------------------------------------------------------
    def restore_layout(self) -> None:
        """Restore the saved geometry and dock layout; call it after every panel has been added."""
        self.layout_manager.restore()

    def save_layout(self) -> None:
        self.layout_manager.save()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.close_project():
            event.ignore()
            return
        if self.build_runner is not None:
            self.build_runner.shutdown()
        self.save_layout()
        super().closeEvent(event)
