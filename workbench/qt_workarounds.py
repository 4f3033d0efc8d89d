"""Containment of reference-count defects in the Qt bindings, applied once before any widget or page exists.

PySide6 6.12.0 drops a reference to `None` on every `runJavaScript` callback and timer beat, and one to `True` on
every Python-side `Signal.emit()`. On Python 3.11, where these are ordinary refcounted objects, a long run
deallocates them and the interpreter aborts ("none_dealloc", "bool_dealloc"). The project pins a PySide6 release
without the defect (pyproject.toml: 6.11.3, measured flat over 200,000 evaluations and emits by
tests/sandbox/test_binding_soak.py). This module is the second line for an environment that forced another
release: it gives the three singletons the immortality Python 3.12 gives them, so no binding leak can free them,
and logs a warning when the running release is one known to leak.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_PIN = 1 << 40  # a trillion leaked references before the pin could run out
LEAKING_RELEASES = ("6.12.0",)


def pin_immortals() -> None:
    """Make None, True and False effectively immortal (a no-op where the interpreter already does)."""
    if sys.version_info >= (3, 12) or getattr(pin_immortals, "done", False):
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _PIN
    pin_immortals.done = True


def warn_if_leaking_release() -> None:
    """Log once when the installed PySide6 is a release known to leak references."""
    try:
        import PySide6
    except ImportError:
        return
    if PySide6.__version__ in LEAKING_RELEASES:
        log.warning("PySide6 %s leaks references to None and True on every call; the workbench contains it, but "
                    "install the pinned release (pip install 'PySide6>=6.11.3,<6.12')", PySide6.__version__)


pin_immortals()
