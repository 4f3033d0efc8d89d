"""A host page: the QWebEnginePage every host session drives, with console capture, hang and crash recovery.

Works headless and inside a visible QWebEngineView (`view.setPage(page)`). A heartbeat (a trivial runJavaScript
every 500 ms) detects a renderer that stopped answering; after HANG_MS the renderer is killed, the hang reported
and the page reloaded. A renderer crash is reported and the page reloaded too. The caller never blocks on either.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage

from workbench.core.hostlog import CONSOLE, ERROR, HOST, HostLog
from workbench.sandbox.environment import SandboxEnvironment
from workbench.sandbox.qtcompat import emit

HEARTBEAT_MS = 500
HANG_MS = 3500  # a renderer silent this long is declared hung (reported within 5 s)
MAX_QUICK_RESTARTS = 2  # after this many hang/crash restarts in a row the page stays down (a plugin hangs at load)

_LEVELS = {QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel: "info",
           QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel: "warn",
           QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel: "error"}


class HostPage(QWebEnginePage):
    """The page of a host session: bridge objects on a QWebChannel, console to the log, watchdog."""

    sig_hung = Signal(str)
    """The renderer stopped answering (message); it is being killed and the page restarted."""
    sig_crashed = Signal(str)
    """The renderer died (message); the page is being restarted."""
    sig_restarted = Signal()
    """The page was reloaded after a hang or a crash."""

    def __init__(self, env: SandboxEnvironment, log: HostLog, channel_objects: dict[str, QObject],
                 file_for_url: Callable[[str], str | None] | None = None, parent: QObject | None = None):
        super().__init__(env.profile, parent)
        self.env, self.log = env, log
        self.file_for_url = file_for_url or (lambda url: None)
        self.channel = QWebChannel(self)
        for name, obj in channel_objects.items():
            self.channel.registerObject(name, obj)
        self.setWebChannel(self.channel)
        self.start_url: QUrl | None = None
        self.loaded = False
        self.fatal: str | None = None  # set on hang/crash until the page is back
        self.errors_from_page = True  # the host page reports uncaught errors itself (with stacks)
        self.restarts = 0
        self._quick_restarts = 0
        self._killing = False
        self._closing = False
        self._last_restart = 0.0
        self._ping_sent: float | None = None
        self._ping_id = 0
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        self.loadStarted.connect(self._on_load_started)
        self.loadFinished.connect(self._on_load_finished)
        self.renderProcessTerminated.connect(self._on_terminated)

    # -- loading ------------------------------------------------------------------------------------------------
    def start(self, url: str) -> None:
        """Load the host page (again, on restart)."""
        self.start_url = QUrl(url)
        self.fatal = None
        self.load(self.start_url)

    def _on_load_started(self) -> None:
        self.loaded = False
        self._ping_sent = None

    def _on_load_finished(self, ok: bool) -> None:
        self.loaded = ok
        self._ping_sent = None
        if ok:
            self.fatal = None  # back after a hang or crash
            self._heartbeat.start()
        else:
            self.log.add(ERROR, f"the host page did not load ({self.url().toString()})")

    def stop_watchdog(self) -> None:
        self._heartbeat.stop()

    # -- watchdog -------------------------------------------------------------------------------------------------
    def _beat(self) -> None:
        if not self.loaded or self._killing:
            return
        now = time.monotonic()
        if self._ping_sent is not None:
            if (now - self._ping_sent) * 1000 >= HANG_MS:
                self._declare_hung(now - self._ping_sent)
            return
        self._ping_sent = now
        self._ping_id += 1
        ping = self._ping_id
        self.runJavaScript("1", 0, lambda _v, ping=ping: self._pong(ping))

    def _pong(self, ping: int) -> None:
        if ping == self._ping_id:
            self._ping_sent = None

    def _declare_hung(self, seconds: float) -> None:
        message = (f"the page stopped responding for {seconds:.1f} s (a plugin in an endless loop?): "
                   "the renderer was stopped and the page restarted")
        self.fatal = message
        self.log.add(ERROR, message, hang=True)
        emit(self.sig_hung, message)
        self._heartbeat.stop()
        self._killing = True
        pid = self.renderProcessPid()
        if pid > 0:
            try:
                os.kill(pid, signal.SIGKILL)
                return  # renderProcessTerminated follows and restarts the page
            except OSError:
                pass
        self._killing = False
        self._restart()

    def _on_terminated(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        if self._closing:
            return
        self.loaded = False
        self._heartbeat.stop()
        if self._killing:
            self._killing = False
        else:
            message = f"the renderer crashed ({status.name}, exit code {code}): the page is being restarted"
            self.fatal = message
            self.log.add(ERROR, message, crash=True)
            emit(self.sig_crashed, message)
        QTimer.singleShot(0, self._restart)

    def _restart(self) -> None:
        if self.start_url is None:
            return
        now = time.monotonic()
        if now - self._last_restart > 30:  # a page that ran a while before failing again gets a fresh budget
            self._quick_restarts = 0
        self._last_restart = now
        self._quick_restarts += 1
        if self._quick_restarts > MAX_QUICK_RESTARTS:
            self.log.add(HOST, "the page is not restarted again: it hangs or crashes on every load")
            return
        self.restarts += 1
        self.log.add(HOST, "page restarted")
        self.load(self.start_url)
        emit(self.sig_restarted)

    # -- JavaScript --------------------------------------------------------------------------------------------
    def eval_js(self, code: str, timeout_ms: int = 5000) -> tuple[bool, Any]:
        """Run code in the page and wait for its value: (True, value), or (False, None) on timeout/hang."""
        box: dict = {}
        loop = QEventLoop()

        def done(value: Any) -> None:
            box["v"] = value
            loop.quit()

        self.runJavaScript(code, 0, done)
        if "v" not in box and self.fatal is None:
            deadline = QTimer()
            deadline.setSingleShot(True)
            deadline.timeout.connect(loop.quit)
            deadline.start(max(0, int(timeout_ms)))
            links = [self.sig_hung.connect(loop.quit), self.sig_crashed.connect(loop.quit)]
            loop.exec()
            deadline.stop()
            for link in links:
                QObject.disconnect(link)
        return ("v" in box), box.get("v")

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        if self.errors_from_page and message.startswith("Uncaught"):
            return  # the page's error handler reports it with the stack
        file = self.file_for_url(source) if source else None
        self.log.add(CONSOLE, message, level=_LEVELS.get(level, "log"), url=source, file=file, line=line,
                     column=0)

    def shutdown(self) -> None:
        """Stop the watchdog and detach: the caller deletes the page."""
        self._heartbeat.stop()
        self.start_url = None
        self._closing = True
