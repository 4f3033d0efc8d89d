"""The isolated browser environment of one host session: off-the-record profile, project scheme, lockdown, log."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineProfile, QWebEngineSettings

from workbench.core.hostlog import NETWORK, WARNING, HostLog
from workbench.sandbox.egress import PROXY
from workbench.sandbox.network import NetworkLockdown, connect_sources, csp_message, normalize_entry
from workbench.sandbox.scheme import SCHEME, FileSchemeHandler, register_scheme

log = logging.getLogger(__name__)

# Chromium switches of the lockdown: everything through the egress proxy (loopback included), WebRTC on proxied TCP
# only (no UDP, so no STUN), and none of the engine's own background traffic.
LOCKDOWN_FLAGS = ("--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>",
                  "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--disable-background-networking",
                  "--disable-component-update", "--disable-domain-reliability", "--no-pings")
# A headless page (a scenario) runs its plugin's timers as the app in the foreground does, not throttled to once a
# second as Chromium throttles a page nobody sees.
TIMING_FLAGS = ("--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows")


def prepare_environment(headless: bool = True) -> None:
    """Env vars, the egress proxy and scheme registration QtWebEngine needs; call before creating the QApplication.

    Headless runs (`workbench test`, the tests) draw offscreen; the window draws on the desktop, and offscreen only
    when there is no display to draw on. An explicit QT_QPA_PLATFORM always wins."""
    if headless or not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.name == "nt"
                        or sys.platform == "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium's sandbox refuses to run as root
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    if os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1" and not getattr(prepare_environment, "said", False):
        prepare_environment.said = True
        log.warning("Chromium's sandbox is off for plugin pages (%s)", "running as root" if
                    hasattr(os, "geteuid") and os.geteuid() == 0 else "QTWEBENGINE_DISABLE_SANDBOX=1 is set")
    port = PROXY.start()
    flags = [f for f in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split() if not f.startswith(
        ("--proxy-server=", "--proxy-bypass-list=", "--force-webrtc-ip-handling-policy="))]
    for flag in ("--disable-gpu", "--log-level=3", *(f.format(port=port) for f in LOCKDOWN_FLAGS), *TIMING_FLAGS):
        if flag not in flags:
            flags.append(flag)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    _resolve_no_names()
    register_scheme()


# The engine's own name resolver: DNS over HTTPS only, to a server that is not there. The engine never needs a name
# resolved (every connection goes through the egress proxy, which resolves allowed hosts itself), but WebRTC looks up
# a TURN server's name before it asks the proxy, and a DNS query carries the name to whoever serves that domain.
NO_RESOLVER = "https://127.0.0.1:9/dns-query"


def _resolve_no_names() -> None:
    """Point the engine's resolver nowhere, once, before its first profile (the only time Qt accepts it): with the
    rest of the lockdown, and again (a no-op) before a session's profile in case the lockdown was set up without it."""
    if getattr(_resolve_no_names, "done", False):
        return
    _resolve_no_names.done = True
    from PySide6.QtWebEngineCore import QWebEngineGlobalSettings
    mode = QWebEngineGlobalSettings.DnsMode()
    mode.secureMode = QWebEngineGlobalSettings.SecureDnsMode.SecureOnly
    mode.serverTemplates = [NO_RESOLVER]
    if not QWebEngineGlobalSettings.setDnsMode(mode):
        log.warning("the browser engine's name resolver could not be turned off (a profile existed already): "
                    "a TURN server's name a plugin gives may be looked up by the system's DNS")


