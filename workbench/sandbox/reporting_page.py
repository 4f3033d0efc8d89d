"""A host page whose JavaScript reports to the log through the console (the eXo and XCALLY host pages).

The page writes `console.debug("\\u0001wb:" + JSON)` with `{kind, data}`; every other console line is logged as
console output. This keeps the host pages free of any bridge set-up: they also work in a plain browser.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from workbench.core.hostlog import CONSOLE, ERROR, HOST, WARNING, HostLog
from workbench.sandbox.environment import SandboxEnvironment
from workbench.sandbox.page import HostPage
from workbench.sandbox.qtcompat import emit

REPORT_PREFIX = "\u0001wb:"


def route_report(log: HostLog, payload: dict, file_for_url: Callable[[str], str | None]) -> None:
    """Append one page report to the log, in the log's own entry kinds."""
    kind = payload.get("kind")
    data = payload.get("data") or {}
    if kind == "call":
        log.call(str(data.get("name")), list(data.get("args") or []), data.get("result"))
    elif kind == "action":
        log.action(str(data.get("type")), data.get("payload"))
    elif kind == "error":
        url = data.get("file") or ""
        extra = {k: v for k, v in data.items() if k not in ("message", "file")}
        log.add(ERROR, str(data.get("message")), url=url, file=file_for_url(url) if url else None, **extra)
    elif kind == "console":
        log.add(CONSOLE, str(data.get("message")), level=data.get("level", "log"))
    elif kind == "warning":
        log.add(WARNING, str(data.get("message")))
    else:
        log.add(HOST, str(data.get("message")), **{k: v for k, v in data.items() if k != "message"})


class ReportingPage(HostPage):
    """HostPage + the console report channel."""

    sig_report = Signal(dict)
    """A report arrived from the page ({kind, data}); emitted after it is logged."""

    def __init__(self, env: SandboxEnvironment, log: HostLog, file_for_url: Callable[[str], str | None] | None = None,
                 parent: QObject | None = None):
        super().__init__(env, log, {}, file_for_url=file_for_url, parent=parent)

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        if message.startswith(REPORT_PREFIX):
            try:
                payload = json.loads(message[len(REPORT_PREFIX):])
            except ValueError:
                return
            route_report(self.log, payload, self.file_for_url)
            emit(self.sig_report, payload)
            return
        super().javaScriptConsoleMessage(level, message, line, source)
