"""The XCALLY App Zone host session: the Motion frame with the plugin's views; script plugins run under Node."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.hostlog import CONSOLE, ERROR, HOST
from workbench.core.paths import HOSTS
from workbench.core.scenario_record import RecordingStart
from workbench.sandbox.session import ControlError, HostSession, SessionError, SessionSetup, show
from workbench.targets.xcally.process import (
    RUNNING,
    WAITING_RESTART,
    NodeLaunch,
    NodeNotFoundError,
    RestartPolicy,
)
from workbench.targets.xcally.runtime.inspector import NodeInspector
from workbench.targets.xcally.runtime.manifest import read_manifest
from workbench.targets.xcally.runtime.process import QtNodeProcess
from workbench.targets.xcally.runtime.views import LOOPBACK, frame_config, sidebar_audience, view_urls
from workbench.targets.xcally.shapes import ROLES


class XcallySession(HostSession):
    """One App Zone frame for an html or script plugin."""

    target = "xcally"
    host_dir = HOSTS / "xcally"

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        self.manifest: dict[str, Any] = {}
        self.content = (Path(project.root) / (project.content_root or "")).resolve()
        self.node: QtNodeProcess | None = None
        self.view_role: str | None = None  # whose view the frame shows (admin / agent), as the frame reports it
        self._served_port = 0
        self.views_shown = 0  # how many times the frame was given the server's views (a restart waits for it)
        self.inspector_state = NodeInspector()

    @property
    def is_script(self) -> bool:
        return self.manifest.get("type") == "script"

    # -- lifecycle ------------------------------------------------------------------------------------------------
    async def prepare(self) -> None:
        self.manifest = read_manifest(self.content / "manifest.json")
        self.environment.mount("plugin/", self.content)
        self._publish_config(self.setup.get("view"))
        if self.is_script:
            self._make_process()

    def _publish_config(self, role: str | None) -> None:
        config = frame_config(self.manifest, role)
        self.environment.scheme.add_virtual("app", "config.json", json.dumps(config).encode(), "application/json")

    async def load(self, timeout_ms: int = 20000) -> None:
        """(Re)load the frame showing the view it showed (F5 keeps the agent view), with the process as it is."""
        self._publish_config(self.view_role or self.setup.get("view"))
        await super().load(timeout_ms)
        self._show_process()
        if self.node is not None and self.node.port:
            self._show_views(self.node.port)

    async def start(self, timeout_ms: int = 20000) -> None:
        await super().start(timeout_ms)
        if self.node is not None and self.setup.get("autostart", True) and not self.setup.auto_run:
            self.log.add(HOST, "the plugin's process was not started by itself: press Start to run it (the preview "
                               "runs a project's own code by itself only once you have run it here)")
        elif self.node is not None and self.setup.get("autostart", True):
            try:
                self._start_process()
            except ControlError:
                pass  # logged as an error (a scenario fails on it); the frame still shows, with Start to retry

    def close(self) -> None:
        if self.node is not None:
            self.node.close()
            self.node.deleteLater()
            self.node = None
        super().close()

    def file_for_url(self, url: str) -> str | None:
        marker = "://app/plugin/"
        if marker not in url:
            return None
        rel = url.split(marker, 1)[1].split("?", 1)[0]
        return f"{self.project.content_root}/{rel}".lstrip("/")

    def on_ready(self, info: dict) -> None:
        self._note_role(info.get("role"))

    def on_report(self, kind: str, data: dict) -> bool:
        if kind == "view":
            self.log.add(HOST, str(data.get("message", "")), role=data.get("role"))
            self._note_role(data.get("role"))
            return True
        return False

    def _note_role(self, role: Any) -> None:
        if role in ROLES and role != self.view_role:
            self.view_role = role
            self.sig_state_changed.emit()

    # -- the script plugin's process ------------------------------------------------------------------------------
    def _make_process(self) -> None:
        params = self.manifest.get("parameters") or {}
        env = {str(k): str(v) for k, v in (self.setup.get("env") or {}).items()}
        delay = self.setup.get("restart_delay")
        launch = NodeLaunch(self.content / str(params.get("scriptPath", "")), str(params.get("scriptName") or
                            self.manifest.get("name") or "plugin"), self.content, env,
                            float(delay) if delay is not None else None, node=self.setup.host.get("node"))
        self.node = QtNodeProcess(launch, self)
        self.node.sig_event.connect(self._on_process_event)
        self.node.sig_state.connect(self._on_process_state)
        self.node.sig_port.connect(self._on_port)

    def _start_process(self) -> None:
        try:
            self.node.start()
        except (NodeNotFoundError, OSError) as exc:  # no Node, no script, no permission, the keeper did not start
            message = str(exc) if isinstance(exc, NodeNotFoundError) else f"the plugin could not start: {exc}"
            self.log.add(ERROR, message)
            raise ControlError(message) from None

    def _on_process_event(self, event) -> None:
        if event.stream == "stderr" and self.inspector_state.note(event.text):
            self.sig_state_changed.emit()  # a new run under the inspector: the window reattaches
        if event.stream in ("stdout", "stderr"):
            self.log.add(CONSOLE, event.text, level="error" if event.stream == "stderr" else "log",
                         stream=event.stream, pid=event.pid, process=True)
        else:
            self.log.add(HOST, event.text, pid=event.pid, process=True)

    def _on_process_state(self, state: str) -> None:
        self._show_process()
        self.sig_state_changed.emit()

    def _on_port(self, port: int) -> None:
        if self.node is None:  # (a port found just before the session closed arrives after it)
            return
        if port:
            # The plugin's own server, on its own port, is the only loopback address the page may reach.
            self.environment.allow_host(f"{LOOPBACK}:{port}")
            self.log.add(HOST, f"{self.node.process.launch.name} serves HTTP on port {port}", port=port)
        self._served_port = port
        self._show_process()
        self._show_views(port)
        self.sig_state_changed.emit()

    def _show_views(self, port: int) -> None:
        views, empty = view_urls(self.manifest, port)
        self.page.post(f"XcallyFrame.setViews({show(views)}, {show(empty)})")
        if port:
            self.views_shown += 1

    def _show_process(self) -> None:
        info = self.process_info()
        if info is not None:
            shown = {k: info[k] for k in ("name", "state", "pid", "port")}
            self.page.post(f"XcallyFrame.setProcess({show(shown)})")

    # -- controls (the window's Plugin process panel; the steps call the same methods) ---------------------------
    def process_info(self) -> dict[str, Any] | None:
        """The script plugin's process as App Zone shows it (name, state, pid, port, starts), None for html plugins."""
        if self.node is None:
            return None
        process = self.node.process
        return {"name": process.launch.name, "state": self.node.state, "pid": process.pid,
                "port": self.node.port or None, "starts": process.starts, "script": str(process.launch.script)}

    def process_env(self) -> dict[str, str]:
        """The user-defined environment variables the process gets on its next start (XC_PLUGIN_* included)."""
        return dict(self.need_process().process.launch.env)

    def restart_policy(self) -> RestartPolicy:
        """The restart policy: XC_PLUGIN_RESTART from the variables, the delay with its development override."""
        launch = self.need_process().process.launch
        policy = RestartPolicy.from_env(launch.env)
        override = launch.dev_restart_delay_s
        return RestartPolicy(policy.enabled, policy.delay_s if override is None else max(0.0, override))

    def dev_restart_delay(self) -> float | None:
        """The development override of the restart delay, None when App Zone's own delay applies."""
        return self.need_process().process.launch.dev_restart_delay_s

    def start_process(self) -> None:
        """Start the plugin as App Zone's start does (no-op when running); ControlError when Node or the script is
        missing."""
        self.need_process()
        self._start_process()

    async def stop_process(self) -> None:
        """Stop the plugin's whole process tree (off the GUI thread: a plugin may ignore SIGTERM); no restart."""
        node = self.need_process()
        if not await asyncio.get_event_loop().run_in_executor(None, node.stop):
            raise ControlError("some of the plugin's processes survived SIGKILL")

    async def restart_process(self) -> None:
        """Stop, then start again, as App Zone's restart does."""
        await self.stop_process()
        self._start_process()

    def kill_process(self) -> None:
        """The process dies unexpectedly (SIGKILL): the restart policy applies."""
        node = self.need_process()
        if node.process.pid is None:
            raise ControlError(f"the plugin is not running (state {node.state}): nothing to kill")
        node.kill()

    def set_restart(self, enabled: bool, delay_s: float | None = None) -> None:
        """Turn App Zone's restart on exit (XC_PLUGIN_RESTART) on or off; delay_s overrides the delay for development
        (the process still sees its XC_PLUGIN_RESTART_DELAY). Turning it off cancels a pending restart."""
        node = self.need_process()
        launch = node.process.launch
        env = dict(launch.env)
        if enabled:
            env["XC_PLUGIN_RESTART"] = "true"
        else:
            env.pop("XC_PLUGIN_RESTART", None)
        launch.env = env  # the supervisor reads the policy when the process exits
        if delay_s is not None:
            launch.dev_restart_delay_s = max(0.0, float(delay_s))
        policy = self.restart_policy()
        self.log.add(HOST, f"restart on exit {'on' if policy.enabled else 'off'}"
                           + (f", after {policy.delay_s:g} s" if policy.enabled else ""), restart=policy.enabled)
        if not policy.enabled and node.state == WAITING_RESTART:
            node.stop()
        self.sig_state_changed.emit()

    def set_env(self, env: dict[str, str]) -> None:
        """Replace the user-defined environment variables; the process gets them on its next start."""
        launch = self.need_process().process.launch
        clean = {str(k).strip(): str(v) for k, v in env.items() if str(k).strip()}
        bad = [k for k in clean if "=" in k or "\0" in k or "\0" in clean[k]]
        if bad:
            raise ControlError(f"not a valid environment variable name: {bad[0]!r}")
        if clean != launch.env:
            launch.env = clean
            self.log.add(HOST, f"environment for the next start: {', '.join(sorted(clean)) or 'none'}")
            self.sig_state_changed.emit()

    def show_view(self, role: str) -> None:
        """Show the admin or agent view in the frame, with the sidebar as that role sees it."""
        if role not in ROLES:
            raise ControlError(f"view is admin or agent, not {role!r}")
        self.page.post(f"XcallyFrame.showRole({show(role)})")

    def has_view(self, role: str) -> bool:
        """The frame has something to show for this role now (a view file or URL, or the listening server)."""
        return role in view_urls(self.manifest, self.node.port if self.node is not None else None)[0]

    def recording_start(self) -> RecordingStart:
        """A replay starts with the process's variables, development restart delay, whether it runs, and the view."""
        header: dict[str, Any] = {}
        if self.node is not None:
            header["env"] = self.process_env()
            delay = self.dev_restart_delay()
            if delay is not None:
                header["restart_delay"] = delay
            if self.node.state != RUNNING:
                header["autostart"] = False
        if self.view_role in ROLES:
            header["view"] = self.view_role
        return RecordingStart(header)

    def sidebar_audience(self) -> list[str]:
        """Who sees the plugin in Motion's sidebar for its `sidebar` value: admin, agent, both or nobody."""
        return sidebar_audience(self.manifest)

    def need_process(self) -> QtNodeProcess:
        if self.node is None:
            raise ControlError("this is an html plugin: only script plugins have a process")
        return self.node

    # -- hot reload ------------------------------------------------------------------------------------------------
    async def reload_changed(self, files: Iterable[str]) -> str | None:
        """A changed script file restarts the process (as nodemon does); a changed view reloads it in place."""
        from workbench.targets.xcally.runtime.reload import apply_changes
        return await apply_changes(self, files)

    def reread_manifest(self) -> bool:
        """Read manifest.json again (False, logged, when it cannot be read: the frame stays as it is)."""
        try:
            self.manifest = read_manifest(self.content / "manifest.json")
        except SessionError as exc:
            self.log.add(ERROR, str(exc))
            return False
        return True

    # -- debugging ---------------------------------------------------------------------------------------------------
    def can_inspect(self) -> bool:
        return self.node is not None

    async def set_inspect(self, on: bool) -> None:
        """Run the script under Node's inspector (from its next start: a running plugin restarts now)."""
        node = self.need_process()
        node.process.launch.inspect_port = port = self.inspector_state.set(on)
        self.log.add(HOST, f"node --inspect={LOOPBACK}:{port}" if on else "node --inspect off", process=True)
        if node.state == RUNNING:
            await self.restart_process()
        self.sig_state_changed.emit()

    def inspector(self) -> dict | None:
        """Where a debugger attaches to the plugin's process, while the inspector is on."""
        return self.inspector_state.info(self.node.process.launch.name) if self.node is not None else None


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> XcallySession:
    """The host session of an XCALLY plugin project."""
    return XcallySession(project, setup, parent)
