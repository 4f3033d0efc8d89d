"""Test helpers for the async sandbox: run a coroutine to its end, wait for a condition (test code only).

Production code awaits on the qasync loop; a synchronous test drives the same loop (installed as always running by
the sandbox and window conftests) by processing Qt events until the work is done.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication


def install_loop(app) -> None:
    """A qasync loop that counts as running for the whole test session (idempotent)."""
    import qasync
    try:
        asyncio.get_running_loop()
        return
    except RuntimeError:
        pass
    loop = qasync.QEventLoop(app, already_running=True)
    from concurrent.futures import ThreadPoolExecutor
    loop.set_default_executor(ThreadPoolExecutor(thread_name_prefix="test-executor"))  # plain threads end with Python
    asyncio.set_event_loop(loop)


def spin(condition: Callable[[], bool], timeout_ms: int) -> bool:
    """Process Qt events until condition() holds (True) or timeout_ms pass (False)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() >= deadline:
            return condition()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.001)
    return True


def run(coro, timeout_ms: int = 30000) -> Any:
    """The result of a coroutine run on the loop (its exception re-raised); TimeoutError when it takes too long."""
    future = asyncio.ensure_future(coro)
    if not spin(future.done, timeout_ms):
        future.cancel()
        raise TimeoutError(f"not done within {timeout_ms} ms")
    return future.result()


def wait_for(condition: Callable[[], bool], timeout_ms: int = 5000) -> bool:
    return spin(condition, timeout_ms)


def js(session, code: str) -> Any:
    """Evaluate code in the session's host page (its main world); the value as JSON data."""
    return run(session.js(code))


def harness(session, code: str) -> Any:
    """Evaluate code in the session's harness world; the value as JSON data."""
    return run(session.harness(code))


def fire(session, code: str) -> None:
    """Run code in the page without waiting for anything but its evaluation."""
    run(session.page.evaluate(f"{code}; 1"))


def step(session, kind: str, value: Any = None):
    """A typed Step of the session's host vocabulary (as a scenario file would give it)."""
    from workbench.core.scenario import _Positions
    from workbench.core.scenario_check import _step
    from workbench.registry import target_of
    raw = kind if value is None else {kind: value}
    return _step(raw, 0, _Positions("test"), target_of(session.project).vocabulary(session.project))


def apply(session, kind: str, value: Any = None, timeout_ms: int = 30000) -> None:
    """Apply one step (raises StepFailure when it does not hold)."""
    run(session.apply_step(step(session, kind, value)), timeout_ms)


def started(target_session, timeout_ms: int = 20000):
    run(target_session.start(timeout_ms), timeout_ms + 5000)
    return target_session


def as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value
