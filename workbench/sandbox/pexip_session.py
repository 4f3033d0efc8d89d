"""The Pexip Infinity Connect (web app v2) host session: the emulated app page over the simulated conference."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.conference import ACTIONS, Conference
from workbench.core.hostlog import ERROR, HOST, WARNING
from workbench.core.paths import HOSTS
from workbench.sandbox.environment import SandboxEnvironment, file_for_url
from workbench.sandbox.page import HostPage
from workbench.sandbox.pexip_bridge import PexipBridge
from workbench.sandbox.pexip_mock_api import PexipMockApi
from workbench.sandbox.pexip_plugins import PluginEntry, read_plugins, single_plugin_settings
from workbench.sandbox.pexip_steps import PexipSteps
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.session import HostSession, SessionError, SessionSetup
from workbench.sandbox.waiting import wait_for

HOST_PAGE = HOSTS / "pexip-webapp2"
_STACK_FRAME = re.compile(r"(workbench://[^\s)]+?):(\d+):(\d+)")

# The package-file fields a hot reload refreshes in the page's plugin entry (enabled/started stay as the page has them).
_RELOADED_FIELDS = ("name", "description", "version", "allowUnload", "platforms", "participantRoles", "location",
                    "items", "src", "base", "visible", "hidden_reason", "problem")


def _set_enabled_js(plugin_id: str, enabled: bool) -> str:
    return f"WB.setPluginEnabled({json.dumps(plugin_id)}, {json.dumps(bool(enabled))})"


def content_dir(project) -> Path:
    """The folder served as custom_configuration/ (the branding package's webapp2 folder)."""
    return (Path(project.root) / (project.content_root or "")).resolve()


class PexipSession(PexipMockApi, PexipSteps, HostSession):
    """One emulated Infinity Connect conference view with the project's plugins."""

    target = "pexip"
    supports_hot_reload = True
    supports_audiences = True

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        s = self.setup
        conf = dict(s.conference)
        me = dict(s.self_participant)
        self.conference = Conference(
            str(conf.pop("name", "meet.alice")), role=s.role, self_name=str(me.pop("name", "Alice")),
            self_uuid=me.pop("uuid", None), service_type=str(conf.pop("serviceType", "conference")),
            details=conf, fail_dial=str(s.host.get("fail_dial", r"^$|^invalid")))
        if me:
            self.conference.participants[self.conference.self_uuid].update(me)
        for p in s.participants:
            self.conference.add_participant(p, announce=False)
        self.content = content_dir(project)
        self.plugins, problems = self._read_plugins()
        for message in problems:
            self.log.add(WARNING, message)
        self.environment = SandboxEnvironment(self.log, s.allow_hosts, self)
        self.environment.mount("custom_configuration/", self.content, confine=Path(project.root).resolve())
        self.environment.mount("", HOST_PAGE)
        self.bridge = PexipBridge(self)
        self.page = HostPage(self.environment, self.log, {"host": self.bridge},
                             lambda url: file_for_url(self.environment, url, project.root), self)
        self.page.sig_hung.connect(self._on_problem)
        self.page.sig_crashed.connect(self._on_problem)
        self.conference.on_change(self._on_change)
        self.conference.on_action(self._on_action)
        self._push_pending = False
        self._bust = 0  # cache-busting counter of hot reloads
        self._reload_waiters: dict[int, Callable[[int], None]] = {}  # bust -> on_done of reload_plugin

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def start(self, timeout_ms: int = 20000) -> None:
        """Load the page and its plugins, then connect the conference; SessionError when it does not happen."""
        self.page.start(self.environment.url("index.html"))
        ok = wait_for(lambda: self.ready, timeout_ms, abort=lambda: self.page.fatal is not None,
                      wake=(self.sig_ready, self.page.sig_hung, self.page.sig_crashed))
        if not ok:
            raise SessionError(self.page.fatal or f"the host page did not get ready within {timeout_ms} ms")

    def close(self) -> None:
        self.ready = False
        super().close()

    def _on_problem(self, message: str) -> None:
        self.ready = False
        emit(self.sig_problem, message)

    # -- what the page asks for --------------------------------------------------------------------------------
    def page_config(self) -> dict:
        """hello(): what the page needs to start; a reload joins the conference afresh."""
        self.ready = False
        self._reload_waiters.clear()  # a reloaded page reports no pending plugin reload
        if self.conference.connected:
            self.conference.connected = False  # the reloaded app connects again once its plugins are loaded
        return {
            "snapshot": self.conference.snapshot() | {"chat": self.conference.chat[-100:]},
            "plugins": [p.to_page() for p in self.plugins],
            "actions": ACTIONS,
            "role": self.setup.role,
            "platform": self.setup.platform,
            "options": {"sendRequestCallback": self.setup.host.get("send_request_callback", "reply")},
            "conferenceQueryParams": dict(self.setup.host.get("query_params", {})),
        }

    def plugins_loaded(self) -> None:
        self.log.add(HOST, "plugins loaded; the conference connects")
        self.conference.connect()
        self.ready = True
        emit(self.sig_ready)

    def page_report(self, kind: str, data: dict) -> None:
        message = str(data.pop("message", ""))
        if kind == "error":
            self._locate(data)
            self.log.add(ERROR, message, **data)
        elif kind == "warning":
            self.log.add(WARNING, message, **data)
        else:
            self.log.add(HOST, message, **data)
            if "reloaded" in data:
                self._plugin_reloaded(data)

    def _locate(self, data: dict) -> None:
        """Point the error at the plugin file: the frame of the stack inside the project, else the reported URL."""
        frames = _STACK_FRAME.findall(str(data.get("stack", "")))
        candidates = [(u, int(line), int(col)) for u, line, col in frames]
        if data.get("url"):
            candidates.append((data["url"], int(data.get("line") or 0), int(data.get("column") or 0)))
        for url, line, col in candidates:
            file = file_for_url(self.environment, url, self.project.root)
            if file:
                data.update(file=file, line=line, column=col)
                return

    # -- model -> page ----------------------------------------------------------------------------------------------
    def _on_change(self) -> None:
        self.push_state()

    def _on_action(self, action: dict) -> None:
        self.log.action(action["type"], action.get("payload"))
        if self.page is not None:
            emit(self.bridge.action, json.dumps(action, default=str))

    # -- controls for the window -------------------------------------------------------------------------------------
    def push_state(self) -> None:
        """Send the conference as it is to the page (and tell the window it changed)."""
        emit(self.sig_state_changed)
        if self.page is not None:
            snap = self.conference.snapshot() | {"chat": self.conference.chat[-100:]}
            emit(self.bridge.stateChanged, json.dumps(snap, default=str))

    def _read_plugins(self) -> tuple[list[PluginEntry], list[str]]:
        project = self.project
        single = project.details.get("package") if getattr(project, "kind", "") == "pexip-plugin" else None
        settings = single_plugin_settings(self.content, single) if single else None
        return read_plugins(self.content, self.setup.role, self.setup.platform, settings)

    def reread_plugins(self) -> list[str]:
        """Read settings.json and the package files again (for the next reloads); returns the plugin ids in order."""
        self.plugins, _problems = self._read_plugins()  # the problems were logged at start and show as diagnostics
        return [p.id for p in self.plugins]

    def reload_plugin(self, plugin_id: str, on_done: Callable[[int], None] | None = None) -> None:
        """Unload and load one plugin in the running page with its package fields as read last; the conference is
        kept and pushed again. on_done(number of its menu items rendered) once the page reports it is back."""
        entry = self.plugin(plugin_id)
        if entry is None or self.page is None:
            return
        self._bust += 1
        bust = self._bust
        if on_done is not None:
            self._reload_waiters[bust] = on_done
        fields = entry.to_page()
        fresh = {k: fields[k] for k in _RELOADED_FIELDS}
        code = f"WBHost.reloadPlugin({json.dumps(plugin_id)}, {json.dumps(fresh, default=str)}, {bust})"
        self.page.runJavaScript(code, 0, lambda answer: self._reload_started(bust, answer))

    def _reload_started(self, bust: int, answer: Any) -> None:
        if answer == "unknown":  # the page runs another plugin list (it is reloading): nothing will be reported
            self._reload_waiters.pop(bust, None)
            return
        self.push_state()  # the reloaded plugin sees the participants as they are now

    def _plugin_reloaded(self, data: dict) -> None:
        bust = data.get("bust")
        on_done = self._reload_waiters.pop(bust, None) if isinstance(bust, int) else None
        if on_done is not None:
            on_done(int(data.get("rendered") or 0))

    def set_audience(self, role: str, platform: str) -> bool:
        """Show the app to a chair or guest on web/electron/ios/android from the next page load (conference kept)."""
        self.setup.role, self.setup.platform = role, platform
        conf = self.conference
        conf.role = role
        conf.participants[conf.self_uuid].update(role=role, canControl=role == "chair")
        self.reread_plugins()
        return True

    def set_plugin_enabled(self, plugin_id: str, enabled: bool) -> bool:
        """Load or unload a plugin as Settings > Plugin does (unloading honours allowUnload); waits for the page."""
        return bool(self.page.eval_js(_set_enabled_js(plugin_id, enabled))[1])

    def request_plugin_enabled(self, plugin_id: str, enabled: bool,
                               on_done: Callable[[bool], None] | None = None) -> None:
        """set_plugin_enabled without waiting: on_done(ok) once the page answered."""
        if self.page is None:
            return
        self.page.runJavaScript(_set_enabled_js(plugin_id, enabled), 0,
                                lambda ok: on_done(bool(ok)) if on_done else None)

    def request_plugin_states(self, on_done: Callable[[list[dict]], None]) -> None:
        """on_done(list of {id, started, enabled, visible, allowUnload}) as the page runs the plugins, without waiting."""
        if self.page is None:
            on_done([])
            return
        self.page.runJavaScript("JSON.stringify(window.WB ? WB.plugins() : [])", 0,
                                lambda text: on_done(json.loads(text) if isinstance(text, str) else []))

    def plugin(self, plugin_id: str | None) -> PluginEntry | None:
        if plugin_id is None:
            return self.plugins[0] if len(self.plugins) == 1 else None
        return next((p for p in self.plugins if p.id == plugin_id), None)
