"""The QtWebEngine runtime shared by the window and headless `workbench test` (see session.py for the protocol)."""

import workbench.qt_workarounds  # noqa: F401  (before any signal is emitted or page is created)
