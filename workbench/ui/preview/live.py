"""The live preview session: the project's host session, hot reload, audience switches, allow-list, recording.

Widgets hold no state of their own: they read the session (its conference, log, capabilities) and call this
controller. Everything long runs as a task on the qasync loop; nothing here blocks the window.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workbench.core import project_settings, trust
from workbench.core.hostlog import NETWORK
from workbench.core.scenario_record import ConferenceDriver, ScenarioRecorder, next_scenario_path
from workbench.sandbox.aio import spawn
from workbench.sandbox.session import SessionError, SessionSetup
from workbench.sandbox.session.capabilities import (
    DispatchesActions,
    HasAudiences,
    HasConference,
    HasPlugins,
    HotReloads,
    PreviewsUnsaved,
)
from workbench.ui.preview.reloads import ReloadQueue, describe


class PreviewController(QObject):
    """One project's host session for the preview, kept alive across edits."""

    sig_session = Signal(object)
    """A new host session (or None when the project closed); the views re-bind to it."""
    sig_ready = Signal()
    """The host page is loaded with its plugins (first load, page reload, restart)."""
    sig_reloaded = Signal(list, float)
    """A hot reload finished: what was reloaded, and milliseconds from the change being seen to the page showing it."""
    sig_blocked = Signal(dict)
    """A network request the plugins made was blocked: {url, host, directive, message}."""
    sig_status = Signal(str)
    """A short status line (loading, reloaded, problem...)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project = None
        self.target = None
        self.session = None
        self.role, self.platform = "chair", "web"
        self.recorder = ScenarioRecorder()
        self.driver: ConferenceDriver | None = None
        self.message = "Open a project to preview it."
        self._stop_listening = None
        self._task = None
        self._links: list = []
        self.reloads = ReloadQueue(self._reloaded, lambda message: self.sig_status.emit(f"⚠ {message}"))
        self.borrowed = False  # the test panel runs scenarios in the preview: no live session meanwhile
        self.guest = None  # the scenario session the preview shows while borrowed
        self._conference_of, self._conference = None, None
        self.status = ""  # the last status line, for a view made after it was said
        self.sig_status.connect(lambda text: setattr(self, "status", text))

    # -- lifecycle ----------------------------------------------------------------------------------------------
    def open(self, project) -> None:
        """Start the host session of a project (the page loads in the background)."""
        from workbench.registry import target_of
        self.close()
        self.borrowed, self.guest = False, None
        self.project = project
        try:
            self.target = target_of(project)
            header = dict(self.target.window_setup(project))
            header.setdefault("role", self.role)
            header.setdefault("platform", self.platform)
            setup = SessionSetup(header=header, allow_hosts=project_settings.allowed_hosts(project.root),
                                 auto_run=trust.is_trusted(project.root))
            session = self.target.create_session(project, setup, self)
        except Exception as exc:  # a host that cannot be built must not take the window down
            self._no_preview(f"The preview could not start: {exc}")
            return
        if not isinstance(session, HasAudiences):
            header.pop("role", None)
            header.pop("platform", None)
        self.session = session
        dispatch = session.dispatch if isinstance(session, DispatchesActions) else None
        self.driver = ConferenceDriver(session.conference, self.recorder, dispatch) \
            if isinstance(session, HasConference) else None
        self._stop_listening = session.log.listen(self.recorder.note_entry)
        self._links = [session.sig_prepared.connect(lambda: self.sig_session.emit(session)),
                       session.sig_ready.connect(self._on_ready),
                       session.sig_problem.connect(lambda m: self.sig_status.emit(f"⚠ {m}")),
                       session.sig_recorded.connect(lambda data: self.recorder.note_step(data.get("step"))),
                       session.environment.sig_blocked.connect(self._on_blocked)]
        self.sig_status.emit("loading…")
        self._task = spawn(self._start(session))

    def show_again(self) -> None:
        """Tell views made after the session started about it (the window is built while its page loads)."""
        session = self.session
        if session is None:
            return
        if session.prepared:
            self.sig_session.emit(session)
        if session.ready:
            self._on_ready()

    async def _start(self, session) -> None:
        try:
            await session.start()
        except SessionError as exc:
            if session is self.session:
                if not session.prepared:  # nothing to show but why
                    self._no_preview(f"The preview could not start: {exc}")
                else:
                    self.sig_status.emit(f"⚠ {exc}")

    def _no_preview(self, message: str) -> None:
        self.message = message
        self.sig_status.emit(message)
        self.sig_session.emit(None)

    def close(self) -> None:
        """Stop the session (the views drop the page first, on sig_session(None))."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self.session is None:
            return
        session, self.session, self.driver = self.session, None, None
        self.reloads.clear()
        self.recorder.stop()
        self.recorder.header, self.recorder.steps = {}, []
        for link in self._links:
            QObject.disconnect(link)
        self._links = []
        if self._stop_listening:
            self._stop_listening()
            self._stop_listening = None
        self.sig_session.emit(None)
        session.close()
        session.deleteLater()

    def project_trusted(self) -> None:
        """The user built or ran the project here: a preview held back from running its code starts afresh."""
        if self.project is not None and (self.session is None or not self.session.setup.auto_run):
            self.open(self.project)

    @property
    def conference(self):
        session = self.session
        if session is not self._conference_of:  # a protocol check is slow, and the tables read this per cell
            self._conference_of = session
            self._conference = session.conference if isinstance(session, HasConference) else None
        return self._conference

    # -- events from the session ----------------------------------------------------------------------------------
    def _on_ready(self) -> None:
        self.sig_status.emit("ready")
        self.sig_ready.emit()

    def _on_blocked(self, info: dict) -> None:
        if info.get("host") and not info.get("refused"):
            self.sig_blocked.emit(dict(info))

    # -- hot reload -------------------------------------------------------------------------------------------------
    def files_changed(self, rels, seen_at: float | None = None) -> bool:
        """Project files changed (saved here or in another editor): the host reloads what they affect."""
        session = self.session
        if not isinstance(session, HotReloads) or not session.prepared:
            return False
        self.reloads.add(session, list(rels), seen_at)
        return True

    def unsaved_changed(self, buffers: dict[str, str]) -> bool:
        """The window's unsaved texts (path -> text): a host that previews unsaved edits shows the ones it takes
        (a text it refuses, such as half-typed JSON, keeps the last one it took)."""
        session = self.session
        if not isinstance(session, PreviewsUnsaved) or not isinstance(session, HotReloads) or not session.prepared:
            return False
        taken = {rel: text for rel, text in buffers.items() if session.previews_unsaved(rel, text)}
        for rel in buffers.keys() - taken.keys():
            if rel in session.unsaved:
                taken[rel] = session.unsaved.texts[rel].decode("utf-8")
        changed = session.set_unsaved(taken)
        if changed:
            self.reloads.add(session, changed)
        return bool(changed)

    def _reloaded(self, session, what: str, ms: float) -> None:
        if session is self.session:
            self.sig_status.emit(f"{describe(what)} in {ms:.0f} ms")
            self.sig_reloaded.emit([what], ms)

    def reload_page(self) -> None:
        """Reload the whole host page; the simulated state (conference, context...) is applied to it again."""
        session = self.session
        if session is None:
            return
        started = time.perf_counter()
        self.sig_status.emit("reloading the page…")

        async def reload() -> None:
            try:
                await session.load()
            except Exception as exc:  # whatever happened, the status must not stay at "reloading"
                self.sig_status.emit(f"⚠ {exc}")
                return
            if session is self.session:
                self.sig_status.emit(f"page reloaded in {(time.perf_counter() - started) * 1000:.0f} ms")

        spawn(reload())

    # -- scenarios in the preview (the test panel) ---------------------------------------------------------------
    def borrow(self) -> None:
        """Scenarios take the preview: the live session ends until give_back()."""
        self.close()
        self.borrowed = True
        self.message = "Running scenarios…"
        self.sig_status.emit("running scenarios…")
        self.sig_session.emit(None)

    def show_guest(self, session) -> None:
        """Show a scenario's session in the preview (its page, its log)."""
        self.guest = session
        self.sig_session.emit(session)

    def drop_guest(self, session) -> None:
        """The scenario's session is about to close: the views let go of it."""
        if self.guest is session:
            self.guest = None
            self.sig_session.emit(None)

    def give_back(self) -> None:
        """The scenarios are done: the live preview starts again (unless another project opened or none is open)."""
        if not self.borrowed:
            return
        self.borrowed = False
        self.guest = None
        self.message = "Open a project to preview it."
        if self.project is not None:
            self.open(self.project)

    def forget(self) -> None:
        """The project closed: no session, nothing to give the preview back to."""
        self.close()
        self.project, self.borrowed, self.guest = None, False, None
        self.message = "Open a project to preview it."

    # -- audience ---------------------------------------------------------------------------------------------------
    def set_audience(self, role: str | None = None, platform: str | None = None) -> None:
        """Show the page as another role, on another platform (the simulated state is kept)."""
        self.role, self.platform = role or self.role, platform or self.platform
        if isinstance(self.session, HasAudiences) and self.session.set_audience(self.role, self.platform):
            self.reload_page()

    # -- plugins -------------------------------------------------------------------------------------------------------
    def set_plugin_enabled(self, plugin_id: str, enabled: bool, done=None) -> None:
        """Load or unload a plugin as the host's own settings do; done(ok) afterwards."""
        session = self.session
        if not isinstance(session, HasPlugins):
            return

        async def toggle() -> None:
            ok = await session.set_plugin_enabled(plugin_id, enabled)
            if done is not None:
                done(ok)

        spawn(toggle())

    def page_plugins(self, done) -> None:
        """done(list of {id, started, enabled, visible, allowUnload}) as the page has them."""
        done(self.session.plugin_states() if isinstance(self.session, HasPlugins) else [])

    # -- network --------------------------------------------------------------------------------------------------
    def allow_host(self, host_or_url: str) -> str:
        """Allow a host for this project (persisted) and in the running preview (reloaded, as a policy change needs)."""
        host = project_settings.normalize_host(host_or_url)
        project_settings.allow_host(self.project.root, host)
        if self.session is not None:
            self.session.environment.allow_host(host)
            self.session.log.add(NETWORK, f"{host} allowed for this project (saved in "
                                          f"{project_settings.SETTINGS_DIR}/{project_settings.SETTINGS_FILE})",
                                 host=host, allowed=True)
            self.reload_page()
        return host

    # -- recording ------------------------------------------------------------------------------------------------
    def start_recording(self) -> None:
        session = self.session
        if session is None or not hasattr(session, "recording_start"):
            return
        self.recorder.start(session.recording_start(), allow_hosts=project_settings.allowed_hosts(self.project.root))

    def stop_recording(self) -> None:
        self.recorder.stop()

    def save_recording(self, path: str | Path) -> Path:
        return self.recorder.save(path)

    def default_scenario_path(self) -> Path:
        return next_scenario_path(self.project.root)
