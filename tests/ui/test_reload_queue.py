"""Hot reloads one at a time: changes arriving during a reload go into the next one; timings are believable."""

from __future__ import annotations

import asyncio
import time

import pytest
from PySide6.QtCore import QObject, Signal
from qtasync import wait_for

from workbench.ui.preview.reloads import ReloadQueue, describe

pytestmark = [pytest.mark.qt]


class FakeSession(QObject):
    """A session whose reloads take a while and say which files they got."""

    sig_ready = Signal()

    def __init__(self):
        super().__init__()
        self.ready, self.closed = True, False
        self.calls: list[list[str]] = []
        self.gate = asyncio.Event()

    async def reload_changed(self, files):
        self.calls.append(list(files))
        await self.gate.wait()
        return "page"


def test_changes_during_a_reload_go_into_the_next_one_and_old_timestamps_are_not_believed():
    done = []
    queue = ReloadQueue(lambda session, what, ms: done.append((what, ms)), lambda message: None)
    session = FakeSession()
    queue.add(session, ["a.js"], seen_at=time.perf_counter() - 62.5)  # a stale "first seen": 62,568 ms was shown
    assert wait_for(lambda: session.calls == [["a.js"]], 2000)
    queue.add(session, ["b.js"])
    queue.add(session, ["c.js", "b.js"])
    session.gate.set()
    assert wait_for(lambda: len(done) == 2, 2000)
    assert session.calls == [["a.js"], ["b.js", "c.js"]]  # one reload for everything that came meanwhile
    assert all(what == "page" and 0 <= ms < 5000 for what, ms in done)
    assert not queue.busy


def test_what_was_reloaded_reads_well():
    assert describe("page") == "page reloaded"
    assert describe("recording-plugin-1.0") == "recording-plugin-1.0 reloaded"
    assert describe("process restarted") == "process restarted"
    assert describe("view reloaded") == "view reloaded"
