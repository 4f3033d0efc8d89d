"""Node's inspector for a script plugin: one loopback port for the whole session, the WebSocket URL of each run.

`node --inspect=127.0.0.1:PORT` prints "Debugger listening on ws://127.0.0.1:PORT/<id>" on standard error at each
start; the id changes with every process, the port does not, so a debugger set to reattach (VS Code's `restart`,
DevTools reopened on the new URL) follows hot reloads and keeps its breakpoints.
"""

from __future__ import annotations

import re
import socket

from workbench.targets.xcally.runtime.views import LOOPBACK

LISTENING = re.compile(r"Debugger listening on (ws://\S+)")


def free_port() -> int:
    """A loopback TCP port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


class NodeInspector:
    """Whether the process runs under the inspector, where, and the URL of its current run."""

    def __init__(self) -> None:
        self.port: int | None = None
        self.on = False
        self.url = ""

    def set(self, on: bool) -> int | None:
        """Turn it on or off; the port the next start uses (chosen once, kept for the session), None when off."""
        self.on = on
        if on and self.port is None:
            self.port = free_port()
        if not on:
            self.url = ""
        return self.port if on else None

    def note(self, line: str) -> bool:
        """Read a line of standard error; True when it announced a new run's URL."""
        match = LISTENING.search(line)
        if match is None or match.group(1) == self.url:
            return False
        self.url = match.group(1)
        return True

    def info(self, name: str) -> dict | None:
        """What Inspectable.inspector() gives: address, URL of the current run, name; None when off."""
        if not self.on or self.port is None:
            return None
        return {"address": f"{LOOPBACK}:{self.port}", "url": self.url, "name": name}
