"""The window's menus: File, Edit, Project and Help (View and Run are built by the window), shortcuts shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar

from workbench.ui import settings

# Keys the text widgets own even inside a form: window shortcuts never take them from a field.
TEXT_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo, QKeySequence.StandardKey.Cut,
             QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll,
             QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.Backspace)


def shown_only(action: QAction) -> QAction:
    """Show the shortcut in the menu while the focused editor keeps handling the key itself (no ambiguity)."""
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    return action


def build_file_menu(window, bar: QMenuBar) -> QMenu:
    w = window
    w.new_project_action = w._action("New project…", "Ctrl+Shift+N", lambda: w.new_project(),
                                     "Create a project from a blank start or a sample")
    w.new_file_action = w._action("New file…", "Ctrl+N", lambda: w.explorer_actions.new_file(),
                                  "A new file in the folder selected in the explorer")
    w.close_project_action = w._action("Close project", None, w.close_project_to_start)
    w.quit_action = w._action("Quit", "Ctrl+Q", w.close)
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    menu = bar.addMenu("&File")
    for a in (w.new_project_action, w.new_file_action, None, w.start_action, w.open_action):
        menu.addSeparator() if a is None else menu.addAction(a)
    w.recent_menu = menu.addMenu("Open recent")
    w.recent_menu.aboutToShow.connect(lambda: fill_recent(w, w.recent_menu))
    fill_recent(w, w.recent_menu)
    for a in (w.import_action, w.quick_open_action, None, w.save_action, w.save_all_action, w.close_tab_action,
              w.close_project_action, None, w.export_action, None, w.quit_action):
        menu.addSeparator() if a is None else menu.addAction(a)
    return menu


def fill_recent(window, menu: QMenu) -> None:
    menu.clear()
    recent = settings.recent_projects()
    for path in recent:
        action = menu.addAction(f"{Path(path).name}    {path}")
        action.triggered.connect(lambda _=False, p=path: window.open_project(p) if window.close_project() else None)
    if not recent:
        menu.addAction("(none yet)").setEnabled(False)


def _editor(window):
    return window.editors.current_editor()


def _focused(method: str):
    def run() -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()
    return run


def build_edit_menu(window, bar: QMenuBar, before: QAction | None) -> QMenu:
    w = window
    menu = QMenu("&Edit", bar)
    bar.insertMenu(before, menu) if before is not None else bar.addMenu(menu)
    doc_step = lambda name: lambda: getattr(_editor(w).document, name)() if _editor(w) else None  # noqa: E731
    items = [("Undo", QKeySequence.StandardKey.Undo, doc_step("undo")),
             ("Redo", QKeySequence.StandardKey.Redo, doc_step("redo")), None,
             ("Cut", QKeySequence.StandardKey.Cut, _focused("cut")),
             ("Copy", QKeySequence.StandardKey.Copy, _focused("copy")),
             ("Paste", QKeySequence.StandardKey.Paste, _focused("paste")),
             ("Select all", QKeySequence.StandardKey.SelectAll, _focused("selectAll")), None,
             ("Find…", "Ctrl+F", lambda: _editor(w) and _editor(w).find_bar.open_bar(False)),
             ("Replace…", "Ctrl+H", lambda: _editor(w) and _editor(w).find_bar.open_bar(True)),
             ("Quick fix…", "Ctrl+.", lambda: _editor(w) and _editor(w).editor.show_quick_fixes())]
    w.edit_actions = {}
    for item in items:
        if item is None:
            menu.addSeparator()
            continue
        text, keys, slot = item
        action = shown_only(w._action(text, keys, slot))
        menu.addAction(action)
        w.edit_actions[text] = action
    menu.addSeparator()
    w.find_in_files_action = w._action("Find in files…", "Ctrl+Shift+F", w.find_in_files,
                                       "Search every file of the project")
    menu.addAction(w.find_in_files_action)
    menu.addAction(w.quick_open_action)
    return menu


def build_project_menu(window, bar: QMenuBar, before: QAction | None) -> QMenu:
    w = window
    w.validate_action = w._action("Validate", "Ctrl+Shift+M", w.validate_project,
                                  "Validate the project now and show the problems")
    w.build_action = w._action("Build", "Ctrl+Shift+B", w.build, "Run the project's own build (Maven, npm…)")
    w.cancel_build_action = w._action("Cancel build", None, w.cancel_build)
    w.cancel_build_action.setEnabled(False)
    menu = QMenu("&Project", bar)
    bar.insertMenu(before, menu) if before is not None else bar.addMenu(menu)
    for a in (w.validate_action, w.build_action, w.cancel_build_action, None, w.export_action):
        menu.addSeparator() if a is None else menu.addAction(a)
    return menu


def build_help_menu(window, bar: QMenuBar) -> QMenu:
    from workbench.ui import help as pages
    w = window
    w.rules_action = w._action("Rules reference", "F1", lambda: setattr(w, "help_page", pages.show_rules(w)),
                               "Every diagnostic code, what triggers it and how to fix it")
    w.shortcuts_action = w._action("Keyboard shortcuts", "Ctrl+/",
                                   lambda: setattr(w, "help_page", pages.show_shortcuts(w)))
    w.about_action = w._action("About Plugin Workbench", None, lambda: pages.show_about(w))
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    menu = bar.addMenu("&Help")
    for a in (w.rules_action, w.shortcuts_action, None, w.about_action):
        menu.addSeparator() if a is None else menu.addAction(a)
    return menu


def window_takes(window, event) -> bool:
    """A key pressed in a form field that is one of the window's shortcuts (Ctrl+E…), not a text-editing key."""
    if any(event.matches(k) for k in TEXT_KEYS):
        return False
    pressed = QKeySequence(event.keyCombination())
    return any(a.isEnabled() and a.shortcutContext() != Qt.ShortcutContext.WidgetShortcut and
               any(s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for s in a.shortcuts())
               for a in window.actions())
