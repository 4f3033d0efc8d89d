"""Hot reloads of the preview, one at a time: changes that arrive while a reload runs go into the next one.

A reload is timed from the moment its first change was seen (the watcher's batch, or the unsaved edit) to the
moment the host says the change shows; a change seen long before it reached the queue (a stale timestamp) is timed
from when it arrived, so the status never shows an absurd figure.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from workbench.sandbox.aio import first_of, signal_future, spawn
from workbench.sandbox.session import SessionError, StepFailure

STALE_S = 5.0  # a "first seen" older than this when the change arrives is not believed
READY_WAIT_S = 20.0


def describe(what: str) -> str:
    """'page' -> 'page reloaded'; what already says what happened ('process restarted') stays as it is."""
    return what if what.endswith(("reloaded", "restarted")) else f"{what} reloaded"


class ReloadQueue:
    """Applies changed files to one session through HotReloads.reload_changed, serially."""

    def __init__(self, on_done: Callable[[object, str, float], None], on_problem: Callable[[str], None]):
        self.on_done = on_done  # (session, what was reloaded, milliseconds from the change to the page showing it)
        self.on_problem = on_problem
        self.pending: set[str] = set()
        self.first_seen: float | None = None
        self.session = None
        self.task = None

    def add(self, session, files: list[str], seen_at: float | None = None) -> None:
        """Queue changed project-relative files of a session (the queue follows the latest session)."""
        now = time.perf_counter()
        seen = seen_at if seen_at is not None and 0 <= now - seen_at < STALE_S else now
        if session is not self.session:
            self.clear()
            self.session = session
        self.pending.update(files)
        self.first_seen = seen if self.first_seen is None else min(self.first_seen, seen)
        if self.task is None or self.task.done():
            self.task = spawn(self._drain(session))

    def clear(self) -> None:
        """Forget what is queued (the session is going)."""
        if self.task is not None and not self.task.done():
            self.task.cancel()
        self.task = None
        self.pending.clear()
        self.first_seen = None
        self.session = None

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done()

    async def _drain(self, session) -> None:
        if not session.ready:  # the page is (re)loading: the change applies once it is up
            try:
                await first_of(signal_future(session.sig_ready), timeout=READY_WAIT_S)
            except TimeoutError:
                pass
        while self.pending and session is self.session and not session.closed:
            files, seen_at = sorted(self.pending), self.first_seen or time.perf_counter()
            self.pending.clear()
            self.first_seen = None
            try:
                what = await session.reload_changed(files)
            except (SessionError, StepFailure) as exc:
                self.on_problem(str(exc))
                continue
            if what and session is self.session:
                self.on_done(session, what, (time.perf_counter() - seen_at) * 1000)
