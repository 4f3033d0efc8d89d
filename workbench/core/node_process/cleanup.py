"""No orphans: plugin processes are forked from one long-lived thread, die with the workbench, and are stopped at exit.

PR_SET_PDEATHSIG covers the direct child, a guard process its group (grandchildren included), atexit the rest.
"""

from __future__ import annotations

import atexit
import ctypes
import queue
import signal
import subprocess
import sys
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.core.node_process.supervisor import NodeProcess

PR_SET_PDEATHSIG = 1

LIVE: set[NodeProcess] = set()  # strong: a forgotten supervisor must still stop its plugin at exit


def _stop_all_at_exit() -> None:
    for proc in list(LIVE):
        proc.stop(grace_s=1.0)


atexit.register(_stop_all_at_exit)


def exit_on_sigterm() -> None:
    """Make SIGTERM run atexit handlers (and so stop plugins) when nobody else handles it; main thread only."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: (_ for _ in ()).throw(SystemExit(128 + signum)))


class Spawner:
    """One long-lived thread that creates every plugin process.

    PR_SET_PDEATHSIG fires when the *thread* that forked the child exits, so children must not be forked from
    short-lived threads (restart timers, runner threads): they would be killed as soon as that thread ends.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()

    def popen(self, *args, **kwargs) -> subprocess.Popen:
        """subprocess.Popen(*args, **kwargs), run on the spawner thread."""
        with self._guard:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="node-spawner", daemon=True)
                self._thread.start()
        done: Future = Future()
        self._jobs.put((done, args, kwargs))
        return done.result()

    def _serve(self) -> None:
        while True:
            done, args, kwargs = self._jobs.get()
            try:
                done.set_result(subprocess.Popen(*args, **kwargs))
            except BaseException as exc:  # handed back to the caller
                done.set_exception(exc)


SPAWNER = Spawner()


# Waits on a pipe from the workbench: EOF means the workbench died (even by SIGKILL), so kill the plugin's group,
# grandchildren included, which PR_SET_PDEATHSIG alone cannot reach.
_GUARD_CODE = (
    "import os, signal, sys\n"
    "sys.stdin.buffer.read()\n"
    "try:\n    os.killpg(int(sys.argv[1]), signal.SIGKILL)\nexcept OSError:\n    pass\n"
)


def start_guard(pgid: int) -> subprocess.Popen | None:
    """A watchdog process that ends group pgid when the workbench disappears without stopping it."""
    try:
        return SPAWNER.popen([sys.executable, "-S", "-c", _GUARD_CODE, str(pgid)], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return None


def dismiss_guard(guard: subprocess.Popen | None) -> None:
    """End a guard without letting it act (the group is being stopped properly; its id may be reused later)."""
    if guard is not None and guard.poll() is None:
        guard.kill()
        guard.wait()
        if guard.stdin:
            guard.stdin.close()


def die_with_parent() -> None:
    """In the child before exec: be killed when the workbench dies, even by SIGKILL (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
