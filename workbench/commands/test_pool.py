"""Worker processes for `workbench test -j N`: N processes, each with its own web engine, take the scenario files
one at a time from a shared queue; results come back to the parent, which reports them in file order.

Why processes and not N sessions in one: the web engine's browser side runs on the Qt main thread of the process
that owns it, next to the Python that drives the sessions, and that thread, not the renderers, is what a
scenario mostly waits on (two thirds of a scenario's processor time is that process's); two sessions in one
process share it, two processes do not. On two processors, two sessions in one process ran the 200-scenario suite
in 0.83-0.9 of the time of one (benchmarks/bench_suite.py), two workers in 0.62-0.70. The parent imports no Qt.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from collections import deque
from collections.abc import Callable
from pathlib import Path

from workbench.core.logfile import SHARED_LOG_ENV
from workbench.core.scenario_report import InOrder, ScenarioResult

log = logging.getLogger(__name__)
SLOTS = 2  # scenarios in flight per worker: its next session starts while the last one's page still works


def run_in_workers(project_root: Path, paths: list[Path], jobs: int, allow_hosts: tuple[str, ...],
                   on_result: Callable[[ScenarioResult], None] | None, log_path: Path) -> list[ScenarioResult]:
    """Run the scenario files in `jobs` worker processes; results in the order of paths."""
    return asyncio.run(_pool(project_root, paths, jobs, allow_hosts, on_result, log_path))


async def _pool(project_root: Path, paths: list[Path], jobs: int, allow_hosts: tuple[str, ...],
                on_result, log_path: Path) -> list[ScenarioResult]:
    queue = deque(enumerate(paths))
    results: list[ScenarioResult | None] = [None] * len(paths)
    in_order = InOrder(on_result)
    env = dict(os.environ) | {SHARED_LOG_ENV: str(log_path)}
    settings = json.dumps({"allow_hosts": list(allow_hosts)}) + "\n"

    def finish(index: int, result: ScenarioResult) -> None:
        results[index] = result
        in_order.add(index, result)

    async def serve() -> None:
        while queue:  # a worker that dies is replaced while work is left
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "workbench.commands.test_worker", str(project_root), env=env,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
            proc.stdin.write(settings.encode())
            flying: dict[int, Path] = {}
            try:
                while queue or flying:
                    while queue and len(flying) < SLOTS:
                        index, path = queue.popleft()
                        flying[index] = path
                        proc.stdin.write(f"{index}\t{path}\n".encode())
                    await proc.stdin.drain()
                    line = await proc.stdout.readline()
                    if not line:
                        break
                    reply = json.loads(line)
                    flying.pop(reply["index"], None)
                    finish(reply["index"], ScenarioResult(**reply["result"]))
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                if proc.returncode is None and not flying:
                    proc.stdin.close()
                code = await proc.wait()
            for index, path in flying.items():
                log.error("test worker %d exited with code %s while running %s", proc.pid, code, path)
                finish(index, ScenarioResult(Path(path).stem, str(path), passed=False,
                                             reason=f"internal error: the worker process running it exited "
                                                    f"(code {code}); see the log"))

    await asyncio.gather(*(serve() for _ in range(max(1, min(jobs, len(paths))))))
    return [r for r in results if r is not None]
