"""The Pexip Web App 3 host session: the emulated app page, each plugin in its sandboxed iframe, over the simulated
conference (the one the window's conference panel drives, shared with the web app v2 host's shape)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.conference import FAIL_DIAL, conference_from_header
from workbench.core.files import ProjectFiles
from workbench.core.hostlog import ERROR, HOST, WARNING
from workbench.core.paths import HOSTS
from workbench.core.scenario_record import RecordingStart, conference_header
from workbench.sandbox.session import HostSession, SessionError, SessionSetup
from workbench.targets.webapp3.layout import PluginRef, load_layout
from workbench.targets.webapp3.runtime.api import PluginApi, PluginState
from workbench.targets.webapp3.runtime.conference import events_for
from workbench.targets.webapp3.runtime.record import recorded_check
from workbench.targets.webapp3.sandbox import sandbox_attribute

BRANDING = "branding/"  # the app serves its branding package under webapp3/branding/


class WebApp3Session(HostSession):
    """One emulated Web App 3 meeting with the project's plugins."""

    target = "webapp3"
    host_dir = HOSTS / "webapp3"
    roles = ("chair", "guest")
    platforms = ("web",)

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        s = self.setup
        self.role = str(s.get("role", "chair"))
        self.platform = "web"  # Web App 3 is the browser app (its desktop and mobile apps are other hosts)
        self.conference = conference_from_header(s.get("conference"), s.get("self"), s.get("participants"),
                                                 role=self.role, fail_dial=str(s.host.get("fail_dial", FAIL_DIAL)))
        self.layout = load_layout(project, ProjectFiles(Path(project.root)))
        self.entries = self._entries()
        self.api = PluginApi(self.conference, self.log, [e["state"] for e in self.entries])
        self.conference.on_change(self.push_state)
        self.conference.on_event(self._on_event)

    # -- what the app loads -------------------------------------------------------------------------------------------
    def _entries(self) -> list[dict]:
        """Each plugin as the page loads it: key, URL, sandbox; URLs outside the package are left out (logged)."""
        root = Path(self.project.root)
        out: list[dict] = []
        if self.layout.manifest is not None:
            self.environment.mount(BRANDING, (root / self.layout.content).resolve(), root.resolve())
        for ref in self.layout.plugins:
            ident = self._plugin_id(ref)
            key = ident or f"plugin-{ref.index}"
            if any(e["key"] == key for e in out):
                key = f"{key}-{ref.index}"
            if ref.url:
                self.log.add(WARNING, f"plugin {key} is loaded from {ref.src}: the preview loads only the package's "
                                      "own files (build the plugin into plugins/<id>/)", plugin=key)
                continue
            if ref.page is None:
                continue
            values = self.setup.get("sandbox", ref.sandbox)
            attribute, ignored = sandbox_attribute(values if isinstance(values, list) else [])
            for value in ignored:
                self.log.add(WARNING, f"plugin {key}: sandbox value {value!r} is ignored (not accepted by the app)",
                             plugin=key)
            out.append({"key": key, "ref": ref, "sandbox": attribute, "url": self._page_url(ref, ident or key),
                        "state": PluginState(key, ident)})
        return out

    def _plugin_id(self, ref: PluginRef) -> str | None:
        if ref.index >= 0:
            return ref.id
        from workbench.targets.webapp3.rules_source import plugin_facts, registered_ids
        ids = registered_ids(plugin_facts(ref, ProjectFiles(Path(self.project.root))))
        return ids[0] if ids else str(self.project.details.get("package_name") or "plugin")

    def _page_url(self, ref: PluginRef, ident: str) -> str:
        root = Path(self.project.root)
        if ref.index < 0:  # a plugin project: its build is served where a branding package would hold it
            folder = f"{BRANDING}plugins/{ident}/"
            self.environment.mount(folder, (root / (self.layout.build_dir or "dist")).resolve(), root.resolve())
            return folder + "index.html"
        content = self.layout.content
        rel = ref.page[len(content) + 1:] if content else ref.page
        return BRANDING + rel

    async def prepare(self) -> None:
        """A plugin project is served from its build: build it first when the output is missing or stale."""
        if self.project.kind != "webapp3-plugin":
            return
        from workbench.targets.webapp3.build import build_spec, build_state
        state = build_state(self.project)
        if state == "fresh" or self.setup.host.get("build") == "never":
            if state == "missing":
                raise SessionError("the plugin is not built (dist/index.html is missing): run npm run build")
            return
        spec = build_spec(self.project)
        if spec is not None and not self.setup.auto_run:
            why = (f"Project → Build (Ctrl+Shift+B) runs {spec.title} (the preview runs a project's own scripts by "
                   "itself only once you have built or run it here)")
            if state == "missing":
                raise SessionError(f"the plugin is not built yet: {why}")
            self.log.add(WARNING, f"the build is older than the sources: the preview runs the last build; {why}")
            return
        if spec is None or spec.missing:
            message = f"the plugin's build is {state} and cannot run: {spec.missing if spec else 'no build'}"
            if state == "missing":
                raise SessionError(message)
            self.log.add(WARNING, message + " (the preview uses the last build)")
            return
        await self._build(spec, state)

    async def _build(self, spec, state: str) -> None:
        from workbench.core.build import run_build
        from workbench.targets.webapp3.build import build_state
        self.log.add(HOST, f"the build is {state}: {spec.title}")
        result = await asyncio.get_event_loop().run_in_executor(
            None, lambda: run_build(spec, Path(self.project.root), None, self.closing,
                                    needed=lambda: build_state(self.project) != "fresh"))
        if result.skipped:
            self.log.add(HOST, "built meanwhile by another run of this project")
            return
        for d in result.diagnostics:
            self.log.add(ERROR, d.message, file=d.file, line=d.range.start.line, column=d.range.start.column)
        if not result.ok:
            raise SessionError(f"{spec.title} failed (exit code {result.returncode}): "
                               + next((line for line in reversed(result.tail) if line.strip()), ""))
        self.log.add(HOST, f"{spec.title} done in {result.seconds:.1f} s")

    # -- the page -----------------------------------------------------------------------------------------------
    def page_api(self) -> dict:
        return {"hello": lambda _args: self.page_config(), "rpc": self.api.handle,
                "host.popup": self.api.popup, "host.chat": self._host_chat, "host.toggle": self._host_toggle,
                "host.leave": self._host_leave}

    def page_config(self) -> dict:
        self.ready = False
        if self.conference.connected:
            self.conference.connected = False  # a reloaded app joins again once its plugins are loaded
        for entry in self.entries:
            entry["state"].registered_id = None
            entry["state"].elements.clear()
        return {"plugins": [{"key": e["key"], "url": e["url"], "sandbox": e["sandbox"]} for e in self.entries],
                "state": self.snapshot()}

    def snapshot(self) -> dict:
        return self.conference.snapshot() | {"chat": self.conference.chat[-100:]}

    def on_ready(self, info: dict) -> None:
        silent = [p.get("key") for p in info.get("plugins") or [] if isinstance(p, dict) and not p.get("registered")]
        for key in silent:
            self.log.add(WARNING, f"plugin {key} never called registerPlugin", plugin=key)
        self.log.add(HOST, "plugins loaded; the meeting connects")
        self.conference.connect()

    def push_state(self) -> None:
        self.sig_state_changed.emit()
        self.deliver("state", self.snapshot())

    def _on_event(self, event: str, payload: Any) -> None:
        for name, data in events_for(self.conference, event, payload):
            self.log.action(name, data)
            self.deliver("event", {"event": name, "payload": data})

    def send_event(self, name: str, payload: Any, plugin: str | None = None) -> None:
        """An event of the app's own (languageSelect, applicationMessage, transfer...) to every plugin, or one."""
        self.log.action(name, payload)
        self.deliver("event", {"event": name, "payload": payload, "plugin": plugin})

    def _host_chat(self, args: list) -> Any:
        return self.conference.send_chat(str(args[0] if args else ""))

    def _host_toggle(self, args: list) -> Any:
        prop = str(args[0] if args else "")
        if prop in ("muted", "isVideoMuted"):
            me = self.conference.participants[self.conference.self_uuid]
            self.conference.update_participant(self.conference.self_uuid, {prop: not me.get(prop)})
        return None

    def _host_leave(self, _args: list) -> Any:
        self.send_event("event:userInitiatedDisconnect", None)
        self.conference.disconnect()
        return None

    # -- capabilities: audiences, hot reload, recording ---------------------------------------------------------------
    def set_audience(self, role: str, platform: str) -> bool:
        """Show the app to a chair (host) or a guest from the next page load (conference kept)."""
        self.role, self.platform = role, platform
        conf = self.conference
        conf.role = role
        conf.participants[conf.self_uuid].update(role=role, canControl=role == "chair")
        return True

    async def reload_changed(self, files: Iterable[str]) -> str | None:
        """A change to what the page serves (the branding package, a plugin's build) reloads the page; a change to a
        plugin project's sources rebuilds it first (the project's own build), then reloads."""
        from workbench.targets.webapp3.build import INPUTS
        files = list(files)
        if self.layout.manifest is None:
            built = self.layout.build_dir or "dist"
            sources = [f for f in files if any(f == i or f.startswith(i + "/") for i in INPUTS)]
            served = [f for f in files if f.startswith(built + "/")]
            if sources:
                await self.prepare()  # builds when the output is older than the sources
            elif not served:
                return None
        else:
            content = self.layout.content
            if not any(not content or f == content or f.startswith(content + "/") for f in files):
                return None
        self.layout = load_layout(self.project, ProjectFiles(Path(self.project.root)))
        await self.load()
        return "page"

    def recording_start(self) -> RecordingStart:
        header, stable = conference_header(self.conference)
        return RecordingStart({"role": self.role, **header}, stable, recorded_check)

    def plugin_keys(self) -> list[str]:
        return [e["key"] for e in self.entries]


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> WebApp3Session:
    """A session of the emulated Web App 3 with the project's plugins (await start() to load it)."""
    return WebApp3Session(project, setup, parent)
