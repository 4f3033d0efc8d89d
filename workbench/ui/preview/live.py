"""The live preview session: the project's host session, hot reload, audience switches, allow-list, recording.

Widgets hold no state of their own: they read the session's conference and log and call this controller.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWebEngineCore import QWebEngineScript

from workbench.core import project_settings
from workbench.core.hostlog import NETWORK
from workbench.core.hotreload import plan_reload
from workbench.core.scenario_record import ConferenceDriver, ScenarioRecorder
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.session import SessionError, SessionSetup
from workbench.ui.preview import page_scripts


class PreviewController(QObject):
    """One project's host session for the preview, kept alive across edits."""

    sig_session = Signal(object)
    """A new host session (or None when the project closed); the views re-bind to it."""
    sig_ready = Signal()
    """The host page is loaded with its plugins (first load, page reload, restart)."""
    sig_reloaded = Signal(list, float)
    """Plugins hot-reloaded (ids) and milliseconds from the change being seen to their items rendered."""
    sig_blocked = Signal(dict)
    """A network request the plugins made was blocked: {url, host, directive, message}."""
    sig_status = Signal(str)
    """A short status line (loading, reloaded, problem...)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project = None
        self.session = None
        self.role, self.platform = "chair", "web"
        self.recorder = ScenarioRecorder()
        self.driver: ConferenceDriver | None = None
        self.message = "Open a project to preview it."
        self._stamps: dict[str, tuple[int, int]] = {}
        self._pending: dict[str, float] = {}  # plugin id -> when its change was seen (perf_counter)
        self._page_reload_started: float | None = None
        self._stop_listening = None
        self.watcher = None

    # -- lifecycle ----------------------------------------------------------------------------------------------
    def open(self, project) -> None:
        """Start the host session of a project (non-blocking for the Pexip page)."""
        self.close()
        self.project = project
        self._stamps.clear()
        try:
            runtime = importlib.import_module(f"workbench.targets.{project.target}.runtime")
        except ImportError as exc:
            self._no_preview(f"No preview for {project.target} projects yet ({exc}).")
            return
        setup = SessionSetup(role=self.role, platform=self.platform,
                             allow_hosts=project_settings.allowed_hosts(project.root),
                             extra=project_settings.window_session_defaults(project.root))
        try:
            session = runtime.create_session(project, setup, self)
        except Exception as exc:  # a host that cannot be built must not take the window down
            self._no_preview(f"The preview could not start: {exc}")
            return
        self.session = session
        self.driver = ConferenceDriver(session.conference, self.recorder) if session.conference is not None \
            else None
        self._stop_listening = session.log.listen(self.recorder.note_entry)
        session.sig_ready.connect(self._on_ready)
        session.sig_problem.connect(lambda m: emit(self.sig_status, f"⚠ {m}"))
        if session.environment is not None:
            session.environment.sig_blocked.connect(self._on_blocked)
        emit(self.sig_status, "loading…")
        self._watch(session)
        if session.page is not None:  # the page exists up front (Pexip): load it without blocking the window
            self._install_scripts(session.page)
            session.page.start(session.environment.url("index.html"))
            emit(self.sig_session, session)
        else:  # hosts that build their page while starting (processes first)
            QTimer.singleShot(0, self._start_blocking)

    def _start_blocking(self) -> None:
        session = self.session
        if session is None:
            return
        try:
            session.start()
        except SessionError as exc:
            emit(self.sig_status, f"⚠ {exc}")
        if session is self.session:
            if session.page is not None:
                self._install_scripts(session.page)
            emit(self.sig_session, session)
            if session.page is not None and session.ready:
                self._on_ready()

    def _no_preview(self, message: str) -> None:
        self.message = message
        emit(self.sig_status, message)
        emit(self.sig_session, None)

    def close(self) -> None:
        """Stop the session (the views drop the page first, on sig_session(None))."""
        if self.session is None:
            return
        session, self.session, self.driver = self.session, None, None
        self.recorder.stop()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None
        if self._stop_listening:
            self._stop_listening()
            self._stop_listening = None
        emit(self.sig_session, None)
        session.close()
        session.deleteLater()

    def _watch(self, session) -> None:
        """Follow the served content ourselves: a finished write reloads at once (the window's watcher is a backup)."""
        content = getattr(session, "content", None)
        if content is None:
            return
        from workbench.ui.preview.watch import ContentWatcher
        try:
            self.watcher = ContentWatcher(str(self.project.root), str(content), self)
        except OSError:  # out of inotify watches: the window's own watcher still reports the changes
            self.watcher = None
            return
        self.watcher.sig_changed.connect(lambda rels: self.files_changed(rels, self.watcher.seen_at))

    @property
    def conference(self):
        return self.session.conference if self.session is not None else None

    def _install_scripts(self, page) -> None:
        script = QWebEngineScript()
        script.setName("workbench-ui-events")
        script.setSourceCode(page_scripts.UI_EVENTS)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
        script.setRunsOnSubFrames(False)
        page.scripts().insert(script)

    # -- events from the session ----------------------------------------------------------------------------------
    def _on_ready(self) -> None:
        if self._page_reload_started is not None:
            ms = (time.perf_counter() - self._page_reload_started) * 1000
            self._page_reload_started = None
            emit(self.sig_status, f"page reloaded in {ms:.0f} ms")
        else:
            emit(self.sig_status, "ready")
        emit(self.sig_ready)

    def _on_plugin_reloaded(self, session, plugin_id: str, _rendered: int) -> None:
        if session is not self.session:
            return
        seen = self._pending.pop(plugin_id, None)
        ms = (time.perf_counter() - seen) * 1000 if seen is not None else 0.0
        emit(self.sig_status, f"{plugin_id} reloaded in {ms:.0f} ms")
        emit(self.sig_reloaded, [plugin_id], ms)

    def _on_blocked(self, info: dict) -> None:
        if info.get("host") and not info.get("refused"):
            emit(self.sig_blocked, dict(info))

    # -- hot reload -------------------------------------------------------------------------------------------------
    def files_changed(self, rels, seen_at: float | None = None) -> bool:
        """Project files changed (saved here or in another editor): reload what they affect; True when it did."""
        session = self.session
        if session is None or not session.supports_hot_reload or session.page is None:
            return False
        seen_at = seen_at or time.perf_counter()
        fresh = [r for r in rels if self._changed_since_last_time(r)]
        plan = plan_reload(fresh, session.plugins, self.project.content_root or "")
        if not plan:
            return False
        if plan.page or plan.package_changed:
            old_ids = [p.id for p in session.plugins]
            if session.reread_plugins() != old_ids or plan.page:
                self.reload_page()
                return True
        for plugin_id in plan.plugins:
            self._pending[plugin_id] = seen_at
            session.reload_plugin(plugin_id, lambda n, pid=plugin_id: self._on_plugin_reloaded(session, pid, n))
        emit(self.sig_status, f"reloading {', '.join(plan.plugins)}…")
        return True

    def _changed_since_last_time(self, rel: str) -> bool:
        """The window's save signal and the disk watcher both report a save: reload once per content."""
        try:
            st = os.stat(Path(self.project.root) / rel)
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (0, -1)  # deleted
        if self._stamps.get(rel) == stamp:
            return False
        self._stamps[rel] = stamp
        return True

    def reload_page(self) -> None:
        """Reload the whole host page; the simulated conference (participants, state) is applied to it again."""
        s = self.session
        if s is None or s.page is None or s.environment is None:
            return
        self._page_reload_started = time.perf_counter()
        emit(self.sig_status, "reloading the page…")
        s.page.start(s.environment.url("index.html"))

    # -- audience ---------------------------------------------------------------------------------------------------
    def set_audience(self, role: str | None = None, platform: str | None = None) -> None:
        """Show the page as a chair or guest, on web/electron/ios/android (the conference is kept)."""
        self.role, self.platform = role or self.role, platform or self.platform
        if self.session is not None and self.session.set_audience(self.role, self.platform):
            self.reload_page()

    # -- plugins -------------------------------------------------------------------------------------------------------
    def set_plugin_enabled(self, plugin_id: str, enabled: bool, done=None) -> None:
        """Load or unload a plugin as Settings > Plugin does (allowUnload honoured); done(ok) afterwards."""
        if self.session is not None:
            self.session.request_plugin_enabled(plugin_id, enabled, done)

    def page_plugins(self, done) -> None:
        """done(list of {id, started, enabled, visible, allowUnload}) as the page has them."""
        if self.session is None:
            done([])
            return
        self.session.request_plugin_states(done)

    # -- network --------------------------------------------------------------------------------------------------
    def allow_host(self, host_or_url: str) -> str:
        """Allow a host for this project (persisted) and in the running page; returns the host."""
        host = project_settings.normalize_host(host_or_url)
        project_settings.allow_host(self.project.root, host)
        if self.session is not None and self.session.environment is not None:
            self.session.environment.allow_host(host)
            self.session.log.add(NETWORK, f"{host} allowed for this project (saved in "
                                          f"{project_settings.SETTINGS_DIR}/{project_settings.SETTINGS_FILE})",
                                 host=host, allowed=True)
        return host

    # -- recording ------------------------------------------------------------------------------------------------
    def start_recording(self) -> None:
        if self.conference is None:
            return
        plugins = [p.id for p in self.session.plugins if p.visible]
        self.recorder.start(self.conference, role=self.role, platform=self.platform,
                            plugin=plugins[0] if len(plugins) == 1 else None,
                            allow_hosts=project_settings.allowed_hosts(self.project.root))

    def stop_recording(self) -> None:
        self.recorder.stop()

    def save_recording(self, path: str | Path) -> Path:
        return self.recorder.save(path)

    def default_scenario_path(self) -> Path:
        from workbench.core.config import scenario_folder
        folder = scenario_folder(self.project.root)  # workbench.toml [scenarios] folder, default scenarios/
        n = 1
        while (folder / f"recorded-{n}.yaml").exists():
            n += 1
        return folder / f"recorded-{n}.yaml"
