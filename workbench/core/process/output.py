"""A plugin's output with bounded memory: lines cut at MAX_LINE_BYTES, and a bounded backlog between the readers
and a consumer that may fall behind; what is cut or dropped is said in the log, with how much."""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable

from workbench.core.process.events import ProcessEvent

MAX_LINE_BYTES = 32 * 1024  # longer lines keep their head; a log line past this helps nobody
READ_CHUNK = 64 * 1024
BACKLOG_LINES = 10_000
BACKLOG_BYTES = 4 * 1024 * 1024


def _utf8_head(data: bytes | bytearray) -> str:
    """Decode data, dropping a multi-byte character cut at the end."""
    end = len(data)
    for back in range(1, min(4, end) + 1):
        byte = data[end - back]
        if byte & 0xC0 != 0x80:  # the lead byte of the last character (or ASCII)
            need = 1 if byte < 0x80 else 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 else 4
            if back < need:
                end -= back
            break
    return bytes(data[:end]).decode("utf-8", "replace")


class LineSplitter:
    """Bytes in, lines out, none longer than max_bytes: a longer line keeps its head (marked as cut) and a note then
    says how long it really was."""

    def __init__(self, on_line: Callable[[str], None], on_note: Callable[[str], None], stream: str,
                 max_bytes: int = MAX_LINE_BYTES):
        self._on_line = on_line
        self._on_note = on_note
        self._stream = stream
        self._max = max_bytes
        self._buf = bytearray()
        self._dropped: int | None = None  # bytes of the current line thrown away; None while it fits

    def feed(self, data: bytes) -> None:
        """Take the next bytes of the stream."""
        start = 0
        while start < len(data):
            newline = data.find(b"\n", start)
            end = len(data) if newline < 0 else newline
            self._take(memoryview(data)[start:end])
            if newline < 0:
                return
            self._end_line()
            start = newline + 1

    def close(self) -> None:
        """The stream ended: deliver what is pending."""
        if self._buf or self._dropped is not None:
            self._end_line()

    def _take(self, piece: memoryview) -> None:
        if self._dropped is not None:
            self._dropped += len(piece)
            return
        room = self._max - len(self._buf)
        if len(piece) <= room:
            self._buf += piece
            return
        self._buf += piece[:room]
        self._dropped = len(piece) - room
        self._on_line(_utf8_head(self._buf).rstrip("\r") + " … [line cut]")  # shown now: the line may never end
        self._buf = bytearray()

    def _end_line(self) -> None:
        if self._dropped is None:
            self._on_line(bytes(self._buf).decode("utf-8", "replace").rstrip("\r"))
        else:
            self._on_note(f"{self._stream} line truncated: it was {self._max + self._dropped:,} bytes long, only "
                          f"the first {self._max:,} were kept ({self._dropped:,} dropped)")
        self._buf = bytearray()
        self._dropped = None


def pump(fd: int, stream: str, pid: int | None, emit: Callable[[ProcessEvent], None]) -> None:
    """Read fd to its end as capped lines of `stream`, then close it (a reader thread's body)."""
    splitter = LineSplitter(lambda text: emit(ProcessEvent(stream, text, pid)),
                            lambda note: emit(ProcessEvent("info", note, pid)), stream)
    try:
        while True:
            try:
                data = os.read(fd, READ_CHUNK)
            except OSError:
                break
            if not data:
                break
            splitter.feed(data)
        splitter.close()
    finally:
        os.close(fd)


class OutputBacklog:
    """Events waiting for a consumer, bounded in lines and bytes: past either bound, output lines are dropped
    (supervisor messages never are) and a note in their place says how many."""

    def __init__(self, max_lines: int = BACKLOG_LINES, max_bytes: int = BACKLOG_BYTES):
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self._events: deque[ProcessEvent] = deque()
        self._bytes = 0
        self._lock = threading.Lock()
        self._dropped_lines = 0
        self._dropped_bytes = 0
        self._gap_pid: int | None = None
        self._wake_pending = False

    def put(self, event: ProcessEvent) -> bool:
        """Queue event (or count it as dropped); True when the consumer must be woken to drain."""
        size = len(event.text)
        with self._lock:
            output = event.stream in ("stdout", "stderr")
            if output and (len(self._events) >= self.max_lines or self._bytes + size > self.max_bytes):
                self._dropped_lines += 1
                self._dropped_bytes += size
                self._gap_pid = event.pid
            else:
                if self._dropped_lines:
                    note = self._gap_note()
                    self._events.append(note)
                    self._bytes += len(note.text)
                self._events.append(event)
                self._bytes += size
            if self._wake_pending:
                return False
            self._wake_pending = True
            return True

    def drain(self, limit: int = 500) -> list[ProcessEvent]:
        """Up to limit events in order. Once it returns the last ones, the next put wakes the consumer again;
        until then the consumer calls drain again by itself."""
        with self._lock:
            taken = []
            while self._events and len(taken) < limit:
                event = self._events.popleft()
                self._bytes -= len(event.text)
                taken.append(event)
            if not self._events:
                if self._dropped_lines:
                    taken.append(self._gap_note())
                self._wake_pending = False
            return taken

    def pending(self) -> int:
        """How many events wait."""
        with self._lock:
            return len(self._events)

    def _gap_note(self) -> ProcessEvent:
        """The note of the lines dropped so far, which takes their place (under the lock)."""
        lines = f"{self._dropped_lines:,} line" + ("s" if self._dropped_lines > 1 else "")
        note = f"output flood: {lines} ({self._dropped_bytes:,} characters) dropped while the log caught up"
        self._dropped_lines = self._dropped_bytes = 0
        return ProcessEvent("info", note, self._gap_pid)
