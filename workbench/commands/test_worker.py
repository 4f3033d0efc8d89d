"""One worker process of `workbench test -j N`: runs the scenario files its parent hands it, one at a time.

Started as `python -m workbench.commands.test_worker PROJECT` with the run's settings as JSON on the first line of
standard input; then each line in is `index<TAB>scenario file` and each line out is `{"index", "result"}` (JSON) when
that scenario ends, until the input ends. The parent keeps SLOTS files in flight per worker, so a worker has
the next scenario's session starting while the last one's page still works. The scenario runs exactly as `workbench test` runs it in-process (workbench/sandbox/runner.py). Standard
output carries nothing else: whatever else writes to descriptor 1 (Qt, Chromium) is sent to standard error, which
the parent filters and logs.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def main(argv: list[str]) -> int:
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # stray writes to stdout would break the protocol: they go to stderr instead
    sys.stdout = sys.stderr
    from workbench.core import logfile
    from workbench.registry import open_project

    logfile.install()
    settings = json.loads(sys.stdin.readline() or "{}")
    target, project = open_project(argv[0])
    from workbench.sandbox.environment import ensure_app
    from workbench.sandbox.qtlog import route_qt_messages

    route_qt_messages()
    app = ensure_app()
    import asyncio

    import qasync

    from workbench.sandbox.runner import run_files

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    log.info("test worker %d ready for %s", os.getpid(), project.root)

    async def serve() -> None:
        # one coroutine for the worker's life: the loop is entered once, as `workbench test` enters it
        lines: asyncio.Queue[str | None] = asyncio.Queue()

        def read() -> None:  # standard input is read on a thread so the event loop never blocks
            for line in sys.stdin:
                loop.call_soon_threadsafe(lines.put_nowait, line)
            loop.call_soon_threadsafe(lines.put_nowait, None)

        threading.Thread(target=read, name="test-worker-input", daemon=True).start()

        async def one(index: str, path: str) -> None:
            [result] = await run_files(target, project, [Path(path)], allow_hosts=settings.get("allow_hosts", ()))
            protocol.write(json.dumps({"index": int(index), "result": dataclasses.asdict(result)}) + "\n")
            protocol.flush()

        running: set[asyncio.Task] = set()
        while (line := await lines.get()) is not None:
            index, path = line.rstrip("\n").split("\t", 1)
            task = asyncio.ensure_future(one(index, path))
            running.add(task)
            task.add_done_callback(running.discard)
        if running:
            await asyncio.gather(*running)

    with loop:
        loop.run_until_complete(serve())
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
