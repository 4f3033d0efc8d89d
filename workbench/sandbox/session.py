"""Host sessions: the pluggable protocol between the scenario runner / the window and one host emulation.

Getting a session for a project:

    runtime = importlib.import_module(f"workbench.targets.{project.target}.runtime")
    session = runtime.create_session(project, SessionSetup.from_scenario(scenario))   # or SessionSetup()
    session.start()                  # blocks on the event loop (never sleeps) until the host is ready
    for step in scenario.steps:
        session.apply_step(step)     # raises StepFailure(message) when the step does not hold
    session.check_errors(...)        # uncaught errors fail the step during which they happened
    session.close()

A target's `runtime` module provides:
- `create_session(project, setup: SessionSetup, parent: QObject | None = None) -> HostSession`;
- optionally `EXTRA_STEPS`, `EXTRA_EXPECT`, `EXTRA_KEYS` (frozensets): the step names, `expect` keys and top-level
  scenario keys the host adds to the common ones of workbench/core/scenario.py (XCALLY: start/stop/kill and
  expect process/http/view; eXo: context/incoming and expect button). The runner hands them to the scenario loader.

A HostSession is a QObject (subclass `HostSession` below) with:
- `log: HostLog` (every API call, action, console line, error, network block) and the signals `sig_log(entry)`,
  `sig_state_changed()`, `sig_ready()`, `sig_problem(message)` (hang, crash) for the window; emit them with
  `workbench.sandbox.qtcompat.emit(signal, *args)` (works around a PySide6 reference-count defect);
- `page: HostPage | None` (a QWebEnginePage usable in a visible QWebEngineView) and `environment`;
- `start(timeout_ms)`, `close()`, `apply_step(step)`, `check_errors(since_seq)`;
- for the window: `conference` (or None), `plugins`, `set_audience(role, platform)` (when `supports_audiences`),
  `request_plugin_states(on_done)`, `request_plugin_enabled(plugin_id, enabled, on_done)` (defaults: nothing to show
  or change), and, when the class sets `supports_hot_reload`, `push_state()`, `reread_plugins()` and
  `reload_plugin(plugin_id, on_done)`.
Hosts without a conference offer their own public controls, which the window's host panel calls and the host's
steps call too (one code path): XCALLY `start_process()`, `stop_process()`, `kill_process()`, `set_restart()`,
`set_env()`, `show_view()`; eXo `set_context()`, `set_user_account()`, `simulate_incoming()`. They raise
`ControlError` (a StepFailure) with a message for the user when they cannot be done.
`apply_step` dispatches `step_<kind>(value, step)` and, for `expect`, `expect_<key>(value, step)`; a host
implements the methods of its own steps. Common page steps (click/fill/expect on a selector, wait, expect
no_errors / error / call) are implemented here for every host with a page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from workbench.core.hostlog import ERROR, HostLog, LogEntry
from workbench.core.scenario import DEFAULT_TIMEOUT_MS, Scenario, Step
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.waiting import pause, wait_for


class StepFailure(Exception):
    """A step that does not hold; the message says what was expected and what was seen."""


class ControlError(StepFailure):
    """A host control (a window button or the step that shares its code) cannot be done now; says why."""


class SessionError(Exception):
    """The host could not start (bad project, page did not load, plugin hung at load...)."""


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


def matches(expected: Any, actual: Any) -> bool:
    """Partial match: mappings by their given keys, lists as a prefix, scalars equal (numbers loosely)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) >= len(expected) and all(
            matches(e, a) for e, a in zip(expected, actual, strict=False))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual or expected == actual and type(expected) is type(actual)
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(expected) == float(actual)
    return expected == actual or (isinstance(expected, str) and not isinstance(actual, str)
                                  and actual is not None and expected == str(actual))


