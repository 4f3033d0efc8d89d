"""Signal helpers for the sandbox.

`emit(signal, *args)` is kept as the one place the sandbox emits through; the PySide6 reference leak it used to
compensate is now neutralised for the whole process by workbench.qt_workarounds (imported by this package).
"""

from __future__ import annotations

from PySide6.QtCore import SignalInstance

import workbench.qt_workarounds  # noqa: F401


def emit(signal: SignalInstance, *args) -> None:
    """signal.emit(*args)."""
    signal.emit(*args)
