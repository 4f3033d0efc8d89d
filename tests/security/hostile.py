"""Running the real command line against hostile files: in a child process with a time and memory budget, so a
regression (a read that never ends, gigabytes from /dev/zero) fails the test instead of hanging or exhausting it."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from testpaths import REPO, SAMPLES

MEMORY = 2 << 30  # bytes of address space the child may use: reading /dev/zero into memory runs out of it


def _limiter(memory: int):
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def run_bounded(*args: str | Path, timeout: float = 30, memory: int = MEMORY) -> subprocess.CompletedProcess:
    """`python ARGS` in a child with REPO importable, `memory` bytes of address space and `timeout` seconds."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, *map(str, args)]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO,
                              preexec_fn=_limiter(memory))
    except subprocess.TimeoutExpired:
        raise AssertionError(f"`{' '.join(command)}` hung (no answer within {timeout} s)") from None


def run_workbench(*args: str | Path, timeout: float = 30) -> subprocess.CompletedProcess:
    """`workbench ARGS` (headless commands only: Chromium does not start under an address-space limit)."""
    return run_bounded("-m", "workbench", *args, timeout=timeout)


def copy_sample(name: str, dest: Path) -> Path:
    """A fresh copy of a sample project."""
    shutil.copytree(SAMPLES / name, dest)
    return dest


def diagnostics_of(result: subprocess.CompletedProcess) -> list[str]:
    """The `path:line:col: severity CODE message` lines a command printed."""
    return [line for line in result.stdout.splitlines() if ": error " in line or ": warning " in line]
