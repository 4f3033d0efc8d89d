"""Hot reload in the emulated app (functions of a PexipSession, which delegates to them): changed files reload the plugins they belong to (the conference is kept) or the
page; a TypeScript plugin's source change builds it first."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from pathlib import Path

from workbench.core.hostlog import WARNING
from workbench.targets.pexip.hotreload import plan_reload
from workbench.targets.pexip.runtime.building import NOT_BY_ITSELF, build, output_marks, split_changes
from workbench.targets.pexip.typescript import build_spec, content_path, is_typescript

PLUGIN_RELOAD_TIMEOUT_S = 10
# The package-file fields a hot reload refreshes in the page's plugin entry (enabled/started stay as the page has them).
_RELOADED_FIELDS = ("name", "description", "version", "allowUnload", "platforms", "participantRoles", "location",
                    "items", "src", "base", "visible", "hidden_reason", "problem")


async def reload_changed(session, files: Iterable[str]) -> str | None:
    """Apply changed project files: reload the plugins they belong to, or the whole page; what was done. A
    TypeScript plugin's source change builds it first."""
    content_root = session.project.content_root or ""
    if is_typescript(session.project):
        changes = split_changes(session.project, files)
        if changes.sources:  # build; a served file changed with it (settings.json...) reloads the page too
            return await rebuild(session, page=any(not f.startswith("plugins/") for f in changes.package))
        files = [f for f in changes.package
                 if session._built_marks.get(content_path(session.project, f) or "") != _mtime_ns(session.project, f)]
        content_root = ""
    plan = plan_reload(files, session.plugins, content_root)
    if not plan:
        return None
    if plan.page or plan.package_changed:
        old_ids = [p.id for p in session.plugins]
        if session.reread_plugins() != old_ids or plan.page:
            await session.load()
            return "page"
    await asyncio.gather(*(reload_plugin(session, pid) for pid in plan.plugins))
    return ", ".join(plan.plugins)


async def rebuild(session, page: bool = False) -> str | None:
    """Build again after a source change, then reload the built plugins (the conference is kept), or the page."""
    if not session.setup.auto_run:
        spec = build_spec(session.project)
        session.log.add(WARNING, "a source changed: " + NOT_BY_ITSELF.format(
            title=spec.title if spec is not None else "its build"), build=True)
        return None
    result = await build(session.project, session.log, session.closing)
    if result is None or not result.ok:
        return "build failed" if result is not None else None
    session._built_marks = output_marks(session.project)
    old_ids = [p.id for p in session.plugins]
    if session.reread_plugins() != old_ids or page:
        await session.load()
        return "built; page"
    built = [p.id for p in session.plugins if p.base.startswith("plugins/")]
    await asyncio.gather(*(reload_plugin(session, pid) for pid in built))
    return "built; " + ", ".join(built)


async def reload_plugin(session, plugin_id: str) -> int:
    """Unload and load one plugin in the running page with its package fields as read last; the conference is
    kept and pushed again. The number of its menu items rendered once it is back (-1: the page reloaded)."""
    entry = session.plugin(plugin_id)
    if entry is None:
        return -1
    session._bust += 1
    bust = session._bust
    future: asyncio.Future = asyncio.get_event_loop().create_future()
    session._reloads[bust] = future
    fields = entry.to_page()
    fresh = {k: fields[k] for k in _RELOADED_FIELDS}
    answer = await session.js(f"WBHostPage.reloadPlugin({json.dumps(plugin_id)}, {json.dumps(fresh, default=str)}, {bust})")
    if answer == "unknown":  # the page runs another plugin list (it is reloading): nothing will be reported
        session._reloads.pop(bust, None)
        return -1
    session.push_state()  # the reloaded plugin sees the participants as they are now
    try:
        return await asyncio.wait_for(future, PLUGIN_RELOAD_TIMEOUT_S)
    except TimeoutError:
        session.log.add(WARNING, f"plugin {plugin_id} did not come back within {PLUGIN_RELOAD_TIMEOUT_S} s")
        return -1


def _mtime_ns(project, package_path: str) -> int | None:
    """The modification time of the project file serving a branding package path."""
    rel = content_path(project, package_path)
    try:
        return (Path(project.root) / rel).stat().st_mtime_ns if rel else None
    except OSError:
        return None