def lockdown_active() -> bool:
    """The engine was started with the egress proxy (prepare_environment ran before the QApplication)."""
    return PROXY.port > 0 and f"--proxy-server=http://127.0.0.1:{PROXY.port}" in \
        os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")


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
    """A request was blocked (network) or a file refused (outside the package): {url, message, ...}."""
    _sig_egress = Signal(dict)  # a refusal of the egress proxy, from its thread

    def __init__(self, log_: HostLog, allowed_hosts: list[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        if not lockdown_active():
            raise RuntimeError("the network lockdown is not set up: call workbench.sandbox.environment."
                               "prepare_environment() before the QApplication is created")
        register_scheme()
        _resolve_no_names()
        self.log = log_
        self.profile = QWebEngineProfile(self)  # no storage name: off-the-record, nothing persists
        self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
        self.profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
        settings = self.profile.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.WebRTCPublicInterfacesOnly, True)
        self.scheme = FileSchemeHandler(self, on_refused=self._refused, on_missing=self._missing)
        self.scheme.headers_for = self._response_headers
        self.lockdown = NetworkLockdown(self, on_blocked=self._blocked, allowed_hosts=allowed_hosts)
        self.profile.installUrlSchemeHandler(SCHEME.encode(), self.scheme)
        self.profile.setUrlRequestInterceptor(self.lockdown)
        self._sig_egress.connect(self._egress_refused)
        PROXY.allow.set(id(self), set(self.lockdown.allowed))
        self._stop_egress = PROXY.listen(lambda info: self._sig_egress.emit(dict(info)))

    def mount(self, prefix: str, directory: Path, confine: Path | None = None, host: str = "app") -> None:
        """Serve directory at workbench://<host>/<prefix>; files must stay inside it (or confine, when given)."""
        self.scheme.mount(host, prefix, directory, confine)

    def url(self, path: str = "index.html", host: str = "app") -> str:
        return f"{SCHEME}://{host}/{path.lstrip('/')}"

    @property
    def allowed(self) -> set[str]:
        return set(self.lockdown.allowed)

    def allow_host(self, entry: str) -> str:
        """Allow a host (any port) or host:port from now on (pages loaded afterwards may also connect to it)."""
        entry = self.lockdown.allow_host(normalize_entry(entry))
        PROXY.allow.set(id(self), set(self.lockdown.allowed))
        return entry

    def close(self) -> None:
        """Stop hearing the proxy and take this environment's hosts off its allow-list."""
        self._stop_egress()
        PROXY.allow.drop(id(self))

    def _response_headers(self, _url: str) -> dict[bytes, bytes]:
        # no-store: a file saved on disk is fetched anew at its own URL (a plugin reloaded in the page keeps its URL,
        # and with it the breakpoints DevTools set by URL).
        return {b"Content-Security-Policy": connect_sources(self.lockdown.allowed).encode(),
                b"Cache-Control": b"no-store"}

    def _blocked(self, info: dict) -> None:
        self.log.add(NETWORK, info["message"], **{k: v for k, v in info.items() if k != "message"})
        self.sig_blocked.emit(info)

    def _egress_refused(self, info: dict) -> None:
        url = f"{info.get('host')}:{info.get('port')}"
        message = (f"Refused a connection to {url} ({info.get('method')}): no allowed host; a connection outside "
                   "page requests (WebRTC TURN, WebTransport, a preconnect) or a request of another open preview")
        self.log.add(NETWORK, message, url=url, host=info.get("host"), egress=True)
        self.sig_blocked.emit({"url": url, "host": info.get("host"), "message": message, "egress": True})

    def csp_violation(self, url: str, directive: str) -> None:
        """The browser refused a connection under the page's Content-Security-Policy (WebTransport and the like)."""
        from PySide6.QtCore import QUrl
        info = {"url": url, "host": QUrl(url).host(), "directive": directive, "csp": True,
                "message": csp_message(url, directive)}
        self._blocked(info)

    def _missing(self, url: str) -> None:
        self.log.add(WARNING, f"{url}: not found (the real app answers 404): the page asked for a file that is not "
                              "in the project; check the path the plugin uses", url=url, not_found=True)

    def _refused(self, url: str, why: str) -> None:
        info = {"url": url, "message": f"refused {url}: {why}", "refused": True}
        self.log.add(NETWORK, info["message"], url=url, refused=True)
        self.sig_blocked.emit(info)


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
