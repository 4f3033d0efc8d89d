"""The XCALLY App Zone host session: the Motion frame with the plugin's views; script plugins run under Node."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.hostlog import CONSOLE, ERROR, HOST
from workbench.core.node_process import (
    RUNNING,
    STOPPED,
    WAITING_RESTART,
    NodeLaunch,
    NodeNotFoundError,
    RestartPolicy,
)
from workbench.core.paths import HOSTS
from workbench.core.safeio import MANIFEST_LIMIT, read_regular
from workbench.core.scenario import Step
from workbench.sandbox.environment import SandboxEnvironment
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.reporting_page import ReportingPage
from workbench.sandbox.session import ControlError, HostSession, SessionError, SessionSetup, StepFailure, show
from workbench.sandbox.waiting import wait_for
from workbench.sandbox.xcally_process import QtNodeProcess
from workbench.sandbox.xcally_views import ROLES, frame_config, probe_http, sidebar_audience, view_urls

HOST_DIR = HOSTS / "xcally-frame"
LOOPBACK = "127.0.0.1"
PROCESS_STATES = {"running": (RUNNING,), "stopped": (STOPPED, WAITING_RESTART), "waiting-restart": (WAITING_RESTART,)}


class XcallySession(HostSession):
    """One App Zone frame for an html or script plugin."""

    target = "xcally"

    def __init__(self, project, setup: SessionSetup | None = None, parent: QObject | None = None):
        super().__init__(project, setup, parent)
        self.manifest: dict[str, Any] = {}
        self.content = Path(project.root) / (project.content_root or "")
        self.node: QtNodeProcess | None = None
        self.view_role: str | None = None  # whose view the frame shows (admin / agent), as the frame reports it
        self._frame_ready = False

    @property
    def is_script(self) -> bool:
        return self.manifest.get("type") == "script"

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def start(self, timeout_ms: int = 20000) -> None:
        try:
            self.manifest = json.loads(read_regular(self.content / "manifest.json", MANIFEST_LIMIT).decode("utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            raise SessionError(f"{self.content / 'manifest.json'}: cannot read the manifest ({exc}); "
                               "run `workbench validate` for the exact place") from None
        if not isinstance(self.manifest, dict):
            raise SessionError(f"{self.content / 'manifest.json'}: the manifest is not a JSON object")
        env = self.environment = SandboxEnvironment(self.log, self.setup.allow_hosts, parent=self)
        env.mount("", HOST_DIR)
        env.mount("plugin/", self.content, confine=Path(self.project.root))
        config = frame_config(self.manifest, self.setup.extra.get("view"))
        env.scheme.add_virtual("app", "config.json", json.dumps(config).encode(), "application/json")
        self.page = ReportingPage(env, self.log, self.file_for_url, parent=self)
        self.page.sig_report.connect(self._on_report)
        self.page.start(env.url("index.html"))
        if not wait_for(lambda: self._frame_ready or self.page_problem() is not None, timeout_ms,
                        wake=(self.page.sig_report,)):
            raise SessionError(f"the App Zone frame did not load within {timeout_ms} ms")
        if self.is_script:
            self._make_process()
            if self.setup.extra.get("autostart", True):
                try:
                    self._start_process()
                except ControlError:
                    pass  # logged as an error (a scenario fails on it); the frame still shows, with Start to retry
        self.ready = True
        emit(self.sig_ready)

    def close(self) -> None:
        if self.node is not None:
            self.node.close()
            self.node.deleteLater()
            self.node = None
        super().close()
        if self.environment is not None:
            self.environment.deleteLater()
            self.environment = None

    def file_for_url(self, url: str) -> str | None:
        marker = "://app/plugin/"
        if marker not in url:
            return None
        rel = url.split(marker, 1)[1].split("?", 1)[0]
        return f"{self.project.content_root}/{rel}".lstrip("/")

    def _on_report(self, payload: dict) -> None:
        data = payload.get("data") or {}
        if str(data.get("message", "")).startswith("showing the "):
            self._frame_ready = True
            if data.get("role") in ROLES and data.get("role") != self.view_role:
                self.view_role = data["role"]
                emit(self.sig_state_changed)

    # -- the script plugin's process ------------------------------------------------------------------------------
    def _make_process(self) -> None:
        params = self.manifest.get("parameters") or {}
        # The scenario's header (the window passes its saved project settings the same way).
        extra = self.setup.extra
        env = {str(k): str(v) for k, v in (extra.get("env") or {}).items()}
        delay = extra.get("restart_delay")
        launch = NodeLaunch(self.content / str(params.get("scriptPath", "")), str(params.get("scriptName") or
                            self.manifest.get("name") or "plugin"), self.content, env,
                            float(delay) if delay is not None else None, node=self.setup.host.get("node"))
        self.node = QtNodeProcess(launch, self)
        self.node.sig_event.connect(self._on_process_event)
        self.node.sig_state.connect(self._on_process_state)
        self.node.sig_port.connect(self._on_port)
        # The plugin's own server is the only loopback address the page may reach.
        self.environment.allow_host(LOOPBACK)

    def _start_process(self) -> None:
        try:
            self.node.start()
        except (NodeNotFoundError, FileNotFoundError) as exc:
            self.log.add(ERROR, str(exc))
            raise ControlError(str(exc)) from None

    def _on_process_event(self, event) -> None:
        if event.stream in ("stdout", "stderr"):
            self.log.add(CONSOLE, event.text, level="error" if event.stream == "stderr" else "log",
                         stream=event.stream, pid=event.pid, process=True)
        else:
            self.log.add(HOST, event.text, pid=event.pid, process=True)

    def _on_process_state(self, state: str) -> None:
        self._show_process()
        emit(self.sig_state_changed)

    def _on_port(self, port: int) -> None:
        if port:
            self.log.add(HOST, f"{self.node.process.launch.name} listens on port {port} (from the socket table)",
                         port=port)
        self._show_process()
        views, empty = view_urls(self.manifest, port)
        self._js_quiet(f"XcallyFrame.setViews({show(views)}, {show(empty)})")
        emit(self.sig_state_changed)

    def _show_process(self) -> None:
        info = self.process_info()
        if info is None or self.page is None:
            return
        shown = {k: info[k] for k in ("name", "state", "pid", "port")}
        self._js_quiet(f"XcallyFrame.setProcess({show(shown)})")

    def _js_quiet(self, code: str) -> None:
        """Fire-and-forget script (state display): never blocks the caller."""
        if self.page is not None and self.page_problem() is None:
            self.page.runJavaScript(code, 0)

    # -- controls (the window's Plugin process panel; the steps below call the same methods) ---------------------
    def process_info(self) -> dict[str, Any] | None:
        """The script plugin's process as App Zone shows it (name, state, pid, port, starts), None for html plugins."""
        if self.node is None:
            return None
        process = self.node.process
        return {"name": process.launch.name, "state": self.node.state, "pid": process.pid,
                "port": self.node.port or None, "starts": process.starts, "script": str(process.launch.script)}

    def process_env(self) -> dict[str, str]:
        """The user-defined environment variables the process gets on its next start (XC_PLUGIN_* included)."""
        return dict(self._need_process().process.launch.env)

    def restart_policy(self) -> RestartPolicy:
        """The restart policy: XC_PLUGIN_RESTART from the variables, the delay with its development override."""
        launch = self._need_process().process.launch
        policy = RestartPolicy.from_env(launch.env)
        override = launch.dev_restart_delay_s
        return RestartPolicy(policy.enabled, policy.delay_s if override is None else max(0.0, override))

    def dev_restart_delay(self) -> float | None:
        """The development override of the restart delay, None when App Zone's own delay applies."""
        return self._need_process().process.launch.dev_restart_delay_s

    def start_process(self) -> None:
        """Start the plugin as App Zone's start does (no-op when running); ControlError when Node or the script is
        missing."""
        self._need_process()
        self._start_process()

    def stop_process(self) -> None:
        """Stop the plugin's whole process tree; no restart follows."""
        if not self._need_process().stop():
            raise ControlError("some of the plugin's processes survived SIGKILL")

    def restart_process(self) -> None:
        """Stop, then start again, as App Zone's restart does."""
        self.stop_process()
        self._start_process()

    def kill_process(self) -> None:
        """The process dies unexpectedly (SIGKILL): the restart policy applies."""
        node = self._need_process()
        if node.process.pid is None:
            raise ControlError(f"the plugin is not running (state {node.state}): nothing to kill")
        node.kill()

    def set_restart(self, enabled: bool, delay_s: float | None = None) -> None:
        """Turn App Zone's restart on exit (XC_PLUGIN_RESTART) on or off; delay_s overrides the delay for development
        (the process still sees its XC_PLUGIN_RESTART_DELAY). Turning it off cancels a pending restart."""
        node = self._need_process()
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
        emit(self.sig_state_changed)

    def set_env(self, env: dict[str, str]) -> None:
        """Replace the user-defined environment variables; the process gets them on its next start."""
        launch = self._need_process().process.launch
        clean = {str(k).strip(): str(v) for k, v in env.items() if str(k).strip()}
        bad = [k for k in clean if "=" in k or "\0" in k or "\0" in clean[k]]
        if bad:
            raise ControlError(f"not a valid environment variable name: {bad[0]!r}")
        if clean != launch.env:
            launch.env = clean
            self.log.add(HOST, f"environment for the next start: {', '.join(sorted(clean)) or 'none'}")
            emit(self.sig_state_changed)

    def show_view(self, role: str) -> None:
        """Show the admin or agent view in the frame, with the sidebar as that role sees it."""
        if role not in ROLES:
            raise ControlError(f"view is admin or agent, not {role!r}")
        if self.page is None:
            raise ControlError("the App Zone frame is not loaded")
        self._js_quiet(f"XcallyFrame.showRole({show(role)})")

    def has_view(self, role: str) -> bool:
        """The frame has something to show for this role now (a view file or URL, or the listening server)."""
        return role in view_urls(self.manifest, self.node.port if self.node is not None else None)[0]

    def recording_header(self) -> dict[str, Any]:
        """The scenario keys that make a replay start as the session is now: the process's variables, development
        restart delay and whether it runs, and the view shown."""
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
        return header

    def sidebar_audience(self) -> list[str]:
        """Who sees the plugin in Motion's sidebar for its `sidebar` value: admin, agent, both or nobody."""
        return sidebar_audience(self.manifest)

    # -- steps ----------------------------------------------------------------------------------------------------
    def _need_process(self) -> QtNodeProcess:
        if self.node is None:
            raise ControlError("this is an html plugin: only script plugins have a process")
        return self.node

    def step_start(self, value: Any, step: Step) -> None:
        self.start_process()

    def step_stop(self, value: Any, step: Step) -> None:
        self.stop_process()

    def step_restart(self, value: Any, step: Step) -> None:
        self.restart_process()

    def step_kill(self, value: Any, step: Step) -> None:
        self.kill_process()

    def expect_process(self, value: dict, step: Step) -> None:
        want = str(value["process"])
        if want not in PROCESS_STATES:
            raise StepFailure(f"process is one of {', '.join(PROCESS_STATES)}, not {want!r}")
        node = self._need_process()
        self.poll(step, lambda: (node.state in PROCESS_STATES[want], f"the plugin process is {node.state}"))

    def expect_http(self, value: dict, step: Step) -> None:
        """GET path from the plugin's server once it listens; status (default 200) and optional text."""
        spec = value["http"] if isinstance(value["http"], dict) else {"path": str(value["http"])}
        path = "/" + str(spec.get("path", "/")).lstrip("/")
        status = int(spec.get("status", 200))
        text = spec.get("text", value.get("text"))
        node = self._need_process()

        def check() -> tuple[bool, str]:
            if not node.port:
                return False, f"the plugin listens on no port yet (process {node.state})"
            return probe_http(f"http://{LOOPBACK}:{node.port}{path}", status, text)

        self.poll(step, check)

    def expect_view(self, value: dict, step: Step) -> None:
        """Switch the frame to the admin or agent view and find text in it (any origin)."""
        role = str(value["view"])
        text = value.get("text")
        self.show_view(role)

        def check() -> tuple[bool, str]:
            state = self.js("JSON.stringify({view: XcallyFrame.view, state: XcallyFrame.viewState, "
                            "empty: document.getElementById('emptyView').textContent})")
            info = json.loads(state or "{}")
            if not info.get("view"):
                return False, f"no {role} view is shown: {info.get('empty')}"
            if text is None:
                return info.get("state") == "loaded", f"the {role} view {info['view']} has not loaded"
            body = self.view_text()
            if body is None:
                return False, f"the {role} view {info['view']} is still loading"
            return str(text) in body, f"the {role} view ({info['view']}) shows {body[:300]!r}, not {text!r}"

        self.poll(step, check)

    def view_text(self) -> str | None:
        """The text of the view frame, read inside that frame (works across origins)."""
        frame = next((f for f in self.page.mainFrame().children() if f.name() == "pluginView"), None)
        if frame is None:
            return None
        box: dict = {}
        frame.runJavaScript("document.body ? document.body.innerText : ''", 0, lambda v: box.setdefault("v", v))
        wait_for(lambda: "v" in box, 2000, abort=lambda: self.page_problem() is not None)
        return box.get("v")


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> XcallySession:
    """The host session of an XCALLY plugin project."""
    return XcallySession(project, setup, parent)
