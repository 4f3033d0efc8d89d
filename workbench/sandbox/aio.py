"""Awaiting Qt from asyncio (the qasync loop): JavaScript results, signals, and conditions polled with a deadline.

The window runs on qasync's loop, `workbench test` runs its scenarios with `loop.run_until_complete`, and the tests
install a qasync loop that is always running; no code here starts a nested Qt event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QObject, SignalInstance

POLL_S = 0.015


def signal_future(signal: SignalInstance) -> asyncio.Future:
    """A future resolved with the arguments of the next emission of signal (a tuple; one argument unpacked)."""
    loop = asyncio.get_event_loop()
    future: asyncio.Future = loop.create_future()
    connection = None

    def fire(*args: Any) -> None:
        if connection is not None:
            QObject.disconnect(connection)
        if not future.done():
            future.set_result(args[0] if len(args) == 1 else args)

    connection = signal.connect(fire)
    return future


async def first_of(*aws: Awaitable, timeout: float | None = None) -> Any:
    """The result of whichever awaitable finishes first (the others are cancelled); TimeoutError after timeout s."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    try:
        done, _pending = await asyncio.wait(tasks, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in tasks:
            if not t.done():
                t.cancel()
    if not done:
        raise TimeoutError
    return next(iter(done)).result()


async def poll(check: Callable[[], Awaitable[tuple[bool, str]]], timeout_ms: int,
               abort: Callable[[], str | None] | None = None) -> tuple[bool, str]:
    """Re-run check() until it holds or timeout_ms pass: (True, '') or (False, what was last seen / why aborted)."""
    loop = asyncio.get_event_loop()
    deadline = loop.time() + max(0, timeout_ms) / 1000
    seen = ""
    while True:
        ok, seen = await check()
        if ok:
            return True, ""
        problem = abort() if abort is not None else None
        if problem:
            return False, problem
        if loop.time() >= deadline:
            return False, seen
        await asyncio.sleep(POLL_S)


def spawn(coro: Awaitable, on_error: Callable[[BaseException], None] | None = None) -> asyncio.Task:
    """Run a coroutine in the background on the loop; an exception goes to on_error (never lost silently)."""
    task = asyncio.ensure_future(coro)

    def done(t: asyncio.Task) -> None:
        if t.cancelled():
            return
        exc = t.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                import logging
                logging.getLogger(__name__).error("background task failed", exc_info=exc)

    task.add_done_callback(done)
    return task
