"""One build of a project at a time, across processes (the workers of `workbench test -j N` share a project).

The lock is a file beside the build stamp (`.workbench/build.lock`), held with the system's advisory lock
(fcntl on POSIX, msvcrt on Windows) and released by the system when its holder dies. A project the workbench
cannot write to builds without it."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".workbench/build.lock"
POLL_S = 0.1

try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextlib.contextmanager
def build_lock(root: Path, cancel: threading.Event | None = None) -> Iterator[bool]:
    """Hold the project's build lock (waiting for another process's build to end); yields False when cancel was set
    while waiting, True otherwise (also when the lock cannot be made: a read-only project)."""
    path = Path(root) / LOCK_FILE
    try:
        path.parent.mkdir(exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield True
        return
    try:
        while not _try_lock(fd):
            if cancel is not None and cancel.wait(POLL_S):
                yield False
                return
            if cancel is None:
                threading.Event().wait(POLL_S)
        try:
            yield True
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
