"""What a host session can do beyond the common lifecycle, as small protocols the window and the runner test for.

`isinstance(session, HasConference)` replaces host-specific checks: a panel or a step that needs a capability asks
for it, and any host that offers it (whatever its name) gets the panel or the step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class HasConference(Protocol):
    """A simulated conference the page mirrors (participants, lock, chat...)."""

    conference: Any  # workbench.core.conference.Conference


@runtime_checkable
class DispatchesActions(Protocol):
    """An app action stream a user can feed by hand (the conference panel's 'dispatch')."""

    def action_types(self) -> list[str]: ...

    def dispatch(self, type_: str, payload: Any = None) -> None: ...


@runtime_checkable
class HasPlugins(Protocol):
    """Several plugins in one page, each loaded or unloaded as the host's own settings do."""

    def plugin_states(self) -> list[dict]: ...

    async def set_plugin_enabled(self, plugin_id: str, enabled: bool) -> bool: ...


@runtime_checkable
class HasAudiences(Protocol):
    """The host shows itself differently per role and platform."""

    roles: tuple[str, ...]
    platforms: tuple[str, ...]

    def set_audience(self, role: str, platform: str) -> bool: ...


@runtime_checkable
class HotReloads(Protocol):
    """The host applies changed project files to the running preview (reloading one plugin or the page)."""

    async def reload_changed(self, files: Iterable[str]) -> str | None: ...


@runtime_checkable
class Records(Protocol):
    """The session can say what a recording of it starts from (workbench.core.scenario_record.RecordingStart)."""

    def recording_start(self) -> Any: ...


@runtime_checkable
class PreviewsUnsaved(Protocol):
    """The host shows edits before they are saved: for the files it accepts, the session serves and reads the
    window's unsaved text (HostSession.set_unsaved / read_file) and reload_changed applies them."""

    def previews_unsaved(self, rel: str, text: str) -> bool: ...


@runtime_checkable
class Inspectable(Protocol):
    """A process of the plugin can run under a debugger (can_inspect() says whether this one has such a process):
    the window turns it on and shows where to attach.

    inspector() is None while it is off, else {"address": "host:port", "url": the DevTools WebSocket URL or "",
    "name": what is debugged}; the address stays the same across restarts, so a debugger can reattach."""

    def can_inspect(self) -> bool: ...

    async def set_inspect(self, on: bool) -> None: ...

    def inspector(self) -> dict | None: ...
