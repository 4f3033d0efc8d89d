"""A host page: the QWebEnginePage every host session drives, with the kit and harness, watchdog and recovery.

Works headless and inside a visible QWebEngineView (`view.setPage(page)`).
- The kit (main world) and the harness (an isolated world) are injected into every load (see kit.py); their
  reports arrive as `sig_report(Report)`, any other console line goes to the log (capped in length).
- A heartbeat evaluates a trivial script in the harness world every 500 ms whenever a renderer exists, loaded or
  not; a renderer silent for HANG_MS is killed, the hang reported and the page reloaded. A crash is reported and
  the page reloaded too. Nothing blocks: callers await `evaluate()`.
- The main frame stays on the host page: a plugin sending the browser elsewhere is logged as a navigation
  (`sig_navigated`) and the request refused, as a preview must keep showing the host.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings

from workbench.core.hostlog import CONSOLE, ERROR, HOST, HostLog
from workbench.sandbox.environment import SandboxEnvironment
from workbench.sandbox.kit import HARNESS_WORLD, MAIN_WORLD, PageKit
from workbench.sandbox.network import csp_refusal

log = logging.getLogger(__name__)

HEARTBEAT_MS = 500
HANG_MS = 3500  # a renderer silent this long is declared hung (reported within 5 s)
MAX_QUICK_RESTARTS = 2  # after this many hang/crash restarts in a row the page stays down (a plugin hangs at load)
MAX_CONSOLE_TEXT = 8000  # characters of one console line kept in the log

_LEVELS = {QWebEnginePage.JavaScriptConsoleMessageLevel.InfoMessageLevel: "info",
           QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel: "warn",
           QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel: "error"}


class PageProblem(Exception):
    """The page cannot answer: it hung or crashed (the message says which), or it is gone."""


class HostPage(QWebEnginePage):
    """The page of a host session: kit channel, harness world, console to the log, watchdog, navigation guard."""

    sig_report = Signal(object)
    """A report from the kit or the harness (a kit.Report)."""
    sig_hung = Signal(str)
    """The renderer stopped answering (message); it is being killed and the page restarted."""
    sig_crashed = Signal(str)
    """The renderer died (message); the page is being restarted."""
    sig_restarted = Signal()
    """The page was reloaded after a hang or a crash."""
    sig_navigated = Signal(str)
    """The page tried to send the main frame to another address (refused, logged)."""

    def __init__(self, env: SandboxEnvironment, log_: HostLog, kit: PageKit,
                 file_for_url: Callable[[str], str | None] | None = None, parent: QObject | None = None):
        super().__init__(env.profile, parent)
        self.env, self.log, self.kit = env, log_, kit
        self._file_for_url = file_for_url or (lambda url: None)
        self._files: dict[str, str | None] = {}  # url -> project file: console lines come from few scripts
        for script in kit.scripts():
            self.scripts().insert(script)
        self.start_url: QUrl | None = None
        self.loaded = False
        self.fatal: str | None = None  # set on hang/crash until the page is back
        self.restarts = 0
        self.navigations: list[str] = []
        self._refused_load = False  # a navigation was just refused: the load that "fails" is not the host page's
        self._quick_restarts = 0
        self._killing = False
        self._closing = False
        self._last_restart = 0.0
        self._ping_sent: float | None = None
        self._ping_id = 0
        self._last_kit_error = ""
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        self.loadStarted.connect(self._on_load_started)
        self.loadFinished.connect(self._on_load_finished)
        self.renderProcessTerminated.connect(self._on_terminated)
        # A user's click may go full screen (the page fills the preview; scenario clicks are honoured by the kit).
        self.settings().setAttribute(QWebEngineSettings.WebAttribute.FullScreenSupportEnabled, True)
        self.fullScreenRequested.connect(lambda request: request.accept())

    # -- loading ------------------------------------------------------------------------------------------------
    def start(self, url: str) -> None:
        """Load the host page (again, on restart or reload); the watchdog runs from now on."""
        self.start_url = QUrl(url)
        self.fatal = None
        self._refused_load = False
        self._ping_sent = None
        self.load(self.start_url)
        self._heartbeat.start()

    def file_for_url(self, url: str) -> str | None:
        """The project file a page URL serves (cached: resolving paths per console line would cost a flood)."""
        if url not in self._files:
            if len(self._files) > 512:
                self._files.clear()
            self._files[url] = self._file_for_url(url)
        return self._files[url]

    def _on_load_started(self) -> None:
        self.loaded = False
        self._files.clear()  # files may have moved since

    def _on_load_finished(self, ok: bool) -> None:
        if not ok and self._refused_load:  # the refused navigation "failed"; the host page is still there
            self._refused_load = False
            self.loaded = True
            return
        self.loaded = ok
        if ok:
            self.fatal = None  # back after a hang or crash
        elif not self._closing:
            self.log.add(ERROR, f"the host page did not load ({self.url().toString()})")

    def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:  # noqa: N802 (Qt override)
        try:
            return self._accept_navigation(url.toString(), is_main_frame)
        except Exception:  # an exception escaping a Qt override breaks the load: refuse, and say so
            log.exception("navigation check failed")
            return False

    def _accept_navigation(self, target: str, is_main_frame: bool) -> bool:
        if not is_main_frame or self.start_url is None:
            return True
        if target.split("#", 1)[0] == self.start_url.toString().split("#", 1)[0]:
            return True  # the host page itself: a load, a reload (the app's own Reload button)
        self.navigations.append(target)
        self._refused_load = True
        self.log.add(HOST, f"the page navigated to {target} (kept on the host page; the real app would leave)",
                     navigated=target)
        self.sig_navigated.emit(target)
        return False

    def createWindow(self, kind) -> None:  # noqa: N802 (Qt override)
        """window.open() from the page: logged; the preview shows no second window (the page gets a detached one)."""
        name = getattr(kind, "name", str(kind))
        self.log.add(HOST, f"the page opened a new window ({name}); the preview does not show it", new_window=name)
        return None

    # -- watchdog -------------------------------------------------------------------------------------------------
    def _beat(self) -> None:
        if self._killing or self._closing or self.renderProcessPid() <= 0:
            return
        now = time.monotonic()
        if self._ping_sent is not None:
            if (now - self._ping_sent) * 1000 >= HANG_MS:
                self._declare_hung(now - self._ping_sent)
            return
        self._ping_sent = now
        self._ping_id += 1
        ping = self._ping_id
        self.runJavaScript("1", HARNESS_WORLD, lambda _v, ping=ping: self._pong(ping))

    def _pong(self, ping: int) -> None:
        if ping == self._ping_id:
            self._ping_sent = None

    def stop_watchdog(self) -> None:
        self._heartbeat.stop()

    def _declare_hung(self, seconds: float) -> None:
        message = (f"the page stopped responding for {seconds:.1f} s (a plugin in an endless loop?): "
                   "the renderer was stopped and the page restarted")
        self.fatal = message
        self.log.add(ERROR, message, hang=True)
        self.sig_hung.emit(message)
        self._heartbeat.stop()
        self._killing = True
        self._ping_sent = None
        pid = self.renderProcessPid()
        if pid > 0:
            if _kill(pid):
                return  # renderProcessTerminated follows and restarts the page
        self._killing = False
        self._restart()

    def _on_terminated(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        if self._closing:
            return
        self.loaded = False
        self._ping_sent = None
        if self._killing:
            self._killing = False
        else:
            message = f"the renderer crashed ({status.name}, exit code {code}): the page is being restarted"
            self.fatal = message
            self.log.add(ERROR, message, crash=True)
            self.sig_crashed.emit(message)
        QTimer.singleShot(0, self._restart)

    def _restart(self) -> None:
        if self.start_url is None or self._closing:
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
        self._heartbeat.start()
        self.sig_restarted.emit()

    # -- JavaScript --------------------------------------------------------------------------------------------
    async def evaluate(self, code: str, world: int = MAIN_WORLD, timeout_ms: int = 5000) -> Any:
        """The value of code evaluated in a world of the page; PageProblem on a hang, crash or timeout."""
        if self.fatal is not None:
            raise PageProblem(self.fatal)
        loop = asyncio.get_event_loop()
        future: asyncio.Future = loop.create_future()
        problem: asyncio.Future = loop.create_future()

        def answered(value: Any) -> None:
            if not future.done():
                future.set_result(value)

        def failed(message: str) -> None:
            if not problem.done():
                problem.set_result(message)

        links = [self.sig_hung.connect(failed), self.sig_crashed.connect(failed)]
        try:
            self.runJavaScript(code, world, answered)
            done, _ = await asyncio.wait({future, problem}, timeout=max(0, timeout_ms) / 1000,
                                         return_when=asyncio.FIRST_COMPLETED)
        finally:
            for link in links:
                QObject.disconnect(link)
        if future in done:
            return future.result()
        if problem in done:
            raise PageProblem(problem.result())
        raise PageProblem(self.fatal or f"the page did not answer within {timeout_ms} ms")

    def post(self, code: str, world: int = MAIN_WORLD) -> None:
        """Run code without waiting for it (deliveries to the page)."""
        if not self._closing:
            self.runJavaScript(code, world)

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        report = self.kit.decode(message)
        if report is not None:
            if report.channel == "kit" and report.kind == "error":
                self._last_kit_error = str(report.data.get("message", ""))
            self.sig_report.emit(report)
            return
        if message.startswith("Uncaught ") and self._last_kit_error and \
                message.endswith(self._last_kit_error.split(": ", 1)[-1]):
            return  # the kit reported this error first, with its stack
        text = message if len(message) <= MAX_CONSOLE_TEXT else \
            message[:MAX_CONSOLE_TEXT] + f"… ({len(message) - MAX_CONSOLE_TEXT} more characters)"
        refusal = csp_refusal(message)
        if refusal is not None:  # the browser refused a connection under the page's CSP (WebTransport...)
            self.env.csp_violation(*refusal)
            return
        file = self.file_for_url(source) if source else None
        if message.startswith("Uncaught "):  # an error the page hid from the kit's listener: still an error
            self.log.add(ERROR, text[len("Uncaught "):], url=source, file=file, line=line, column=0)
            return
        self.log.add(CONSOLE, text, level=_LEVELS.get(level, "log"), url=source, file=file, line=line, column=0)

    def shutdown(self) -> None:
        """Stop the watchdog and detach: the caller deletes the page."""
        self._heartbeat.stop()
        self.start_url = None
        self._closing = True


def _kill(pid: int) -> bool:
    """Kill a renderer process; False when it could not be done."""
    import psutil
    try:
        psutil.Process(pid).kill()
        return True
    except psutil.Error:
        return False
