"""The workbench window and its panels (Qt widgets only; the logic they drive lives in workbench.core)."""

import workbench.qt_workarounds  # noqa: F401  (before any signal is emitted or page is created)
