"""The Pexip Infinity Connect (web app v2) host session: the emulated app page over the simulated conference."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.conference import FAIL_DIAL, conference_from_header
from workbench.core.hostlog import HOST, WARNING
from workbench.core.paths import HOSTS
from workbench.core.project import content_relative
from workbench.core.scenario_record import RecordingStart, conference_header
from workbench.sandbox.session import HostSession, SessionError, SessionSetup
from workbench.targets.pexip.actions import ACTIONS, action_types, deliveries
from workbench.targets.pexip.plugins import PluginEntry, read_plugins
from workbench.targets.pexip.runtime import reloading
from workbench.targets.pexip.runtime.api import PexipApi, recorded_check
from workbench.targets.pexip.runtime.building import ensure_built, output_marks
from workbench.targets.pexip.shapes import CONNECT_DELAY_MS, PLATFORMS, ROLES
from workbench.targets.pexip.typescript import content_path, dist_rel, is_typescript


def content_dir(project) -> Path:
    """The folder served as custom_configuration/ (the branding package's webapp2 folder)."""
    return (Path(project.root) / (project.content_root or "")).resolve()


class PexipSession(HostSession):
    """One emulated Infinity Connect conference view with the project's plugins."""

    target = "pexip"
    host_dir = HOSTS / "pexip"
    roles = ROLES
    platforms = PLATFORMS

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        s = self.setup
        self.role = str(s.get("role", "chair"))
        self.platform = str(s.get("platform", "web"))
        # The app's own participant calls in with the browser's media (a roster-only client would be 'api').
        self.conference = conference_from_header(
            s.get("conference"), s.get("self"), s.get("participants"), role=self.role,
            fail_dial=str(s.host.get("fail_dial", FAIL_DIAL)), self_props={"protocol": "webrtc"})
        self.content = content_dir(project)
        self.plugins, _problems = self._read_plugins()  # logged by prepare(), once a TypeScript plugin is built
        self.environment.mount("custom_configuration/", self.content)
        if is_typescript(project):  # the built plugins are laid over dev-assets/plugins/, as the template serves them
            self.environment.mount("custom_configuration/plugins/", Path(project.root) / dist_rel(project) / "plugins",
                                   confine=Path(project.root))
        self._built_marks: dict[str, int] = {}  # built files as the workbench's own last build left them
        self.api = PexipApi(self.conference, self.log, self.dispatch)
        self.conference.on_change(self.push_state)
        self.conference.on_event(self._on_event)
        self._plugin_states: list[dict] = []
        self._bust = 0  # cache-busting counter of hot reloads
        self._reloads: dict[int, asyncio.Future] = {}  # bust -> resolved with the number of items rendered
        self._connecting: asyncio.TimerHandle | None = None  # the pending connection after the page got ready

    async def prepare(self) -> None:
        """Build a TypeScript plugin whose output is missing or stale; read the plugins the page will load."""
        if is_typescript(self.project):
            why_not = await ensure_built(self.project, self.log, self.setup.auto_run, self.closing)
            if why_not:
                raise SessionError(why_not)
            self._built_marks = output_marks(self.project)
        self.plugins, problems = self._read_plugins()
        for message in problems:
            self.log.add(WARNING, message)

    # -- the page -----------------------------------------------------------------------------------------------
    def page_api(self) -> dict:
        return {"hello": lambda _args: self.page_config(), **self.api.handlers()}

    def page_config(self) -> dict:
        """What the page needs to start; a reload joins the conference afresh."""
        self.ready = False
        for future in self._reloads.values():
            if not future.done():
                future.set_result(-1)  # a reloaded page reports no pending plugin reload
        self._reloads.clear()
        self._cancel_connecting()
        if self.conference.connected:
            self.conference.connected = False  # the reloaded app connects again once its plugins are loaded
        me = self.conference.participants[self.conference.self_uuid]
        return {
            "snapshot": self.conference.snapshot(),
            "displayName": me.get("name", ""),
            "plugins": [p.to_page() for p in self.plugins],
            "actions": ACTIONS,
            "role": self.role,
            "platform": self.platform,
            "options": {"sendRequestCallback": self.setup.host.get("send_request_callback", "reply")},
            "conferenceQueryParams": dict(self.setup.host.get("query_params", {})),
        }

    def on_ready(self, info: dict) -> None:
        host = self.setup.host
        if host.get("connect", "auto") == "manual":
            self.log.add(HOST, "plugins loaded; the call connects at a `connect` step")
            return
        delay = int(host.get("connect_delay", CONNECT_DELAY_MS))
        if delay <= 0:
            self.connect_now()
            return
        self.log.add(HOST, f"plugins loaded; the call connects in {delay} ms")
        self._cancel_connecting()
        self._connecting = asyncio.get_event_loop().call_later(delay / 1000, self.connect_now)

    def connect_now(self) -> None:
        """The call connects (what the app does once its token, event stream and media are up)."""
        self._cancel_connecting()
        if not self.conference.connected:
            self.log.add(HOST, "the call connects")
            self.conference.connect()

    def disconnect(self) -> None:
        """The local user hangs up."""
        self._cancel_connecting()
        self.conference.disconnect()

    def _cancel_connecting(self) -> None:
        if self._connecting is not None:
            self._connecting.cancel()
            self._connecting = None

    def close(self) -> None:
        self._cancel_connecting()
        super().close()

    def on_report(self, kind: str, data: dict) -> bool:
        if kind == "plugins" and isinstance(data.get("plugins"), list):
            self._plugin_states = [p for p in data["plugins"] if isinstance(p, dict)]
            self.sig_state_changed.emit()
            return True
        if kind == "host" and "reloaded" in data:
            self.log.add(HOST, str(data.get("message", "")), reloaded=data.get("reloaded"),
                         rendered=data.get("rendered"))
            future = self._reloads.pop(data.get("bust"), None) if isinstance(data.get("bust"), int) else None
            if future is not None and not future.done():
                future.set_result(int(data.get("rendered") or 0))
            return True
        return False

    # -- model -> page ----------------------------------------------------------------------------------------------
    def push_state(self) -> None:
        """Send the conference as it is to the page (and tell the window it changed)."""
        self.sig_state_changed.emit()
        self.deliver("state", self.conference.snapshot())

    def _on_event(self, event: str, payload: Any) -> None:
        """The app hears of the change: PexRTC events for its callbacks, actions for PEX.actions$ (the actions riding
        with a PexRTC event are logged by the page when the app's callback dispatches them)."""
        for item in deliveries(event, payload, self.conference):
            if "action" in item:
                self._send_action(item["action"])
            else:
                self.deliver("pexrtc", item)

    def _send_action(self, action: dict) -> None:
        self.log.action(action["type"], action.get("payload"))
        self.deliver("action", action)

    # -- capabilities: action stream, plugins, audiences, hot reload -----------------------------------------------------
    def action_types(self) -> list[str]:
        return action_types()

    def dispatch(self, type_: str, payload: Any = None) -> None:
        """The app dispatches an action on PEX.actions$ (what PEX.dispatchAction and the `dispatch` step do)."""
        self._send_action({"type": str(type_), "payload": payload})

    def plugin_states(self) -> list[dict]:
        """Each plugin as the page runs it (last report) with what Settings > Plugin shows: {id, name, description,
        where, started, enabled, visible, allowUnload, why_hidden}."""
        entries = {p.id: p for p in self.plugins}
        out = []
        for state in self._plugin_states:
            entry = entries.get(state.get("id"))
            if entry is not None:
                state = {**state, "name": entry.name, "description": entry.description, "where": entry.location,
                         "why_hidden": entry.problem or entry.hidden_reason}
            out.append(state)
        return out

    async def set_plugin_enabled(self, plugin_id: str, enabled: bool) -> bool:
        """Load or unload a plugin as Settings > Plugin does (unloading honours allowUnload)."""
        return bool(await self.js(f"WBHostPage.setPluginEnabled({_json(plugin_id)}, {_json(bool(enabled))})"))

    def set_audience(self, role: str, platform: str) -> bool:
        """Show the app to a chair or guest on web/electron/ios/android from the next page load (conference kept)."""
        self.role, self.platform = role, platform
        conf = self.conference
        conf.role = role
        conf.participants[conf.self_uuid].update(role=role, canControl=role == "chair")
        self.reread_plugins()
        return True

    def _read_plugins(self) -> tuple[list[PluginEntry], list[str]]:
        project = self.project
        single = project.details.get("package") if getattr(project, "kind", "") == "pexip-plugin" else None
        return read_plugins(self.content, self.role, self.platform,
                            *((self._package_file, Path(project.root)) if is_typescript(project) else (None, None)),
                            lone=single, read=self.read_file)

    def _package_file(self, package_path: str) -> Path:
        """The file serving a path of a TypeScript project's branding package (nothing outside the package)."""
        rel = content_path(self.project, package_path)
        return Path(self.project.root) / rel if rel else Path(self.project.root) / ".workbench" / "not-in-package"

    def reread_plugins(self) -> list[str]:
        """Read settings.json and the package files again (for the next reloads); returns the plugin ids in order."""
        self.plugins, _problems = self._read_plugins()  # the problems were logged at start and show as diagnostics
        return [p.id for p in self.plugins]

    def plugin(self, plugin_id: str | None) -> PluginEntry | None:
        if plugin_id is None:
            return self.plugins[0] if len(self.plugins) == 1 else None
        return next((p for p in self.plugins if p.id == plugin_id), None)

    async def reload_changed(self, files: Iterable[str]) -> str | None:
        """Apply changed project files: reload the plugins they belong to, or the page (a TypeScript source change
        builds first); what was done."""
        return await reloading.reload_changed(self, files)

    async def reload_plugin(self, plugin_id: str) -> int:
        """Unload and load one plugin in the running page, the conference kept (see reloading.reload_plugin)."""
        return await reloading.reload_plugin(self, plugin_id)

    def previews_unsaved(self, rel: str, text: str) -> bool:
        """The JSON files the forms edit (settings.json, the manifest, package files) show before they are saved,
        as long as they parse: a half-typed file keeps the last good text in the page."""
        inner = content_relative(rel, self.project.content_root or "")
        if not inner or not inner.endswith(".json"):
            return False
        try:
            json.loads(text)
        except ValueError:
            return False
        return True

    def recording_start(self) -> RecordingStart:
        """A replay starts from this audience and this conference; API calls become checks (dialogs by title)."""
        header, stable = conference_header(self.conference)
        header = {"role": self.role, "platform": self.platform, **header}
        visible = [p.id for p in self.plugins if p.visible]
        if len(visible) == 1:
            header = {"plugin": visible[0], **header}
        return RecordingStart(header, stable, recorded_check)


def _json(value: Any) -> str:
    return json.dumps(value, default=str)


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> PexipSession:
    """A session of the emulated web app v2 with the project's plugins (await start() to load it)."""
    return PexipSession(project, setup, parent)
