"""The preview's menu entries: View (Focus preview, Detach preview), Run (scenarios, watch mode) and Debug
(DevTools, the plugin's process under the debugger)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from workbench.sandbox.session.capabilities import Inspectable


def _action(parent: QObject, text: str, slot, shortcut: str = "", tip: str = "", checkable: bool = False) -> QAction:
    action = QAction(text, parent)
    action.setCheckable(checkable)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(f"{tip or text} ({shortcut})" if shortcut else tip or text)
    action.triggered.connect(slot)
    return action


def debug_menu(window) -> QMenu:
    """The window's Debug menu, before Help when there is one."""
    bar = window.menuBar()
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    menu = QMenu("&Debug", bar)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu


class PreviewActions(QObject):
    """The actions of one PreviewPlugin, in the window's menus and on the preview's bar."""

    def __init__(self, plugin):
        super().__init__(plugin)
        window, layout = plugin.window, plugin.window.layout_manager
        self.plugin = plugin
        self.focus = _action(window, "Focus preview", lambda on: layout.set_focus(on), "Ctrl+Alt+P",
                             "Give the whole window to the preview (again to bring the panels back)", True)
        layout.sig_focus.connect(self.focus.setChecked)
        self.detach = _action(window, "Detach preview", lambda _=False: self.detach_preview(), "",
                              "Show the preview in a window of its own (double-click its title to dock it again)")
        self.run_all = _action(window, "Run all scenarios", lambda _=False: plugin.tests.run_all(), "Ctrl+F5",
                               "Run every scenario in the preview, step by step")
        self.run_selected = _action(window, "Run the selected scenario", lambda _=False: self._run_selected())
        self.stop = _action(window, "Stop the scenarios", lambda _=False: plugin.tests.stop())
        self.watch = _action(window, "Watch: run the scenarios on save", plugin.tests.watch.setChecked, "", "",
                             True)
        plugin.tests.watch.toggled.connect(self.watch.setChecked)
        self.devtools = _action(window, "DevTools", lambda on: self.show_devtools(on), "F12",
                                "Chromium DevTools for the preview's page", True)
        plugin.devtools_dock.visibilityChanged.connect(
            lambda _v: self.devtools.setChecked(plugin.devtools_dock.isVisible()))
        self.inspect = _action(window, "Debug the plugin process (node --inspect)",
                               lambda on: plugin.devtools.node.set_on(on), "", "", True)
        self.open_inspector = _action(window, "Open the plugin process in DevTools",
                                      lambda _=False: self.open_node_devtools())
        view = window.view_menu
        first = view.actions()[0] if view.actions() else None
        for action in (self.focus, self.detach):
            view.insertAction(first, action)
        run = getattr(window, "run_menu", None) or window.menuBar().addMenu("&Run")
        run.addSeparator()
        for action in (self.run_all, self.run_selected, self.stop, self.watch):
            run.addAction(action)
        self.debug_menu = debug_menu(window)
        for action in (self.devtools, self.inspect, self.open_inspector):
            self.debug_menu.addAction(action)
        for action in (self.focus, self.devtools):
            plugin.panel.add_tool(action)
        plugin.devtools.node.switch.toggled.connect(self.inspect.setChecked)
        plugin.tests.sig_running.connect(lambda _r: self._enable())
        plugin.controller.sig_session.connect(lambda _s: self._enable())
        self._enable()

    def _enable(self) -> None:
        tests = self.plugin.tests
        self.run_all.setEnabled(bool(tests.rows) and not tests.running)
        self.run_selected.setEnabled(bool(tests.rows) and not tests.running)
        self.stop.setEnabled(tests.running)
        session = self.plugin.controller.session
        inspectable = isinstance(session, Inspectable) and session.can_inspect()
        self.inspect.setEnabled(inspectable)
        self.open_inspector.setEnabled(inspectable)
        self.inspect.setChecked(inspectable and session.inspector() is not None)

    def _run_selected(self) -> None:
        tests = self.plugin.tests
        if tests.tree.currentItem() is None and tests.rows:
            tests.run([tests.rows[0].rel])
        else:
            tests.run_selected()

    def detach_preview(self) -> None:
        dock = self.plugin.preview_dock
        dock.show()
        dock.setFloating(True)
        dock.raise_()

    def show_devtools(self, on: bool) -> None:
        dock = self.plugin.devtools_dock
        if on == dock.isVisible():
            return
        dock.setVisible(on)
        if on:
            dock.raise_()
            layout = self.plugin.window.layout_manager
            QTimer.singleShot(0, lambda: layout.share_column("preview", "devtools"))

    def open_node_devtools(self) -> None:
        """One click: the process under the debugger and DevTools on it."""
        self.show_devtools(True)
        self.plugin.devtools.show_node()
        self.plugin.devtools.node.open_devtools()
