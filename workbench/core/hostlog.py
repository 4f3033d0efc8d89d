"""The host log: every API call with its arguments and result, actions, console output, errors and network blocks.

Qt-free. The sandbox appends entries; the window's log panel and the scenario runner read them. Listeners are called
synchronously on append (the sandbox turns that into Qt signals).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Entry kinds, in the words a user sees in the log panel.
CALL = "call"  # a host-API call: name, args, result
ACTION = "action"  # an app action on PEX.actions$ (or the host's event bus): type, payload
CONSOLE = "console"  # console.log/info/warn/error output of the page
ERROR = "error"  # an uncaught error: message, stack, file, line, column
WARNING = "warning"  # host warnings: deprecated API, plugin not shown for this role...
NETWORK = "network"  # a request blocked by the network lockdown or a refused file
HOST = "host"  # lifecycle: page loaded, plugin loaded, renderer restarted, process output...

KINDS = (CALL, ACTION, CONSOLE, ERROR, WARNING, NETWORK, HOST)


@dataclass
class LogEntry:
    """One line of the host log."""

    kind: str
    message: str
    data: dict[str, Any] = field(default_factory=dict)  # call: name/args/result; error: stack/file/line/column...
    time: float = field(default_factory=time.time)
    seq: int = 0

    def to_json(self) -> dict:
        return {"seq": self.seq, "time": self.time, "kind": self.kind, "message": self.message, "data": self.data}

    def to_text(self) -> str:
        where = ""
        if self.data.get("file"):
            where = f" ({self.data['file']}:{self.data.get('line', 0)}:{self.data.get('column', 0)})"
        return f"[{self.kind}] {self.message}{where}"


def short_json(value: Any, limit: int = 300) -> str:
    """Compact JSON for log messages, cut at limit characters (payloads can be large)."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HostLog:
    """An append-only list of entries with listeners."""

    def __init__(self, limit: int = 20000):
        self.entries: list[LogEntry] = []
        self.limit = limit  # oldest entries are dropped past this (10% slack: a chatty plugin must not eat the memory)
        self._listeners: list[Callable[[LogEntry], None]] = []
        self._seq = 0

    def listen(self, fn: Callable[[LogEntry], None]) -> Callable[[], None]:
        """Call fn for every new entry; returns a function that stops listening."""
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn) if fn in self._listeners else None

    def add(self, kind: str, message: str, **data: Any) -> LogEntry:
        """Append an entry and notify the listeners."""
        self._seq += 1
        entry = LogEntry(kind, message, data, seq=self._seq)
        self.entries.append(entry)
        if len(self.entries) > self.limit + self.limit // 10:  # trimmed in chunks: a flood stays linear
            del self.entries[: len(self.entries) - self.limit]
        for fn in list(self._listeners):
            fn(entry)
        return entry

    # -- convenience writers ------------------------------------------------------------------------------------
    def call(self, name: str, args: list, result: Any = None) -> LogEntry:
        shown = ", ".join(short_json(a, 120) for a in args)
        suffix = "" if result is None else f" -> {short_json(result, 160)}"
        return self.add(CALL, f"{name}({shown}){suffix}", name=name, args=args, result=result)

    def action(self, type_: str, payload: Any = None) -> LogEntry:
        shown = "" if payload is None else " " + short_json(payload, 200)
        return self.add(ACTION, f"{type_}{shown}", type=type_, payload=payload)

    # -- queries --------------------------------------------------------------------------------------------------
    def of_kind(self, kind: str, since: int = 0) -> list[LogEntry]:
        return [e for e in self.entries if e.kind == kind and e.seq > since]

    def calls(self, name: str | None = None, since: int = 0) -> list[LogEntry]:
        return [e for e in self.of_kind(CALL, since) if name is None or e.data.get("name") == name]

    def errors(self, since: int = 0) -> list[LogEntry]:
        return self.of_kind(ERROR, since)

    @property
    def last_seq(self) -> int:
        return self._seq

    def tail(self, count: int = 15) -> list[str]:
        """The last entries as text lines (for failure reports)."""
        return [e.to_text() for e in self.entries[-count:]]

    def clear(self) -> None:
        self.entries.clear()
