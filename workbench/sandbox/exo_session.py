"""The eXo Web Conferencing host session: the connector's JS module against a mock `webConferencing` core."""

from __future__ import annotations

import json
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
from workbench.sandbox.session import HostSession, SessionError, SessionSetup, StepFailure, show
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
        self._loaded = False

    # -- lifecycle ------------------------------------------------------------------------------------------------
    def start(self, timeout_ms: int = 20000) -> None:
        try:
            self.facts = connector_facts(self.project)
        except ConnectorNotFound as exc:
            raise SessionError(f"{self.project.root}: {exc}") from None
        self.config = page_config(self.facts, self.setup.extra, self.setup.host)
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

    # -- steps ----------------------------------------------------------------------------------------------------
    def step_context(self, value: dict, step: Step) -> None:
        """Show the page of a user, a space or a chat room and ask the connector for its call button."""
        if not isinstance(value, dict) or value.get("type") not in CONTEXT_TYPES or not value.get("id"):
            raise StepFailure(f"context needs a type ({', '.join(CONTEXT_TYPES)}) and an id, got {show(value)}")
        result = self.js(f"JSON.stringify(ExoHost.setContext({show(value)}))")
        if result is None:
            raise StepFailure("the page could not show the context")

    def expect_button(self, value: dict, step: Step) -> None:
        """The call button is shown (true) or not (false) for the current context."""
        want = bool(value["button"])
        text = value.get("text")

        def check() -> tuple[bool, str]:
            b = json.loads(self.js("JSON.stringify(ExoHost.button)") or "{}")
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
        self.js(f"ExoHost.incoming({show(value)})")

    def current_button(self) -> dict:
        """The call button state of the shown context (for the window)."""
        return json.loads(self.js("JSON.stringify(ExoHost.button)") or "{}")


def create_session(project, setup: SessionSetup | None = None, parent: QObject | None = None) -> ExoSession:
    """The host session of an eXo connector project."""
    return ExoSession(project, setup, parent)
