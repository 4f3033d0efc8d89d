"""Work-arounds for PySide6 defects the sandbox runs into.

PySide6 6.12's `SignalInstance.emit()` (and `SignalInstance.disconnect(slot)`) drop a reference to `True` on every
call; after a few thousand emits the interpreter aborts at exit with "bool_dealloc: deallocating True or False".
`emit()` below measures the defect once and gives the reference back, so it is a no-op on fixed versions.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]


class _Probe(QObject):
    fired = Signal()


def _measure_leak() -> int:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    return max(0, before - sys.getrefcount(True))


_LEAK = _measure_leak()


def emit(signal: SignalInstance, *args) -> None:
    """signal.emit(*args), compensating PySide's lost reference to True."""
    signal.emit(*args)
    for _ in range(_LEAK):
        _incref(True)
