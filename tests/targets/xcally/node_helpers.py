"""Shared by the Node supervisor tests: event collection, scripts written into tmp_path, waiting on conditions."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from workbench.targets.xcally.process import NodeLaunch, NodeProcess

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js not on PATH")


class Lines:
    """Collects process events and lets a test wait for a line."""

    def __init__(self):
        self.items: list = []
        self.cond = threading.Condition()

    def __call__(self, event):
        with self.cond:
            self.items.append(event)
            self.cond.notify_all()

    def wait_for(self, text: str, timeout: float = 5.0):
        with self.cond:
            ok = self.cond.wait_for(lambda: any(text in e.text for e in self.items), timeout)
        assert ok, f"no line containing {text!r} in {[e.text[:200] for e in self.items]}"
        return next(e for e in self.items if text in e.text)

    def texts(self) -> list[str]:
        with self.cond:
            return [e.text for e in self.items]


def wait_until(condition: Callable[[], bool], timeout: float = 5.0, every: float = 0.02) -> bool:
    """Poll condition until it holds or the deadline passes (process state has no event to wait on)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(every)
    return True


def living(procs: list[psutil.Process]) -> list[int]:
    """The pids among procs still running as the same process (not reused), zombies excluded."""
    alive = []
    for proc in procs:
        try:
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc.pid)
        except psutil.NoSuchProcess:
            pass
    return alive


def kill_leftovers(procs: list[psutil.Process]) -> None:
    """Never leave a stray process on the machine, even when an assertion failed."""
    for proc in procs:
        try:
            if proc.is_running():
                proc.kill()
        except psutil.Error:
            pass


def plugins(tmp_path: Path):
    """The body of a `plugin` fixture: plugin(js, env=None, **launch) -> (NodeProcess, Lines) for a script written
    to tmp_path; every one is closed afterwards."""
    made: list[NodeProcess] = []

    def make(js: str, env: dict | None = None, name: str = "plugin.js", **kw):
        script = tmp_path / name
        script.write_text(js)
        lines = Lines()
        proc = NodeProcess(NodeLaunch(script, "wb-test-plugin", tmp_path, env or {}, **kw), lines)
        made.append(proc)
        return proc, lines

    yield make
    for proc in made:
        proc.close()
