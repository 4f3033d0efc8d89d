"""What the window's File, Project and Help menus do beyond opening and saving: new project (wizard), close,
validate, build, saving before an export or a build, and the import destination. Mixed into MainWindow."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox

from workbench.core.diagnostics import Severity
from workbench.core.trust import is_trusted, trust
from workbench.ui import dialogs, settings

log = logging.getLogger(__name__)


class WindowActions:
    """Window behaviour behind the menus (self is the MainWindow)."""

    build_runner = None
    build_dock: QDockWidget | None = None
    new_project_dialog = None

    # -- new project ------------------------------------------------------------------------------------------------
    def new_project(self, sample: str | None = None):
        """Open the New Project wizard (a sample preselected, if given); nothing is written before Create."""
        from workbench.registry import all_samples, all_targets
        from workbench.ui.wizard.new_project import NewProjectDialog
        titles = {t.name: t.title for t in all_targets()}
        location = settings.app_settings().value("new/location", "") or ""
        dialog = NewProjectDialog(all_samples(), titles, str(location), sample, self)
        dialog.sig_request.connect(self.create_project)
        self.new_project_dialog = dialog
        dialog.open()
        return dialog

    def create_project(self, request) -> bool:
        """Close the open project (asking about unsaved changes), then create the new one and open it."""
        from workbench.core.newproject import NewProjectError
        from workbench.registry import new_project
        if not self.close_project():
            return False  # cancelled: nothing was created
        try:
            new_project(request.sample, request.dest, request.options)
        except (NewProjectError, OSError) as exc:
            QMessageBox.warning(self, "New project", str(exc))
            return False
        trust(request.dest)  # made here from the workbench's own samples
        s = settings.app_settings()
        s.setValue("new/location", str(Path(request.dest).parent))
        s.sync()
        return self.open_project(request.dest)

    def close_project_to_start(self) -> bool:
        """File → Close project: back to the start page (asking about unsaved changes)."""
        if not self.close_project():
            return False
        self.show_start_page()
        return True

    # -- validate ---------------------------------------------------------------------------------------------------
    def validate_project(self) -> None:
        """Validate now and show the Problems panel."""
        if self.session is None:
            return
        self.session.validate_now()
        self.problems_dock.show()
        self.problems_dock.raise_()

    # -- saving before export / build -------------------------------------------------------------------------------
    def save_before(self, purpose: str) -> bool:
        """Unsaved changes before an export or a build: the valid ones saved on request, an invalid buffer never
        written without the user's word; False when the user cancels."""
        if self.session is None:
            return False
        dirty = self.session.dirty_documents()
        if not dirty:
            return True
        from workbench.core.validation import LiveValidator
        validator = LiveValidator(self.session.target, self.session.project)
        validator.buffers = {d.rel: d.text for d in dirty}
        erroneous = {d.file for d in validator.run() if d.severity is Severity.ERROR}
        valid = [d.rel for d in dirty if d.rel not in erroneous]
        invalid = [d.rel for d in dirty if d.rel in erroneous]
        answer = dialogs.ask_save_before(self, purpose, valid, invalid)
        if answer == "cancel":
            return False
        if answer == "save":
            for rel in valid:
                self.editors.save(rel)
        return True

    # -- build ------------------------------------------------------------------------------------------------------
    def build(self) -> bool:
        """Run the project's own build (the host's BuildSpec) with progress in the Build panel."""
        if self.session is None:
            return False
        spec = self.session.target.build_spec(self.session.project)
        if spec is None:
            self.statusBar().showMessage(f"{self.session.target.title} projects need no build", 5000)
            return False
        runner = self._build_runner()
        if runner.running:
            self.statusBar().showMessage("A build is running: cancel it first (Project → Cancel build)", 5000)
            return False
        if not self.save_before("build"):
            return False
        self.problems.set_source("build", [])
        self.build_dock.show()
        self.build_dock.raise_()
        return runner.start(spec, self.session.project.root)

    def cancel_build(self) -> None:
        if self.build_runner is not None:
            self.build_runner.cancel()

    def _build_runner(self):
        if self.build_runner is None:
            from workbench.ui.build.panel import BuildPanel
            from workbench.ui.build.runner import BuildRunner
            self.build_runner = BuildRunner(self)
            self.build_runner.sig_finished.connect(self._build_finished)
            self.build_runner.sig_started.connect(lambda _s: self.cancel_build_action.setEnabled(True))
            self.build_panel = BuildPanel(self.build_runner)
            self.build_dock = self.add_dock(self.build_panel, "Build", Qt.DockWidgetArea.BottomDockWidgetArea,
                                            "dock-build")
            self.tabifyDockWidget(self.problems_dock, self.build_dock)
        return self.build_runner

    def _build_finished(self, result) -> None:
        self.cancel_build_action.setEnabled(False)
        self.problems.set_source("build", result.diagnostics)
        message = "Build cancelled" if result.cancelled else "Build succeeded" if result.ok else "Build failed"
        self.statusBar().showMessage(message, 8000)
        if self.session is not None:
            self.session.schedule_validation()  # exports and checks that read the build's outputs see them now
            if not result.cancelled and not is_trusted(self.session.project.root):
                trust(self.session.project.root)  # the user ran its scripts: the preview may from now on
                self.sig_project_trusted.emit()

    # -- import -----------------------------------------------------------------------------------------------------
    def ask_import_dest(self, zip_path: str) -> str:
        """A folder to unpack into: a new one (it need not exist) or an empty one."""
        return dialogs.ask_new_folder(self, "Unpack into a new folder", str(Path(zip_path).with_suffix("")))

    # -- find in files ----------------------------------------------------------------------------------------------
    def find_in_files(self, text: str = ""):
        """Show the Find in files panel (the current selection as the query)."""
        if self.session is None:
            return None
        if getattr(self, "find_panel", None) is None:
            from workbench.ui.editors.find_in_files import FindInFilesPanel
            s = lambda: self.session  # noqa: E731
            self.find_panel = FindInFilesPanel(
                lambda: s().project.files(s().validator.buffers) if s() is not None else None)
            self.find_panel.sig_open_match.connect(self._open_match)
            self.find_dock = self.add_dock(self.find_panel, "Find in files", Qt.DockWidgetArea.BottomDockWidgetArea,
                                           "dock-find")
            self.tabifyDockWidget(self.problems_dock, self.find_dock)
        editor = self.editors.current_editor()
        selected = editor.editor.textCursor().selectedText() if editor and not text else ""
        self.find_dock.show()
        self.find_dock.raise_()
        self.find_panel.start(text or (selected if "\u2029" not in selected else ""))
        return self.find_panel

    def _open_match(self, m) -> None:
        editor = self.open_file(m.file)
        if editor is not None:
            editor.editor.go_to(m.line, m.column)
            cursor = editor.editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.Right, cursor.MoveMode.KeepAnchor, m.length)
            editor.editor.setTextCursor(cursor)
