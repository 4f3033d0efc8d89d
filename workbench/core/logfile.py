"""One log file per run in the user data folder (`$WORKBENCH_LOG_DIR` overrides it).

The file is created on the first record only, so a quick `workbench validate` that logs nothing writes nothing;
the newest KEEP files are kept. Qt-free: the window, the CLI and the tests share it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

APP_NAME = "plugin-workbench"
KEEP = 20
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
SHARED_LOG_ENV = "WORKBENCH_SHARED_LOG"


def log_folder() -> Path:
    """Where the log files go: $WORKBENCH_LOG_DIR, else <user data folder>/plugin-workbench/logs."""
    override = os.environ.get("WORKBENCH_LOG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "logs"


class RunLogHandler(logging.Handler):
    """Writes records to this run's log file, opened (and older files pruned) on the first record."""

    def __init__(self, level: int = logging.INFO):
        super().__init__(level)
        self.setFormatter(logging.Formatter(FORMAT))
        self._path: Path | None = None
        self._stream = None
        self._failed = False

    @property
    def path(self) -> Path:
        """The file this run logs to (named now if nothing was logged yet)."""
        if self._path is None:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            shared = os.environ.get(SHARED_LOG_ENV)  # a helper process writes to the log of the run it serves
            self._path = Path(shared) if shared else log_folder() / f"workbench-{stamp}-{os.getpid()}.log"
        return self._path

    def emit(self, record: logging.LogRecord) -> None:
        if self._failed:
            return
        try:
            if self._stream is None:
                self._open()
            self._stream.write(self.format(record) + "\n")
            self._stream.flush()
        except (OSError, ValueError):
            self._failed = True  # an unwritable data folder must never break a command

    def _open(self) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder, KEEP - 1)
        self._stream = open(self.path, "a", encoding="utf-8", errors="replace")  # noqa: SIM115 (kept open)
        self._stream.write(f"# workbench {' '.join(sys.argv[1:])}\n")

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        super().close()


def _prune(folder: Path, keep: int) -> None:
    logs = sorted(folder.glob("workbench-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[keep:]:
        try:
            old.unlink()
        except OSError:
            pass


_handler: RunLogHandler | None = None


def install(level: int = logging.INFO) -> RunLogHandler:
    """Send every logger's records to this run's file (once per process); returns the handler."""
    global _handler
    if _handler is None:
        _handler = RunLogHandler(level)
        root = logging.getLogger()
        root.addHandler(_handler)
        if root.level > level or root.level == logging.NOTSET:
            root.setLevel(level)
    return _handler


def current_path() -> Path:
    """This run's log file (installing the handler if needed)."""
    return install().path
