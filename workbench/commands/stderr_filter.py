"""Keep Chromium's and Qt's start-up chatter off the terminal of `workbench test`, and in the log file.

QtWebEngine writes from C++ (and from its helper processes, which inherit the descriptor) straight to file
descriptor 2, below Python's sys.stderr. So descriptor 2 becomes a pipe; a reader thread writes every line to the
log and passes on to the real stderr all but the known noise.

Helper processes keep the pipe open until they exit, so the end of filtering is marked in the stream itself: a
sentinel line written last tells the reader that everything before it has been handled (no wait for an end of
file that comes only at exit). Later lines are still logged and filtered by the same reader while the process
lives. Python's fatal error dumps go straight to the real stderr (faulthandler), never through the pipe.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import sys
import threading
import uuid

log = logging.getLogger("workbench.stderr")
log.setLevel(logging.INFO)
log.propagate = False  # attached to the log file only (never to a stream on fd 2: that would feed the pipe)

NOISE = re.compile("|".join((
    r"^Sandboxing disabled by user\.?$",
    r"^QRhi\w*: ",
    r"Failed to create RHI for backend",
    r"Failed to initialize graphics backend",
    r"GPUInfo not initialized",
    r"^\[\d+:\d+:\d{4}/\d{6}\.\d+:(?:ERROR|WARNING|INFO|VERBOSE\d*):[\w./-]+\(\d+\)\] ",  # Chromium's log lines
    r"[Dd][Bb]us\b.*(?:[Ff]ailed|[Cc]ould not|[Uu]nable)",
    r"^qt\.webengine\w*(?:\.\w+)*: ",
    r"^Fontconfig (?:error|warning): ",
    r"^libva error: ",
)))
DRAIN_SECONDS = 5.0  # the most to wait for the reader to reach the sentinel


def is_noise(line: str) -> bool:
    """Whether a stderr line is known chatter a user should not have to read."""
    return NOISE.search(line) is not None


class FilteredStderr:
    """Context manager: while active, fd 2 goes through the noise filter (everything is logged)."""

    def __init__(self, handler: logging.Handler | None = None):
        self.handler = handler
        self._saved: int | None = None
        self._real_stderr = None
        self._faulthandler_was_on = False
        self._sentinel = f"\0workbench-stderr-end-{uuid.uuid4().hex}\n".encode()
        self._drained = threading.Event()

    def __enter__(self) -> FilteredStderr:
        if self.handler is not None and self.handler not in log.handlers:
            log.addHandler(self.handler)
        sys.stderr.flush()
        self._saved = os.dup(2)
        self._faulthandler_was_on = faulthandler.is_enabled()
        self._real_stderr = os.fdopen(os.dup(self._saved), "w")
        faulthandler.enable(self._real_stderr)
        read_end, write_end = os.pipe()
        os.dup2(write_end, 2)
        os.close(write_end)
        threading.Thread(target=self._pump, args=(read_end, os.dup(self._saved)), name="stderr-filter",
                         daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        if self._saved is None:
            return
        sys.stderr.flush()
        os.write(2, self._sentinel)
        os.dup2(self._saved, 2)
        os.close(self._saved)
        self._saved = None
        self._drained.wait(DRAIN_SECONDS)
        if self._faulthandler_was_on:
            faulthandler.enable(sys.stderr)
        else:
            faulthandler.disable()
        self._real_stderr.close()

    def _pump(self, read_end: int, out_fd: int) -> None:
        with os.fdopen(read_end, "rb") as source, os.fdopen(out_fd, "wb", buffering=0) as out:
            for raw in source:
                if raw.endswith(self._sentinel):
                    raw = raw[:-len(self._sentinel)]
                    self._drained.set()
                if raw:
                    self._handle(raw, out)

    @staticmethod
    def _handle(raw: bytes, out) -> None:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        log.info("%s", line)
        if not is_noise(line):
            try:
                out.write(raw if raw.endswith(b"\n") else raw + b"\n")
            except OSError:
                pass  # the terminal went away; the log still has it
