"""Network lockdown: only the workbench scheme (and data:/blob:) is reachable; other hosts must be allowed.

Three layers, so that no web API reaches the network unless the user allowed the host:
- this request interceptor blocks and reports page requests (fetch, XHR, WebSocket, EventSource, beacons, images,
  styles, fonts, scripts, frames, workers);
- a Content-Security-Policy `connect-src` on every response the workbench serves makes the browser refuse
  WebTransport and the other connect-class APIs itself (its console line is logged as a violation);
- the egress proxy (egress.py) carries every connection the engine makes, WebRTC's TURN included, and resolves no
  name it was not allowed to; WebRTC never sends UDP.

An allowed entry is a host (`api.example.com`: any port) or a host and port (`127.0.0.1:9006`), exactly: no
sub-domains, no other ports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from workbench.sandbox.scheme import SCHEME

ALWAYS_ALLOWED_SCHEMES = frozenset({SCHEME, "data", "blob", "about"})
NETWORK_SCHEMES = ("http", "https", "ws", "wss")
_DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}

# How the host's Content Security Policy would name the directive a request falls under.
_DIRECTIVES = {
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeScript: "script-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeStylesheet: "style-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage: "img-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeFontResource: "font-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeSubFrame: "frame-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMedia: "media-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeWorker: "worker-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeSharedWorker: "worker-src",
}
_CSP_REFUSAL = re.compile(r"^Refused to (?:connect to|load|frame|create a worker from) '([^']*)' because it violates "
                          r"the following Content Security Policy directive: \"([a-z-]+)")


def csp_message(url: str, directive: str) -> str:
    """The violation text, worded like the browser's CSP report the host's troubleshooting refers to."""
    return (f"Refused to connect to '{url}' because it violates the following Content Security Policy directive: "
            f"\"{directive} 'self' {SCHEME}:\" (the workbench blocks outbound network; allow the host to let it "
            f"through)")


def csp_refusal(console_line: str) -> tuple[str, str] | None:
    """(url, directive) when a console line is the browser's own CSP refusal."""
    m = _CSP_REFUSAL.match(console_line)
    return (m.group(1), m.group(2)) if m else None


def normalize_entry(entry: str) -> str:
    """'Host' or 'host:port' in lower case, without scheme, path or brackets."""
    entry = entry.strip().lower()
    entry = re.sub(r"^[a-z][a-z0-9+.-]*://", "", entry).split("/", 1)[0]
    return entry.replace("[", "").replace("]", "")


def connect_sources(entries: Iterable[str]) -> str:
    """The CSP `connect-src` value that lets the page reach exactly the allowed entries."""
    sources = ["'self'", f"{SCHEME}:", "data:", "blob:"]
    for entry in sorted(entries):
        host = f"[{entry}]" if entry.count(":") > 1 else entry
        sources += [f"{scheme}://{host}" for scheme in NETWORK_SCHEMES]
    return "connect-src " + " ".join(sources)


class NetworkLockdown(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is neither the project scheme nor an allowed host, and reports it."""

    def __init__(self, parent: QObject | None = None, on_blocked: Callable[[dict], None] | None = None,
                 allowed_hosts: Iterable[str] | None = None):
        super().__init__(parent)
        self.allowed: set[str] = {normalize_entry(h) for h in (allowed_hosts or []) if h.strip()}
        self.on_blocked = on_blocked or (lambda info: None)

    def allow_host(self, entry: str) -> str:
        entry = normalize_entry(entry)
        if entry:
            self.allowed.add(entry)
        return entry

    def is_allowed(self, scheme: str, host: str, port: int = -1) -> bool:
        if scheme in ALWAYS_ALLOWED_SCHEMES:
            return True
        if scheme not in NETWORK_SCHEMES:
            return False
        host = host.lower()
        port = port if port > 0 else _DEFAULT_PORTS.get(scheme, -1)
        return host in self.allowed or f"{host}:{port}" in self.allowed

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt override)
        try:
            self._intercept(info)
        except Exception:  # an exception escaping a Qt override crashes the renderer: block instead
            info.block(True)

    def _intercept(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if self.is_allowed(url.scheme(), url.host(), url.port()):
            return
        info.block(True)
        directive = _DIRECTIVES.get(info.resourceType(), "connect-src")
        text = url.toString()
        self.on_blocked({"url": text, "host": url.host(), "scheme": url.scheme(), "directive": directive,
                         "method": bytes(info.requestMethod().data()).decode(errors="replace"),
                         "page": info.firstPartyUrl().toString(), "message": csp_message(text, directive)})
