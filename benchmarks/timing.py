"""Small helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of fn() in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(samples), 3)


def run(coro, app=None):
    """Run a coroutine to its end on the process's qasync loop (made on first use), as `workbench test` does."""
    import asyncio

    import qasync
    from PySide6.QtWidgets import QApplication
    loop = getattr(run, "loop", None)
    if loop is None:
        loop = run.loop = qasync.QEventLoop(app or QApplication.instance())
        asyncio.set_event_loop(loop)
    return loop.run_until_complete(coro)


async def median_ms_async(fn, repeat: int = 30, warmup: int = 3) -> float:
    """Median wall time of `await fn()` in milliseconds."""
    for _ in range(warmup):
        await fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        await fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(samples), 3)
