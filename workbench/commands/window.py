"""`workbench [PATH]`: the main window on an asyncio-integrated Qt loop (qasync); a start page without PATH."""

from __future__ import annotations

import argparse
import os
import sys


def build_parser(parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser of `workbench [options] [PATH]`."""
    parser = parser_class(prog="workbench", description="Open the Plugin Workbench window.")
    parser.add_argument("path", nargs="?", help="a project folder (without it: the start page)")
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme (default: as saved)")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="close the window after SECONDS (smoke tests; also $WORKBENCH_QUIT_AFTER)")
    return parser


def start_application():
    """QtWebEngine prepared, then the named QApplication (the first thing the window needs)."""
    from PySide6.QtWidgets import QApplication

    from workbench.ui.preview import plugin as preview

    preview.prepare()  # QtWebEngine and the workbench URL scheme must be set up before the QApplication
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Plugin Workbench")
    app.setOrganizationName("PluginWorkbench")
    return app


def create_window(theme_name: str | None = None, controller=None):
    """The QApplication and the main window with every panel, exactly as `workbench` shows it (tools reuse it);
    controller: a preview started before the window (preview.open_early)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or start_application()
    from workbench.ui import settings
    from workbench.ui.main_window import MainWindow
    from workbench.ui.preview import plugin as preview
    from workbench.ui.theme import ThemeManager

    theme = ThemeManager(theme_name or settings.app_settings().value("ui/theme", "system"))
    window = MainWindow(theme)
    preview.install(window, controller)  # the preview docks (with $WORKBENCH_READY_MARKER: prints when it is loaded)
    window.restore_layout()
    return app, window


async def _start_preview(path: str | None):
    """A project's preview page starts loading before the window exists, and the window's modules are imported
    meanwhile in a worker thread, so that the GUI thread stays free to serve the page: (target, project, controller)
    or None (no project: the window opens as before)."""
    import asyncio

    from workbench.ui.preview import plugin as preview

    early = preview.open_early(path) if path else None
    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)  # the page's requests and reports wait less for the importing thread
    try:
        await asyncio.to_thread(preview.preload)
    finally:
        sys.setswitchinterval(switch)
    return early


def main(args: argparse.Namespace) -> int:
    """Open the window (args from build_parser) and run the event loop until it closes; returns the exit code."""
    import asyncio

    import qasync
    from PySide6.QtCore import QTimer

    from workbench.sandbox.qtlog import route_qt_messages
    route_qt_messages()  # Qt's own messages go to this run's log file
    app = start_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    with loop:
        early = loop.run_until_complete(_start_preview(args.path))
        # the window is built and opened with the loop stopped, as a dialog it may show (recovery, not a project)
        # must not run inside a task
        _app, window = create_window(args.theme, early[2] if early else None)
        window.show()
        if early:
            window.show_project(early[0], early[1])
        elif not args.path or not window.open_project(args.path):
            window.show_start_page()
        quit_after = args.quit_after or float(os.environ.get("WORKBENCH_QUIT_AFTER", "0") or 0)
        if quit_after:
            QTimer.singleShot(int(quit_after * 1000), window.close)
        loop.run_until_complete(closed.wait())
    return 0
