"""The isolated browser environment of one host session: off-the-record profile, project scheme, lockdown, log."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings

from workbench.core.hostlog import NETWORK, HostLog
from workbench.sandbox.network import NetworkLockdown
from workbench.sandbox.qtcompat import emit
from workbench.sandbox.scheme import SCHEME, FileSchemeHandler, qt_resource, register_scheme

log = logging.getLogger(__name__)


def prepare_environment(headless: bool = True) -> None:
    """Env vars and scheme registration QtWebEngine needs; call before creating the QApplication.

    Headless runs (`workbench test`, the tests) draw offscreen; the window draws on the desktop, and offscreen only
    when there is no display to draw on. An explicit QT_QPA_PLATFORM always wins."""
    if headless or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.name == "nt"
                        or sys.platform == "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium's sandbox refuses to run as root
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1":
        log.warning("Chromium's sandbox is off for plugin pages (%s)", "running as root" if
                    hasattr(os, "geteuid") and os.geteuid() == 0 else "QTWEBENGINE_DISABLE_SANDBOX=1 is set")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    for flag in ("--disable-gpu", "--disable-background-networking", "--log-level=3"):
        if flag not in flags:
            flags = f"{flags} {flag}".strip()
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    register_scheme()


def ensure_app():
    """The running QApplication, created (offscreen-ready) when there is none."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        prepare_environment()
        app = QApplication(["workbench"])
    return app


class SandboxEnvironment(QObject):
    """Profile + scheme handler + network lockdown shared by any host page; entries go to `log`."""

    sig_blocked = Signal(dict)
    """A request was blocked (network) or a file refused (outside the project): {url, message, ...}."""

    def __init__(self, log: HostLog, allowed_hosts: list[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        register_scheme()
        self.log = log
        self.profile = QWebEngineProfile(self)  # no storage name: off-the-record, nothing persists
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        settings = self.profile.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
        self.scheme = FileSchemeHandler(self, on_refused=self._refused)
        self.lockdown = NetworkLockdown(self, on_blocked=self._blocked, allowed_hosts=allowed_hosts)
        self.profile.installUrlSchemeHandler(SCHEME.encode(), self.scheme)
        self.profile.setUrlRequestInterceptor(self.lockdown)
        channel_js = qt_resource(":/qtwebchannel/qwebchannel.js")
        if channel_js:
            self.scheme.add_virtual("app", "qwebchannel.js", channel_js, "text/javascript")

    def mount(self, prefix: str, directory: Path, confine: Path | None = None, host: str = "app") -> None:
        """Serve directory at workbench://<host>/<prefix>; files must stay inside confine (default directory)."""
        self.scheme.mount(host, prefix, directory, confine)

    def url(self, path: str = "index.html", host: str = "app") -> str:
        return f"{SCHEME}://{host}/{path.lstrip('/')}"

    def allow_host(self, host: str) -> None:
        self.lockdown.allow_host(host)

    def _blocked(self, info: dict) -> None:
        self.log.add(NETWORK, info["message"], **{k: v for k, v in info.items() if k != "message"})
        emit(self.sig_blocked, info)

    def _refused(self, url: str, why: str) -> None:
        info = {"url": url, "message": f"refused {url}: {why}", "refused": True}
        self.log.add(NETWORK, info["message"], url=url, refused=True)
        emit(self.sig_blocked, info)


def file_for_url(env: SandboxEnvironment, url: str, project_root: Path | None) -> str | None:
    """The project-relative file a workbench:// URL serves (for log entries that link to the editor)."""
    from PySide6.QtCore import QUrl
    q = QUrl(url)
    if q.scheme() != SCHEME or project_root is None:
        return None
    target, _why = env.scheme.resolve(q.host(), q.path())
    if target is None:
        return None
    try:
        return target.relative_to(Path(project_root).resolve()).as_posix()
    except ValueError:
        return None
