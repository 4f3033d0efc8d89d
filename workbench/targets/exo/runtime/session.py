"""The eXo Web Conferencing host session: the connector's JS module against a mock `webConferencing` core."""

from __future__ import annotations

import json
from collections.abc import Awaitable
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.hostlog import HOST
from workbench.core.paths import HOSTS
from workbench.core.scenario_record import RecordingStart
from workbench.sandbox.session import ControlError, HostSession, SessionError, SessionSetup, show
from workbench.targets.exo.runtime.callpage import render_call_pages
from workbench.targets.exo.runtime.config import ConnectorNotFound, as_json, connector_facts, page_config
from workbench.targets.exo.runtime.platform import PORTAL_PAGE, jquery_source, jquery_ui_dir, platform_files
from workbench.targets.exo.scenario import CONTEXT_TYPES

__all__ = ["ExoSession", "create_session", "jquery_source"]


class ExoSession(HostSession):
    """One emulated eXo page with the project's connector loaded."""

    target = "exo"
    host_dir = HOSTS / "exo"

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        self.call_pages: list[dict[str, Any]] = []
        self.facts: dict[str, Any] = {}
        self.config: dict[str, Any] = {}
        self.context: dict[str, Any] | None = None  # the context the page shows (as last set)
        self._accounts: dict[str, bool] = {}  # user id -> has an IM account of the connector's type

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def page_url(self) -> str:
        return self.environment.url(PORTAL_PAGE)

    async def prepare(self) -> None:
        try:
            self.facts = connector_facts(self.project)
        except ConnectorNotFound as exc:
            raise SessionError(f"{self.project.root}: {exc}") from None
        self.config = page_config(self.facts, self.setup.header, self.setup.host)
        self._accounts = initial_accounts(self.config)
        self.context = self.config.get("context")
        env = self.environment
        env.mount("exo-host/", self.host_dir)
        env.mount(f"{self.facts['war']}/", self.facts["webapp_root"])
        env.mount("webconferencing/skin/images/", jquery_ui_dir() / "images")
        for path, (data, mime) in platform_files().items():
            env.scheme.add_virtual("app", path, data, mime)
        self.call_pages = render_call_pages(self.project, self.facts, self.config, env)
        env.scheme.add_virtual("app", "exo-host/config.json", as_json(self.config), "application/json")
        for p in self.facts["providers"]:
            self.log.add(HOST, f"provider {p.type} ({p.title}) from {p.config_xml}, module {p.module_name}"
                               + (f"; settings not read from the source: {', '.join(p.unreadable)}"
                                  if p.unreadable else ""))

    def on_ready(self, info: dict) -> None:
        if info.get("initialised"):
            self.log.add(HOST, f"provider {self.connector_type} initialised")
        else:
            self.log.add(HOST, f"the connector is not initialised: {info.get('reason', 'see the errors above')}")

    async def reload_changed(self, files) -> str | None:
        """A change to the connector's web files reloads the page, keeping the shown context and the accounts."""
        webapp = str(self.facts.get("webapp_rel", "")).strip("/")
        changed = [f for f in files if not webapp or f == webapp or f.startswith(webapp + "/")]
        if not changed or not self.facts:
            return None
        await self.load()
        return "page"

    async def reload(self) -> None:
        """Load the page again with the session's state (context, accounts, settings) as it is now."""
        await self.load()

    async def load(self, timeout_ms: int = 20000) -> None:
        """(Re)load the page as it is now: the context shown and who has an account survive a reload (F5 too)."""
        if self.facts:
            self._publish_state()
        await super().load(timeout_ms)

    def _publish_state(self) -> None:
        self.config["context"] = self.context
        for user in self.config.get("users", []):
            uid = str(user.get("id", "")) if isinstance(user, dict) else ""
            if uid in self._accounts:
                accounts = dict(user.get("imAccounts") or {}) if isinstance(user.get("imAccounts"), dict) else {}
                if self._accounts[uid]:
                    accounts[self.connector_type] = [{"id": f"{uid}@{self.connector_type}", "type": self.connector_type}]
                else:
                    accounts.pop(self.connector_type, None)
                user["imAccounts"] = accounts
        self.environment.scheme.add_virtual("app", "exo-host/config.json", as_json(self.config), "application/json")
        self.call_pages = render_call_pages(self.project, self.facts, self.config, self.environment)

    def file_for_url(self, url: str) -> str | None:
        """The project file a page URL serves (for error positions), relative to the project root."""
        marker = f"://app/{self.facts.get('war', '')}/"
        if marker not in url:
            return None
        rel = url.split(marker, 1)[1].split("?", 1)[0]
        return f"{self.facts['webapp_rel']}/{rel}".lstrip("/")

    # -- controls (the window's Web Conferencing panel; the steps below call the same methods) --------------------
    @property
    def connector_type(self) -> str:
        """The type of the provider previewed."""
        return str(self.config.get("preview", ""))

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

    def providers(self) -> list[dict[str, str]]:
        """Every provider of the add-on: type, title, whether it is the one previewed."""
        return [{"type": p.type, "title": p.title, "previewed": p.type == self.connector_type}
                for p in self.facts.get("providers", [])]

    def provider_settings(self) -> list[tuple[str, str, str]]:
        """(name, value in force as JSON, where it comes from) of each setting the previewed provider gets."""
        provider = self._provider()
        settings = self.config.get("settings", {})
        given = self.setup.header.get("settings") or {}
        out = []
        for name, value in settings.items():
            if name in given or (isinstance(given.get(self.connector_type), dict) and name in given[self.connector_type]):
                origin = "set here"
            elif provider is not None and name in provider.unreadable:
                origin = "not readable from the source"
            else:
                origin = {"base": "Web Conferencing core", "java": "Java getSettings()", "xml": "configuration XML"}.get(
                    provider.origins.get(name, "") if provider else "", "")
            out.append((name, json.dumps(value), origin))
        return out

    def _provider(self):
        return next((p for p in self.facts.get("providers", []) if p.type == self.connector_type), None)

    def set_setting(self, name: str, value: Any) -> Awaitable[Any]:
        """Give the previewed provider's setting another value (kept for the session) and load the page again."""
        if not name:
            raise ControlError("a setting needs a name")
        given = dict(self.setup.header.get("settings") or {})
        given[str(name)] = value
        self.setup.header["settings"] = given
        self.config["settings"][str(name)] = value
        for p in self.config["providers"]:
            if p["type"] == self.connector_type:
                p["settings"][str(name)] = value
        self.sig_state_changed.emit()
        return self.reload()

    def preview_provider(self, type_: str) -> Awaitable[Any]:
        """Preview another provider of the add-on (its call button, its accounts): the page loads again."""
        if type_ not in [p["type"] for p in self.config.get("providers", [])]:
            raise ControlError(f"no provider {type_!r} in this add-on")
        self.setup.header["provider"] = type_
        self.config = page_config(self.facts, self.setup.header, self.setup.host)
        self._accounts = initial_accounts(self.config)
        self.sig_state_changed.emit()
        return self.reload()

    def set_context(self, spec: dict[str, Any]) -> Awaitable[Any]:
        """Show the page of a user (popover), a space or a chat room and ask the connector for its call button.

        The session's state changes now; the returned awaitable gives the button state (None when the page could
        not show it)."""
        if not isinstance(spec, dict) or spec.get("type") not in CONTEXT_TYPES or not spec.get("id"):
            raise ControlError(f"context needs a type ({', '.join(CONTEXT_TYPES)}) and an id, got {show(spec)}")
        self.context = {k: spec[k] for k in ("type", "id", "members") if spec.get(k) is not None}
        self.sig_state_changed.emit()
        return self._run(f"ExoHost.setContext({show(self.context)})")

    def set_user_account(self, user_id: str, has_account: bool) -> Awaitable[Any]:
        """Give a user an IM account of the connector's type or take it away (connectors offer calls only between
        users who have one); the shown context is rendered again. The state changes now; await the page."""
        if not user_id:
            raise ControlError("set_user_account needs a user id")
        self._accounts[str(user_id)] = bool(has_account)
        self.sig_state_changed.emit()
        return self._run(f"ExoHost.setUserAccount({show(str(user_id))}, {show(bool(has_account))})")

    def simulate_incoming(self, from_user: str, call_id: str | None = None, *, state: str | None = None,
                          provider: str | None = None) -> Awaitable[Any]:
        """Another user calls the current one: a call_state update through onUserUpdate; whether a listener got it."""
        if not from_user:
            raise ControlError("an incoming call needs the id of the user who calls")
        spec = {"from": str(from_user)}
        for key, value in (("callId", call_id), ("state", state), ("provider", provider)):
            if value:
                spec[key] = str(value)
        return self._run(f"ExoHost.incoming({show(spec)})")

    def recording_start(self) -> RecordingStart:
        return RecordingStart(self.recording_header())

    def recording_header(self) -> dict[str, Any]:
        """The scenario keys that make a replay start as the session is now: the current user, the users with the
        IM accounts they have now, the shown context, and the places and settings the session started with."""
        header: dict[str, Any] = {"user": self.current_user}
        if len(self.facts.get("providers", [])) > 1:
            header["provider"] = self.connector_type
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
            if key in self.setup.header:
                header[key] = self.setup.header[key]
        if self.context is not None:
            header["context"] = dict(self.context)
        if "default_im" in self.setup.host:
            header["host"] = {"default_im": self.setup.host["default_im"]}
        return header

    def _default_im(self) -> bool:
        return bool(self.config.get("defaultIm", True))

    async def _run(self, code: str) -> Any:
        """Run a control in the page (its world) and return its value; ControlError when the page cannot answer."""
        if self.page_problem() is not None or not self.ready:
            raise ControlError(self.page_problem() or "the eXo page is not loaded")
        return await self.js(code)

    async def current_button(self) -> dict:
        """The call button of the shown context, read from the page's DOM in the harness world."""
        return await self.harness(
            "(function () { var p = document.getElementById('page'); var b = document.querySelector('#callButton');"
            " return {state: p && p.getAttribute('data-button-state') || 'none',"
            " reason: p && p.getAttribute('data-button-reason') || '',"
            " text: b ? (b.innerText || b.textContent || '').trim() : ''}; })()") or {}


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
