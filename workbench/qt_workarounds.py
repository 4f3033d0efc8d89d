"""Work-arounds for defects of the Qt bindings, applied once before any widget or page exists.

PySide6 6.12 drops a reference to `True` on every Python-side `Signal.emit()` and `disconnect(slot)`. On Python
3.11, where `True` is an ordinary refcounted object, about a thousand emits of a connected signal deallocate it and
the interpreter aborts ("bool_dealloc: deallocating True or False") — in the middle of a session, not only at exit.
Python 3.12 made the booleans immortal; here we give them the same property by pinning their reference counts
far beyond anything the leak can drain, which covers every emit, ours and the libraries'.
"""

from __future__ import annotations

import ctypes
import sys

_PIN = 1 << 40  # a trillion emits before the pin could run out


def pin_booleans() -> None:
    """Make True and False effectively immortal (a no-op where the interpreter already does)."""
    if sys.version_info >= (3, 12) or getattr(pin_booleans, "done", False):
        return
    for obj in (True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _PIN
    pin_booleans.done = True


pin_booleans()
