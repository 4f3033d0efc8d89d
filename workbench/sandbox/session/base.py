"""The base of every host session: one lifecycle (create -> start -> steps -> close) around one host page.

A session owns its SandboxEnvironment and its HostPage (created with the session, loaded by `start()`), the host
log, and the report channel of the page's kit. A host subclass says where its page is (`host_dir`), what to do
before the page loads (`prepare`), which calls the page may make (`page_api`) and what its own reports mean
(`on_report`); everything else is here, the same for every host.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from workbench.core.hostlog import CONSOLE, ERROR, HOST, NETWORK, WARNING, HostLog
from workbench.core.scenario_defaults import DEFAULT_TIMEOUT_MS
from workbench.sandbox.aio import first_of, poll, signal_future
from workbench.sandbox.environment import SandboxEnvironment, file_for_url
from workbench.sandbox.kit import HARNESS_WORLD, MAIN_WORLD, PageKit, Report
from workbench.sandbox.page import HostPage, PageProblem
from workbench.sandbox.session.errors import SessionError, StepFailure
from workbench.sandbox.session.unsaved import UnsavedFiles

if TYPE_CHECKING:  # the scenario format (pydantic, YAML) loads with the first scenario, not with the preview
    from workbench.core.scenario import Scenario, Step

log = logging.getLogger(__name__)
_STACK_FRAME = re.compile(r"(workbench://[^\s)]+?):(\d+):(\d+)")
MAX_FRAMES, MAX_FRAME_CHARS = 64, 1000  # of an error's stack, where its place in the project is looked for


@dataclass
class SessionSetup:
    """What a session starts with: a scenario's header, or the window's defaults."""

    header: dict[str, Any] = field(default_factory=dict)  # the host's own keys (role, users, env...)
    allow_hosts: list[str] = field(default_factory=list)
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    allow_errors: bool = False
    # Whether the session may run the project's own code by itself (a stale build, a script plugin's process at
    # start): a scenario run is a request to; the window's preview only for a project the user ran once (core/trust)
    auto_run: bool = True

    @classmethod
    def from_scenario(cls, s: Scenario) -> SessionSetup:
        return cls(header=dict(s.header), allow_hosts=list(s.allow_hosts), timeout_ms=s.timeout_ms,
                   allow_errors=s.allow_errors)

    def get(self, key: str, default: Any = None) -> Any:
        return self.header.get(key, default)

    @property
    def host(self) -> dict:
        """The `host:` mapping of host-specific settings."""
        value = self.header.get("host")
        return value if isinstance(value, dict) else {}


class HostSession(QObject):
    """Base of every host session."""

    sig_log = Signal(object)
    """A new LogEntry."""
    sig_state_changed = Signal()
    """The simulated host state changed (conference, participants, processes...)."""
    sig_ready = Signal()
    """The host page is loaded with its plugins (again, after a reload or a restart)."""
    sig_problem = Signal(str)
    """The page hung or crashed (message); it is being restarted."""
    sig_recorded = Signal(object)
    """The user did something in the page worth a scenario step: {message, step}."""
    sig_prepared = Signal()
    """The host is prepared (manifests read, processes made) and its page about to load: panels can bind now."""

    target = ""
    host_dir: Path | None = None  # the host page's folder (resources/hosts/<host>)
    page_file = "index.html"

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.setup = setup or SessionSetup()
        self.log = HostLog()
        self.log.listen(self.sig_log.emit)
        self.ready = False
        self.prepared = False
        self.closed = False
        self.closing = threading.Event()  # set on close: what runs for the session off the loop (a build) stops
        self.ready_info: dict = {}
        self.environment = SandboxEnvironment(self.log, self.setup.allow_hosts, self)
        self.unsaved = UnsavedFiles(Path(project.root), self.environment.scheme)
        if self.host_dir is not None:
            self.environment.mount("", self.host_dir)
        self.page = HostPage(self.environment, self.log, PageKit(self.host_dir), self.file_for_url, self)
        self.page.sig_report.connect(self._on_report)
        self.page.sig_hung.connect(self._on_problem)
        self.page.sig_crashed.connect(self._on_problem)
        if os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1":
            self.log.add(HOST, "Chromium's sandbox is off for this page (the workbench runs as root, or "
                               "QTWEBENGINE_DISABLE_SANDBOX=1 is set)", sandbox=False)

    # -- lifecycle ------------------------------------------------------------------------------------------------
    async def start(self, timeout_ms: int = 20000) -> None:
        """Bring the host up (prepare, then load the page until it says it is ready); raises SessionError."""
        await self.prepare()
        self.prepared = True
        self.sig_prepared.emit()
        await self.load(timeout_ms)

    async def prepare(self) -> None:
        """What the host does before its page loads (read manifests, mount the package, start processes)."""

    def page_url(self) -> str:
        return self.environment.url(self.page_file)

    async def load(self, timeout_ms: int = 20000) -> None:
        """(Re)load the host page and wait for its ready message; SessionError when it does not come."""
        if self.closed:
            raise SessionError("the session is closed")
        self.ready = False
        ready = signal_future(self.sig_ready)
        problem = signal_future(self.sig_problem)
        self.page.start(self.page_url())
        try:
            outcome = await first_of(ready, problem, timeout=timeout_ms / 1000)
        except TimeoutError:
            raise SessionError(f"the host page did not get ready within {timeout_ms} ms"
                               + self._why_not_ready()) from None
        if isinstance(outcome, str):
            raise SessionError(outcome)

    def _why_not_ready(self) -> str:
        errors = self.log.errors()
        return f" ({errors[0].message})" if errors else ""

    def close(self) -> None:
        """Stop everything the session started (pages, processes); the page goes before its profile."""
        import shiboken6
        if self.closed:
            return
        self.closed = True
        self.closing.set()
        self.ready = False
        self.page.shutdown()
        shiboken6.delete(self.page)
        self.environment.close()
        shiboken6.delete(self.environment)

    def _on_problem(self, message: str) -> None:
        self.ready = False
        self.sig_problem.emit(message)

    # -- what the page reports ------------------------------------------------------------------------------------
    def _on_report(self, report: Report) -> None:
        data = report.data
        if report.channel == "harness":
            if report.kind == "recorded" and isinstance(data.get("step"), dict):
                self.sig_recorded.emit(data)
            return
        kind = report.kind
        if kind == "ready":
            self.ready_info = data
            self.on_ready(data)
            self.ready = True
            self.sig_ready.emit()
        elif kind == "call":
            self._call(data)
        elif kind == "error":
            self._error(data)
        elif kind == "warning":
            self.log.add(WARNING, str(data.get("message", "")), **_without(data, "message"))
        elif kind == "api-call":  # a host API call the page handled itself (logged, no reply)
            self.log.call(str(data.get("name", "")), list(data.get("args") or []), data.get("result"))
            self.sig_state_changed.emit()
        elif kind == "action":
            self.log.action(str(data.get("type")), data.get("payload"))
            self.sig_state_changed.emit()
        elif kind == "console":
            self.log.add(CONSOLE, str(data.get("message", "")), level=str(data.get("level", "log")))
        elif kind == "network-attempt":
            self._network_attempt(data)
        elif not self.on_report(kind, data):
            self.log.add(HOST, str(data.get("message", "")), **_without(data, "message"))

    def on_ready(self, info: dict) -> None:
        """The page says it is ready (host hook: e.g. connect the conference)."""

    def on_report(self, kind: str, data: dict) -> bool:
        """A report of the host's own kind; True when handled (else it is logged as host activity)."""
        return False

    def _error(self, data: dict) -> None:
        message = str(data.get("message", ""))
        data = _without(data, "message")
        self._locate(data)
        self.log.add(ERROR, message, **data)

    def _locate(self, data: dict) -> None:
        """Point an error at the project file: the first stack frame inside the project, else the reported URL."""
        # frame by frame, each line cut short: a stack a plugin wrote itself must not make the search quadratic
        lines = str(data.get("stack", "")).splitlines()[:MAX_FRAMES]
        frames = [f for line in lines for f in _STACK_FRAME.findall(line[:MAX_FRAME_CHARS])]
        candidates = [(u, int(line), int(col)) for u, line, col in frames]
        if data.get("url"):
            candidates.append((str(data["url"]), int(data.get("line") or 0), int(data.get("column") or 0)))
        for url, line, col in candidates:
            file = self.file_for_url(url)
            if file:
                data.update(file=file, line=line, column=col)
                return

    def _network_attempt(self, data: dict) -> None:
        api = str(data.get("api", "a connection"))
        urls = [str(u) for u in data.get("urls") or []]
        if not urls:
            return
        allowed = self.environment.allowed
        outside = [u for u in urls if _url_host(u) not in allowed]
        if outside:
            message = (f"{api} asked for {', '.join(outside)}: not an allowed host, refused (WebRTC runs on "
                       "proxied TCP only, through the workbench's lockdown)")
            self.log.add(NETWORK, message, api=api, urls=outside, host=_url_host(outside[0]))
            self.environment.sig_blocked.emit({"url": outside[0], "host": _url_host(outside[0]), "message": message})

    def file_for_url(self, url: str) -> str | None:
        """The project file a page URL serves (for error positions), relative to the project root."""
        return file_for_url(self.environment, url, Path(self.project.root)) if url else None

    # -- unsaved edits ------------------------------------------------------------------------------------------------
    def set_unsaved(self, buffers: dict[str, str]) -> list[str]:
        """Serve and read these unsaved texts (project-relative path -> text) instead of the files on disk; the
        paths whose content as the session sees it changed (for reload_changed)."""
        return self.unsaved.set(buffers)

    def read_file(self, path: Path, confine: Path | None = None) -> bytes:
        """A project file as the session sees it: its unsaved text when there is one, else the disk's, read safely
        inside confine (default: the project); OSError (UnsafeFile for special files and links out)."""
        return self.unsaved.read(path, confine)

    # -- calls from the page ----------------------------------------------------------------------------------------
    def page_api(self) -> dict[str, Callable[[list], Any]]:
        """The calls the host page may make, by name: each takes the argument list and returns a JSON value."""
        return {}

    def _call(self, data: dict) -> None:
        call_id = data.get("id")
        name = str(data.get("name", ""))
        args = data.get("args")
        args = args if isinstance(args, list) else [args]
        handler = self.page_api().get(name)
        if handler is None:
            self.log.add(WARNING, f"{name} is not part of the {self.target or 'host'} API: the call was ignored",
                         api=name)
            self._reply(call_id, None)
            return
        try:
            result = handler(args)
        except Exception as exc:  # hostile arguments must not become Python exceptions in the window
            self.log.add(WARNING, f"{name}: the host could not handle its arguments ({type(exc).__name__}: {exc})",
                         api=name)
            log.debug("page call %s failed", name, exc_info=True)
            result = None
        if asyncio.iscoroutine(result):
            from workbench.sandbox.aio import spawn
            spawn(self._reply_later(call_id, result))
            return
        self._reply(call_id, result)

    async def _reply_later(self, call_id: Any, coro) -> None:
        try:
            result = await coro
        except Exception as exc:
            self.log.add(WARNING, f"a host call failed: {type(exc).__name__}: {exc}")
            result = None
        self._reply(call_id, result)

    def _reply(self, call_id: Any, result: Any) -> None:
        if isinstance(call_id, int) and not self.closed:
            self.page.post(f"WBKit.reply({call_id}, {json.dumps(json.dumps(result, default=str))})")

    def deliver(self, name: str, payload: Any) -> None:
        """Hand the page a message (state, action...) for the handler it registered with WBKit.on(name)."""
        if not self.closed:
            self.page.post(f"WBKit.deliver({json.dumps(name)}, {json.dumps(json.dumps(payload, default=str))})")

    # -- evaluating in the page -----------------------------------------------------------------------------------
    def page_problem(self) -> str | None:
        """Why the page cannot answer now (hung, crashed), if so."""
        return self.page.fatal if not self.closed else "the session is closed"

    async def harness(self, code: str, timeout_ms: int = 5000) -> Any:
        """Evaluate code in the harness world (plugin code cannot reach it); the value as JSON data."""
        wrapped = f"JSON.stringify((function () {{ var v = ({code}); return v === undefined ? null : v; }})())"
        return await self._evaluate(wrapped, HARNESS_WORLD, timeout_ms)

    async def js(self, code: str, timeout_ms: int = 5000) -> Any:
        """Evaluate code in the host page's world (to drive the page, never to judge it); the value as JSON data."""
        wrapped = f"WBKit.serialize((function () {{ return ({code}); }})())"
        return await self._evaluate(wrapped, MAIN_WORLD, timeout_ms)

    async def _evaluate(self, code: str, world: int, timeout_ms: int) -> Any:
        try:
            value = await self.page.evaluate(code, world, timeout_ms)
        except PageProblem as exc:
            raise StepFailure(str(exc)) from None
        if not isinstance(value, str):
            return None
        try:
            return json.loads(value)
        except ValueError:
            return None

    # -- steps ----------------------------------------------------------------------------------------------------
    async def apply_step(self, step: Step) -> None:
        """Run one step; raises StepFailure."""
        spec = step.spec
        if spec is None:
            raise StepFailure(f"the {self.target or 'host'} host has no step {step.kind!r}")
        await spec.executor()(self, step.value, step)

    def timeout_of(self, step: Step) -> int:
        return step.timeout_ms(self.setup.timeout_ms)

    async def poll(self, step: Step, check: Callable) -> None:
        """Re-check until it holds or the step's timeout runs out; check() is async and returns (ok, seen)."""
        ok, seen = await poll(check, self.timeout_of(step), abort=self.page_problem)
        if not ok:
            problem = self.page_problem()
            raise StepFailure(problem or f"after {self.timeout_of(step)} ms: {seen}")

    async def settle(self) -> None:
        """One round trip through the page, so reports it sent before are in the log."""
        if self.page_problem() is None:
            try:
                await self.page.evaluate("1", HARNESS_WORLD, 2000)
            except PageProblem:
                pass

    def check_errors(self, since_seq: int) -> None:
        """StepFailure on the first uncaught error (or hang/crash) logged after since_seq."""
        from workbench.sandbox.session.page_steps import format_error
        errors = self.log.errors(since_seq)
        if errors:
            raise StepFailure(f"uncaught error: {format_error(errors[0])}")


def _without(data: dict, *keys: str) -> dict:
    return {k: v for k, v in data.items() if k not in keys and isinstance(k, str) and k.isidentifier()}


def _url_host(url: str) -> str:
    """The allow-list entry a URL's host would need ('host' of stun:host:port, turn:host?..., https://host/...)."""
    rest = url.split(":", 1)[1] if ":" in url else url
    rest = rest.lstrip("/").split("?", 1)[0].split("/", 1)[0]
    return rest.rsplit(":", 1)[0].strip("[]").lower() if rest.count(":") == 1 or rest.startswith("[") else rest.lower()
