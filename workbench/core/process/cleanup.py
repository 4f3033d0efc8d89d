"""Supervised processes stopped when the workbench exits normally (atexit, and SIGTERM made to run it).

Abnormal deaths of the workbench (a crash, SIGKILL) are the keeper's business: it sees its stdin end (keeper.py).
"""

from __future__ import annotations

import atexit
import signal
import threading
from typing import Protocol


class Stoppable(Protocol):
    def stop(self, grace_s: float = ...) -> object: ...


LIVE: set[Stoppable] = set()  # strong: a forgotten supervisor must still stop its plugin at exit


def _stop_all_at_exit() -> None:
    for proc in list(LIVE):
        proc.stop(grace_s=1.0)


atexit.register(_stop_all_at_exit)


def exit_on_sigterm() -> None:
    """Make SIGTERM run atexit handlers (and so stop plugins) when nobody else handles it; main thread only."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: (_ for _ in ()).throw(SystemExit(128 + signum)))