def show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class HostSession(QObject):
    """Base of every host session (see the module docstring for the protocol)."""

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

    # -- common page steps ---------------------------------------------------------------------------------------
    def step_wait(self, value: Any, step: Step) -> None:
        pause(int(value))

    def step_click(self, value: dict, step: Step) -> None:
        if "selector" not in value:
            raise StepFailure("this host clicks elements by `selector`")
        self.poll(step, lambda: self._page_action("click", value["selector"]))

    def step_fill(self, value: dict, step: Step) -> None:
        self.poll(step, lambda: self._page_action("fill", value["selector"], value.get("value", "")))

    def _page_action(self, what: str, selector: str, fill: Any = None) -> tuple[bool, str]:
        code = f"""(function(sel, what, val) {{
            var el; try {{ el = document.querySelector(sel); }} catch (e) {{ return 'bad selector: ' + e.message; }}
            if (!el) return '';
            if (what === 'click') {{ el.click(); return 'ok'; }}
            if ('value' in el) {{ el.focus && el.focus(); el.value = val; }} else {{ el.textContent = val; }}
            el.dispatchEvent(new Event('input', {{bubbles: true}}));
            el.dispatchEvent(new Event('change', {{bubbles: true}}));
            return 'ok';
        }})({show(selector)}, {show(what)}, {show('' if fill is None else str(fill))})"""
        result = self.js(code)
        if isinstance(result, str) and result.startswith("bad selector"):
            raise StepFailure(f"{selector!r}: {result}")
        return result == "ok", f"no element matches {selector!r}"

    def expect_selector(self, value: dict, step: Step) -> None:
        selector, text = value["selector"], value.get("text")
        code = f"""(function(sel) {{
            var els; try {{ els = document.querySelectorAll(sel); }} catch (e) {{ return {{error: e.message}}; }}
            return {{texts: Array.prototype.map.call(els, function (e) {{
                return (e.innerText || e.textContent || e.value || '').trim(); }})}};
        }})({show(selector)})"""

        def check() -> tuple[bool, str]:
            res = self.js(code) or {}
            if res.get("error"):
                raise StepFailure(f"{selector!r} is not a valid selector: {res['error']}")
            texts = res.get("texts") or []
            if not texts:
                return False, f"no element matches {selector!r}"
            if text is None or any(str(text) in t for t in texts):
                return True, ""
            return False, f"{selector!r} has text {show(texts[:5])}, not containing {show(text)}"

        self.poll(step, check)

    def expect_no_errors(self, value: Any, step: Step) -> None:
        self.settle()
        errors = self.log.errors()
        if value and errors:
            raise StepFailure(f"expected no uncaught error, got {len(errors)}: {format_error(errors[0])}")
        if not value and not errors:
            self.poll(step, lambda: (bool(self.log.errors()), "no uncaught error happened"))

    def expect_error(self, value: dict, step: Step) -> None:
        text = str(value["error"])

        def check() -> tuple[bool, str]:
            errors = self.log.errors()
            if any(text in e.message or text in str(e.data.get("stack", "")) for e in errors):
                return True, ""
            return False, f"no uncaught error containing {text!r} (errors: {show([e.message for e in errors])})"

        self.poll(step, check)
        self._expected_errors = True

    def expect_call(self, value: dict, step: Step) -> None:
        name = value["call"]
        args = value.get("args")
        result = value.get("result")
        count = value.get("count")

        def check() -> tuple[bool, str]:
            calls = self.log.calls(name)
            hits = [c for c in calls if (args is None or matches(args, c.data.get("args")))
                    and (result is None or matches(result, c.data.get("result")))]
            if count is not None:
                return len(hits) == int(count), f"{len(hits)} matching call(s) of {name}, expected {count}"
            if hits:
                return True, ""
            if not calls:
                others = sorted({c.data.get("name") for c in self.log.calls()})
                return False, f"{name} was never called (calls so far: {', '.join(others) or 'none'})"
            seen = "; ".join(f"{name}{show(c.data.get('args'))}" for c in calls[-3:])
            want = f" with args starting {show(args)}" if args is not None else ""
            want += f" and result {show(result)}" if result is not None else ""
            return False, f"no call of {name}{want}; seen: {seen}"

        self.poll(step, check)


def format_error(entry: LogEntry) -> str:
    """An error entry as one readable line: message and where it was thrown."""
    where = ""
    if entry.data.get("file"):
        where = f" at {entry.data['file']}:{entry.data.get('line', 0)}:{entry.data.get('column', 0)}"
    elif entry.data.get("url"):
        where = f" at {entry.data['url']}:{entry.data.get('line', 0)}:{entry.data.get('column', 0)}"
    return f"{entry.message}{where}"


__all__ = ["ERROR", "ControlError", "HostSession", "SessionError", "SessionSetup", "StepFailure", "format_error",
           "matches"]
