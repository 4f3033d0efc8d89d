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


def create_window(theme_name: str | None = None):
    """The QApplication and the main window with every panel, exactly as `workbench` shows it (tools reuse it)."""
    from PySide6.QtWidgets import QApplication

    from workbench.ui import settings
    from workbench.ui.main_window import MainWindow
    from workbench.ui.preview import plugin as preview
    from workbench.ui.theme import ThemeManager

    preview.prepare()  # QtWebEngine and the workbench URL scheme must be set up before the QApplication
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Plugin Workbench")
    app.setOrganizationName("PluginWorkbench")
    theme = ThemeManager(theme_name or settings.app_settings().value("ui/theme", "system"))
    window = MainWindow(theme)
    preview.install(window)  # the preview docks (with $WORKBENCH_READY_MARKER: prints when the preview is loaded)
    window.restore_layout()
    return app, window


def main(args: argparse.Namespace) -> int:
    """Open the window (args from build_parser) and run the event loop until it closes; returns the exit code."""
    import asyncio

    import qasync
    from PySide6.QtCore import QTimer

    from workbench.sandbox.qtlog import route_qt_messages
    route_qt_messages()  # Qt's own messages go to this run's log file
    app, window = create_window(args.theme)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window.show()
    if args.path:
        if not window.open_project(args.path):
            window.show_start_page()
    else:
        window.show_start_page()
    quit_after = args.quit_after or float(os.environ.get("WORKBENCH_QUIT_AFTER", "0") or 0)
    if quit_after:
        QTimer.singleShot(int(quit_after * 1000), window.close)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0
