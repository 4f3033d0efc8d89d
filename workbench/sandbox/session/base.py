"""The base of every host session: its setup, signals, lifecycle, step dispatch and the means to wait on its page."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.core.hostlog import HostLog
from workbench.core.scenario import DEFAULT_TIMEOUT_MS, Scenario, Step
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.session.errors import StepFailure
from workbench.sandbox.session.page_steps import PageSteps, format_error
from workbench.sandbox.waiting import wait_for


@dataclass
class SessionSetup:
    """What a session starts with: the scenario's header, or the window's defaults."""

    role: str = "chair"
    platform: str = "web"
    plugin: str | None = None
    conference: dict = field(default_factory=dict)
    self_participant: dict = field(default_factory=dict)
    participants: list[dict] = field(default_factory=list)
    allow_hosts: list[str] = field(default_factory=list)
    host: dict = field(default_factory=dict)  # host-specific settings
    extra: dict = field(default_factory=dict)  # host-specific top-level scenario keys
    timeout_ms: int = DEFAULT_TIMEOUT_MS
    allow_errors: bool = False

    @classmethod
    def from_scenario(cls, s: Scenario) -> SessionSetup:
        return cls(role=s.role, platform=s.platform, plugin=s.plugin, conference=dict(s.conference),
                   self_participant=dict(s.self_participant), participants=[dict(p) for p in s.participants],
                   allow_hosts=list(s.allow_hosts), host=dict(s.host), extra=dict(s.extra),
                   timeout_ms=s.timeout_ms, allow_errors=s.allow_errors)


class HostSession(QObject, PageSteps):
    """Base of every host session (the protocol is described in workbench/sandbox/session/__init__.py)."""

    sig_log = Signal(object)
    """A new LogEntry."""
    sig_state_changed = Signal()
    """The simulated host state changed (conference, participants, processes...)."""
    sig_ready = Signal()
    """The host page is loaded with its plugins (again, after a restart)."""
    sig_problem = Signal(str)
    """The page hung or crashed (message); it is being restarted."""

    target = ""
    supports_hot_reload = False
    """The host reloads one plugin in the running page (reread_plugins, reload_plugin, push_state)."""
    supports_audiences = False
    """The host shows itself differently per role and platform (set_audience does something)."""

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.setup = setup or SessionSetup()
        self.log = HostLog()
        self.log.listen(lambda entry: emit(self.sig_log, entry))
        self.page = None  # a HostPage, for hosts that show one
        self.environment = None
        self.ready = False
        self.conference = None  # the simulated conference, for hosts that have one
        self.plugins: list = []  # the plugins the host page runs, for hosts that list them

    # -- controls for the window (hosts that support them override) ---------------------------------------------
    def set_audience(self, role: str, platform: str) -> bool:
        """Show the host to another role/platform from its next page load; False when the host has no audiences."""
        return False

    def request_plugin_states(self, on_done: Callable[[list[dict]], None]) -> None:
        """on_done(list of {id, started, enabled, visible, allowUnload}) as the page runs its plugins; [] here."""
        on_done([])

    def request_plugin_enabled(self, plugin_id: str, enabled: bool,
                               on_done: Callable[[bool], None] | None = None) -> None:
        """Load or unload a plugin in the running page without waiting, then on_done(ok); not supported here."""
        if on_done is not None:
            on_done(False)

    # -- lifecycle (hosts override) -------------------------------------------------------------------------------
    def start(self, timeout_ms: int = 20000) -> None:
        """Bring the host up; raises SessionError."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop everything the session started (pages, processes); the page goes before its profile."""
        import shiboken6
        if self.page is not None:
            self.page.shutdown()
            shiboken6.delete(self.page)
            self.page = None
        if self.environment is not None:
            shiboken6.delete(self.environment)
            self.environment = None

    # -- steps ----------------------------------------------------------------------------------------------------
    def apply_step(self, step: Step) -> None:
        """Run one step; raises StepFailure."""
        if step.kind == "expect":
            subject = next((k for k in step.value if hasattr(self, f"expect_{k}")), None)
            if subject is None:
                raise StepFailure(f"the {self.target or 'host'} host cannot check {', '.join(step.value)}")
            getattr(self, f"expect_{subject}")(step.value, step)
            return
        handler: Callable | None = getattr(self, f"step_{step.kind}", None)
        if handler is None:
            raise StepFailure(f"the {self.target or 'host'} host has no step {step.kind!r}")
        handler(step.value, step)

    def timeout_of(self, step: Step) -> int:
        return step.timeout_ms(self.setup.timeout_ms)

    def poll(self, step: Step, check: Callable[[], tuple[bool, str]]) -> None:
        """Re-check until it holds or the step's timeout runs out; check returns (ok, what was seen)."""
        seen = {"text": ""}

        def condition() -> bool:
            ok, seen["text"] = check()
            return ok

        ok = wait_for(condition, self.timeout_of(step), abort=self.page_problem)
        if not ok:
            problem = self.page_problem()
            if problem:
                raise StepFailure(problem)
            raise StepFailure(f"after {self.timeout_of(step)} ms: {seen['text']}")

    def page_problem(self) -> str | None:
        """Why the page cannot answer now (hung, crashed), if so."""
        return getattr(self.page, "fatal", None) if self.page is not None else None

    def js(self, code: str, timeout_ms: int = 5000) -> Any:
        """Evaluate code in the host page; StepFailure when it does not answer."""
        if self.page is None:
            raise StepFailure("this host has no page")
        # Values cross as JSON: Qt's conversion of JS objects drops some shapes (nulls inside objects).
        wrapped = f"(function () {{ var v = ({code}); return JSON.stringify(v === undefined ? null : v); }})()"
        ok, value = self.page.eval_js(wrapped, timeout_ms)
        if not ok:
            raise StepFailure(self.page_problem() or f"the page did not answer within {timeout_ms} ms")
        return json.loads(value) if isinstance(value, str) else value

    def settle(self) -> None:
        """One round trip through the page, so reports it sent before are in the log."""
        if self.page is not None and self.page_problem() is None:
            self.page.eval_js("1", 2000)

    def check_errors(self, since_seq: int) -> None:
        """StepFailure on the first uncaught error (or hang/crash) logged after since_seq."""
        errors = self.log.errors(since_seq)
        if errors:
            first = errors[0]
            raise StepFailure(f"uncaught error: {format_error(first)}")
