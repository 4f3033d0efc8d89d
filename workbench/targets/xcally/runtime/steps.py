"""XCALLY steps: the plugin process (shared with the window's panel), its HTTP server, and the views."""

from __future__ import annotations

import asyncio

from PySide6.QtWebEngineCore import QWebEngineScript

from workbench.core.scenario import Step
from workbench.sandbox.session import StepFailure
from workbench.targets.xcally.runtime.views import LOOPBACK, PROBE_S, probe_http

# The view frame is the plugin's own page: its text is read in an isolated world of that frame (Qt's application
# world: custom world ids are not created in frames without an injected script).
VIEW_WORLD = int(QWebEngineScript.ScriptWorldId.ApplicationWorld)
PROCESS_STATES = {"running": ("running",), "stopped": ("stopped", "waiting-restart"),
                  "waiting-restart": ("waiting-restart",)}


async def step_start(session, value, step: Step) -> None:
    session.start_process()


async def step_stop(session, value, step: Step) -> None:
    await session.stop_process()


async def step_restart(session, value, step: Step) -> None:
    await session.restart_process()


async def step_kill(session, value, step: Step) -> None:
    session.kill_process()


async def expect_process(session, value, step: Step) -> None:
    node = session.need_process()
    want = value.process

    async def check() -> tuple[bool, str]:
        return node.state in PROCESS_STATES[want], f"the plugin process is {node.state}"

    await session.poll(step, check)


async def expect_http(session, value, step: Step) -> None:
    """GET a path from the plugin's server once it listens: the status (default 200) and, if given, some text."""
    spec = value.http
    path = "/" + (spec if isinstance(spec, str) else spec.path).lstrip("/")
    status = 200 if isinstance(spec, str) else spec.status
    text = value.text if isinstance(spec, str) or spec.text is None else spec.text
    node = session.need_process()
    loop = asyncio.get_event_loop()
    deadline = loop.time() + session.timeout_of(step) / 1000

    async def check() -> tuple[bool, str]:
        if not node.port:
            return False, f"the plugin listens on no port yet (process {node.state})"
        url = f"http://{LOOPBACK}:{node.port}{path}"
        within = min(PROBE_S, max(0.5, deadline - loop.time()))  # an answer must come within the step's time
        return await loop.run_in_executor(None, probe_http, url, status, text, within)

    await session.poll(step, check)


async def expect_view(session, value, step: Step) -> None:
    """Switch the frame to the admin or agent view and find text in it (any origin)."""
    role, text = value.view, value.text
    session.show_view(role)

    async def check() -> tuple[bool, str]:
        info = await session.harness(
            "({src: document.getElementById('pluginView').getAttribute('src'), "
            "state: document.getElementById('pluginView').getAttribute('data-view-state'), "
            "role: (document.querySelector('.xcRoles button.active') || {}).textContent || '', "
            "empty: document.getElementById('emptyView').textContent})") or {}
        if role.lower() not in str(info.get("role", "")).lower():
            return False, f"the frame still shows the {info.get('role') or 'other'}"
        if not info.get("src"):
            return False, f"no {role} view is shown: {info.get('empty')}"
        if text is None:
            return info.get("state") == "loaded", f"the {role} view {info['src']} has not loaded"
        body = await view_text(session)
        if body is None:
            return False, f"the {role} view {info['src']} is still loading"
        return str(text) in body, f"the {role} view ({info['src']}) shows {body[:300]!r}, not {text!r}"

    await session.poll(step, check)


async def view_text(session) -> str | None:
    """The text of the view frame, read inside that frame in an isolated world (works across origins)."""
    frame = next((f for f in session.page.mainFrame().children() if f.name() == "pluginView"), None)
    if frame is None:
        return None
    future: asyncio.Future = asyncio.get_event_loop().create_future()
    frame.runJavaScript("document.body ? document.body.innerText : ''", VIEW_WORLD,
                        lambda v: future.done() or future.set_result(v))
    try:
        value = await asyncio.wait_for(future, 1)
    except TimeoutError:  # the frame is navigating (a view switched): the poll asks again
        if session.page_problem():
            raise StepFailure(session.page_problem()) from None
        return None
    return value if isinstance(value, str) else None
