"""The eXo Web Conferencing host session: the connector's JS module against a mock `webConferencing` core."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.hostlog import HOST
from workbench.core.paths import HOSTS
from workbench.core.scenario import Step
from workbench.sandbox.environment import SandboxEnvironment
from workbench.sandbox.exo_config import ConnectorNotFound, connector_facts, page_config
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.reporting_page import ReportingPage
from workbench.sandbox.session import ControlError, HostSession, SessionError, SessionSetup, StepFailure, show
from workbench.sandbox.waiting import wait_for

HOST_DIR = HOSTS / "exo-platform"
CONTEXT_TYPES = ("user", "space", "chat_room")


def jquery_source() -> bytes:
    """jQuery from the XStatic-jQuery package (a declared dependency)."""
    import xstatic.pkg.jquery as xjq
    return (Path(xjq.BASE_DIR) / "jquery.js").read_bytes()


class ExoSession(HostSession):
    """One emulated eXo page with the project's connector loaded."""

    target = "exo"

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        self.facts: dict[str, Any] = {}
        self.config: dict[str, Any] = {}
        self.context: dict[str, Any] | None = None  # the context the page shows (as last set)
        self._accounts: dict[str, bool] = {}  # user id -> has an IM account of the connector's type
        self._loaded = False

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def start(self, timeout_ms: int = 20000) -> None:
        try:
            self.facts = connector_facts(self.project)
        except ConnectorNotFound as exc:
            raise SessionError(f"{self.project.root}: {exc}") from None
        self.config = page_config(self.facts, self.setup.extra, self.setup.host)
        self._accounts = initial_accounts(self.config)
        self.context = self.config.get("context")
        env = self.environment = SandboxEnvironment(self.log, self.setup.allow_hosts, parent=self)
        type_ = self.facts["type"]
        env.mount("", HOST_DIR)
        env.mount(f"{type_}/", self.facts["webapp_root"], confine=Path(self.project.root))
        env.scheme.add_virtual("app", "vendor/jquery.js", jquery_source(), "text/javascript")
        env.scheme.add_virtual("app", "config.json", json.dumps(self.config).encode(), "application/json")
        self.page = ReportingPage(env, self.log, self.file_for_url, parent=self)
        self.page.sig_report.connect(self._on_report)
        self.log.add(HOST, f"eXo page with connector {type_} ({self.facts['title']}) from {self.facts['module_file']}")
        self.page.start(env.url("index.html"))
        if not wait_for(lambda: self._loaded or bool(self.log.errors()) or self.page_problem() is not None,
                        timeout_ms, wake=(self.page.sig_report,)):
            raise SessionError(f"the eXo page did not load the connector within {timeout_ms} ms")
        self.ready = True
        emit(self.sig_ready)

    def close(self) -> None:
        """Delete the page before its profile (Chromium requires that order), then the environment."""
        super().close()
        if self.environment is not None:
            self.environment.deleteLater()
            self.environment = None

    def _on_report(self, payload: dict) -> None:
        data = payload.get("data") or {}
        if payload.get("kind") == "host" and str(data.get("message", "")).startswith("provider ") and \
                str(data.get("message", "")).endswith(" initialised"):
            self._loaded = True
        if payload.get("kind") in ("call", "action"):
            emit(self.sig_state_changed)

    def file_for_url(self, url: str) -> str | None:
        """The project file a page URL serves (for error positions), relative to the project root."""
        marker = f"://app/{self.facts.get('type', '')}/"
        if marker not in url:
            return None
        rel = url.split(marker, 1)[1].split("?", 1)[0]
        return f"{self.facts['webapp_rel']}/{rel}".lstrip("/")

    # -- controls (the window's Web Conferencing panel; the steps below call the same methods) --------------------
    @property
    def connector_type(self) -> str:
        return str(self.config.get("type", ""))

    @property
    def current_user(self) -> str:
        """The id of the user the page is shown to."""
        return str(self.config.get("user", ""))

    def people(self) -> list[dict[str, Any]]:
        """Every simulated user: id, title, whether they have an IM account of the connector's type, current or not."""
        users = {str(u["id"]): u for u in self.config.get("users", []) if isinstance(u, dict) and u.get("id")}
        if self.current_user and self.current_user not in users:
            users = {self.current_user: {"id": self.current_user}, **users}
        return [{"id": uid, "title": user_title(u), "has_account": self._accounts.get(uid, self._default_im()),
                 "current": uid == self.current_user} for uid, u in users.items()]

    def places(self, kind: str) -> list[dict[str, Any]]:
        """The configured spaces (kind 'space') or chat rooms ('chat_room'): id, title, members."""
        entries = self.config.get("spaces" if kind == "space" else "rooms", []) or []
        return [{"id": str(e["id"]), "title": str(e.get("title") or e["id"]), "members": list(e.get("members") or [])}
                for e in entries if isinstance(e, dict) and e.get("id")]

    def provider_settings(self) -> list[tuple[str, str, str]]:
        """(name, value in force, as written in the configuration XML) of each provider property."""
        raw = self.facts.get("properties", {})
        written = self.facts.get("raw_properties", {})
        overrides = {str(k): str(v) for k, v in (self.setup.extra.get("settings") or {}).items()}
        names = list(dict.fromkeys([*raw, *overrides]))
        return [(n, overrides.get(n, raw.get(n, "")), written.get(n, "(scenario setting)")) for n in names]

    def set_context(self, spec: dict[str, Any], on_done: Callable[[Any], None] | None = None) -> None:
        """Show the page of a user (popover), a space or a chat room and ask the connector for its call button;
        on_done(the button state, or None when the page could not show it)."""
        if not isinstance(spec, dict) or spec.get("type") not in CONTEXT_TYPES or not spec.get("id"):
            raise ControlError(f"context needs a type ({', '.join(CONTEXT_TYPES)}) and an id, got {show(spec)}")
        self.context = dict(spec)
        self._run(f"ExoHost.setContext({show(spec)})", on_done)
        emit(self.sig_state_changed)

    def set_user_account(self, user_id: str, has_account: bool, on_done: Callable[[Any], None] | None = None) -> None:
        """Give a user an IM account of the connector's type or take it away (connectors offer calls only between
        users who have one); the shown context is rendered again."""
        if not user_id:
            raise ControlError("set_user_account needs a user id")
        self._accounts[str(user_id)] = bool(has_account)
        self._run(f"ExoHost.setUserAccount({show(str(user_id))}, {show(bool(has_account))})", on_done)
        emit(self.sig_state_changed)

    def simulate_incoming(self, from_user: str, call_id: str | None = None, *, state: str | None = None,
                          provider: str | None = None, on_done: Callable[[Any], None] | None = None) -> None:
        """Another user calls the current one: a call_state update through onUserUpdate; on_done(how many listeners
        got it)."""
        if not from_user:
            raise ControlError("an incoming call needs the id of the user who calls")
        spec = {"from": str(from_user)}
        for key, value in (("callId", call_id), ("state", state), ("provider", provider)):
            if value:
                spec[key] = str(value)
        self._run(f"ExoHost.incoming({show(spec)})", on_done)

    def recording_header(self) -> dict[str, Any]:
        """The scenario keys that make a replay start as the session is now: the current user, the users with the
        IM accounts they have now, the shown context, and the places and settings the session started with."""
        header: dict[str, Any] = {"user": self.current_user}
        users = []
        listed = [u for u in self.config.get("users", []) if isinstance(u, dict) and u.get("id")]
        if self.current_user in self._accounts and all(str(u["id"]) != self.current_user for u in listed):
            listed.append({"id": self.current_user})  # the current user's account changed: write it down
        for u in listed:
            user = dict(u)
            uid = str(u["id"])
            if uid in self._accounts or not self._default_im():
                accounts = dict(user.get("imAccounts") or {}) if isinstance(user.get("imAccounts"), dict) else {}
                accounts.pop(self.connector_type, None)
                if self._accounts.get(uid, self._default_im()):  # the shape the page gives accounts
                    accounts[self.connector_type] = [{"id": f"{uid}@{self.connector_type}",
                                                      "type": self.connector_type}]
                user["imAccounts"] = accounts
            users.append(user)
        header["users"] = users
        for key in ("spaces", "rooms", "settings", "statuses"):
            if key in self.setup.extra:
                header[key] = self.setup.extra[key]
        if self.context is not None:
            header["context"] = dict(self.context)
        if "default_im" in self.setup.host:
            header["host"] = {"default_im": self.setup.host["default_im"]}
        return header

    def _default_im(self) -> bool:
        return bool(self.config.get("defaultIm", True))

    def _run(self, code: str, on_done: Callable[[Any], None] | None) -> None:
        """Run code in the page without blocking; on_done(its value, JSON-decoded; None when it threw)."""
        if self.page is None or self.page_problem() is not None:
            raise ControlError(self.page_problem() or "the eXo page is not loaded")

        def done(value: Any) -> None:
            if on_done is not None:
                on_done(json.loads(value) if isinstance(value, str) else value)

        self.page.runJavaScript(f"JSON.stringify({code})", 0, done)

    def _await(self, step: Step, start: Callable[[Callable[[Any], None]], None], what: str) -> Any:
        """Start a control and wait for the page's answer (the step's timeout)."""
        box: dict = {}
        start(lambda value: box.setdefault("value", value))
        if not wait_for(lambda: "value" in box, self.timeout_of(step), abort=lambda: self.page_problem() is not None):
            raise StepFailure(self.page_problem() or f"the page did not {what} within {self.timeout_of(step)} ms")
        return box["value"]

    # -- steps ----------------------------------------------------------------------------------------------------
    def step_context(self, value: dict, step: Step) -> None:
        """Show the page of a user, a space or a chat room and ask the connector for its call button."""
        if self._await(step, lambda done: self.set_context(value, done), "show the context") is None:
            raise StepFailure("the page could not show the context")

    def expect_button(self, value: dict, step: Step) -> None:
        """The call button is shown (true) or not (false) for the current context."""
        want = bool(value["button"])
        text = value.get("text")

        def check() -> tuple[bool, str]:
            b = self.current_button()
            state = b.get("state")
            if state == "pending":
                return False, "the connector's callButton promise is still pending"
            shown = state == "shown"
            if shown != want:
                return False, ("no call button: " + str(b.get("reason")) if want
                               else f"a call button is shown ({b.get('text')!r})")
            if want and text is not None and str(text) not in str(b.get("text")):
                return False, f"the call button reads {b.get('text')!r}, not containing {text!r}"
            return True, ""

        self.poll(step, check)

    def step_click(self, value: dict, step: Step) -> None:
        if isinstance(value, dict) and value.get("button"):
            self.poll(step, lambda: (bool(self.js("ExoHost.clickButton()")), "no call button to click"))
            return
        super().step_click(value, step)

    def step_incoming(self, value: dict, step: Step) -> None:
        """Another user calls the current one: a call_state 'started' update through onUserUpdate."""
        if not isinstance(value, dict) or not value.get("from"):
            raise StepFailure(f"incoming needs `from` (a user id) and optionally `callId`, got {show(value)}")
        self._await(step, lambda done: self.simulate_incoming(
            value["from"], value.get("callId"), state=value.get("state"), provider=value.get("provider"),
            on_done=done), "deliver the incoming call")

    def step_account(self, value: dict, step: Step) -> None:
        """A user gets an IM account of the connector's type (`has: true`) or loses it (`has: false`)."""
        if not isinstance(value, dict) or not value.get("user") or not isinstance(value.get("has"), bool):
            raise StepFailure(f"account needs `user` (a user id) and `has` (true or false), got {show(value)}")
        self._await(step, lambda done: self.set_user_account(value["user"], value["has"], done),
                    "change the account")

    def current_button(self) -> dict:
        """The call button state of the shown context (blocks on the page: for steps and tests)."""
        return json.loads(self.js("JSON.stringify(ExoHost.button)") or "{}")


def user_title(user: dict[str, Any]) -> str:
    """'First Last' as eXo shows a user, or the id."""
    name = f"{user.get('firstName', '')} {user.get('lastName', '')}".strip()
    return str(user.get("title") or name or user.get("id", ""))


def initial_accounts(config: dict[str, Any]) -> dict[str, bool]:
    """Who has an IM account of the connector's type at start: `imAccounts` as given, else the default."""
    type_ = config.get("type", "")
    accounts = {}
    for u in config.get("users", []):
        if isinstance(u, dict) and u.get("id") and isinstance(u.get("imAccounts"), dict):
            accounts[str(u["id"])] = bool(u["imAccounts"].get(type_))
    return accounts


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> ExoSession:
    """The host session of an eXo connector project."""
    return ExoSession(project, setup, parent)
