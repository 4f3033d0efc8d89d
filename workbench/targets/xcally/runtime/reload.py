"""Hot reload of an XCALLY preview, done when the change shows: nodemon's restart for scripts, views in place.

A script plugin restarts on a change to its code as nodemon does: at once when it runs or waits for App Zone's
delayed restart, and also after it crashed (nodemon's "waiting for file changes before starting"); a plugin the
user stopped stays stopped. The restart policy (XC_PLUGIN_RESTART and its delay) and the environment are the
process's own and stay as they are; the frame keeps the view (admin or agent) it shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.core.hostlog import HOST
from workbench.sandbox.aio import poll
from workbench.sandbox.session import ControlError
from workbench.targets.xcally.hotreload import plan
from workbench.targets.xcally.process import RUNNING

SHOWN_MS = 10000  # how long a restarted plugin or a reloaded view has to show in the frame


async def apply_changes(session, files: Iterable[str]) -> str | None:
    """What the changed files call for, done; a short description of what was reloaded (None: nothing)."""
    what = plan(files, session.project.content_root or "", session.manifest)
    if what == "manifest":
        if not session.reread_manifest():
            return None
        await session.load()
        return "page reloaded"
    if what == "process":
        return await restart_for_change(session)
    if what == "view":
        await session.js("XcallyFrame.reload()")
        await view_loaded(session)
        return "view reloaded"
    return None


async def restart_for_change(session) -> str | None:
    """Restart the script plugin for a change to its code, unless the user stopped it."""
    node = session.node
    if node is None:
        return None
    process = node.process
    if node.state != RUNNING and (process.stopped_on_purpose or process.starts == 0):
        session.log.add(HOST, f"{process.launch.name} is stopped: Start runs the changed code", process=True)
        return None
    shown, served = session.views_shown, bool(node.port)
    try:
        if node.state == RUNNING:
            await session.restart_process()
        else:  # waiting for App Zone's delayed restart, or crashed: a change starts it now
            session.start_process()
    except ControlError:
        return None  # logged as an error; the frame still shows, with Start to retry
    if not served:  # a plugin that served no page before is not waited for
        return "process restarted"
    await poll(_changed_and_loaded(session, shown), SHOWN_MS)
    return "process restarted"


def _changed_and_loaded(session, shown: int):
    async def check() -> tuple[bool, str]:
        if session.views_shown == shown:
            return False, "the restarted plugin serves nothing yet"
        return await _loaded(session)
    return check


async def _loaded(session) -> tuple[bool, str]:
    state = await session.js("XcallyFrame.viewState")
    return state in ("loaded", "none"), f"the view is {state}"


async def view_loaded(session) -> None:
    """Wait until the frame's view has loaded (or there is none)."""
    await poll(lambda: _loaded(session), SHOWN_MS)
