"""The XCALLY App Zone host session: the Motion frame with the plugin's views; script plugins run under Node."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from workbench.core.hostlog import CONSOLE, ERROR, HOST
from workbench.core.node_process import RUNNING, STOPPED, WAITING_RESTART, NodeLaunch, NodeNotFoundError
from workbench.core.paths import HOSTS
from workbench.core.scenario import Step
from workbench.sandbox.environment import SandboxEnvironment
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.reporting_page import ReportingPage
from workbench.sandbox.session import HostSession, SessionError, SessionSetup, StepFailure, show
from workbench.sandbox.waiting import wait_for
from workbench.sandbox.xcally_process import QtNodeProcess
from workbench.sandbox.xcally_views import frame_config, view_urls

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
        self._frame_ready = False

    @property
    def is_script(self) -> bool:
        return self.manifest.get("type") == "script"

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def start(self, timeout_ms: int = 20000) -> None:
        try:
            self.manifest = json.loads((self.content / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
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
                self._start_process()
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
        if str((payload.get("data") or {}).get("message", "")).startswith("showing the "):
            self._frame_ready = True

    # -- the script plugin's process ------------------------------------------------------------------------------
    def _make_process(self) -> None:
        params = self.manifest.get("parameters") or {}
        env = {str(k): str(v) for k, v in (self.setup.extra.get("env") or {}).items()}
        delay = self.setup.extra.get("restart_delay")
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
            raise StepFailure(str(exc)) from None

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
        if self.node is None or self.page is None:
            return
        info = {"name": self.node.process.launch.name, "state": self.node.state, "pid": self.node.process.pid,
                "port": self.node.port or None}
        self._js_quiet(f"XcallyFrame.setProcess({show(info)})")

    def _js_quiet(self, code: str) -> None:
        """Fire-and-forget script (state display): never blocks the caller."""
        if self.page is not None and self.page_problem() is None:
            self.page.runJavaScript(code, 0)

    # -- steps ----------------------------------------------------------------------------------------------------
    def _need_process(self) -> QtNodeProcess:
        if self.node is None:
            raise StepFailure("this is an html plugin: only script plugins have a process")
        return self.node

    def step_start(self, value: Any, step: Step) -> None:
        """Start the plugin as App Zone's start does (no-op when running)."""
        self._need_process()
        self._start_process()

    def step_stop(self, value: Any, step: Step) -> None:
        """Stop the plugin's whole process tree; no restart follows."""
        if not self._need_process().stop():
            raise StepFailure("some of the plugin's processes survived SIGKILL")

    def step_restart(self, value: Any, step: Step) -> None:
        self._need_process().restart()

    def step_kill(self, value: Any, step: Step) -> None:
        """The process dies unexpectedly (SIGKILL): the restart policy applies."""
        node = self._need_process()
        if node.process.pid is None:
            raise StepFailure(f"the plugin is not running (state {node.state}): nothing to kill")
        node.kill()

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
            url = f"http://{LOOPBACK}:{node.port}{path}"
            try:
                with urllib.request.urlopen(url, timeout=1.0) as reply:
                    code, body = reply.status, reply.read(200_000).decode("utf-8", "replace")
            except urllib.error.HTTPError as exc:
                code, body = exc.code, ""
            except OSError as exc:
                return False, f"GET {url} failed: {exc}"
            if code != status:
                return False, f"GET {url} answered {code}, expected {status}"
            if text is not None and str(text) not in body:
                return False, f"GET {url} answered {code} without {text!r} in its body"
            return True, ""

        self.poll(step, check)

    def expect_view(self, value: dict, step: Step) -> None:
        """Switch the frame to the admin or agent view and find text in it (any origin)."""
        role = str(value["view"])
        if role not in ("admin", "agent"):
            raise StepFailure(f"view is admin or agent, not {role!r}")
        text = value.get("text")
        self.js(f"XcallyFrame.showRole({show(role)}) || ''")

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
