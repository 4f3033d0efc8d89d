"""Network lockdown: only the workbench scheme (and data:/blob:) is reachable; other hosts must be allowed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from workbench.sandbox.scheme import SCHEME

ALWAYS_ALLOWED_SCHEMES = frozenset({SCHEME, "data", "blob", "about"})

# How the host's Content Security Policy would name the directive a request falls under.
_DIRECTIVES = {
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeScript: "script-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeStylesheet: "style-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage: "img-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeFontResource: "font-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeSubFrame: "frame-src",
    QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMedia: "media-src",
}


def csp_message(url: str, directive: str) -> str:
    """The violation text, worded like the browser's CSP report the host's troubleshooting refers to."""
    return (f"Refused to connect to '{url}' because it violates the following Content Security Policy directive: "
            f"\"{directive} 'self' {SCHEME}:\" (the workbench blocks outbound network; allow the host to let it "
            f"through)")


class NetworkLockdown(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is neither the project scheme nor an allowed host, and reports it."""

    def __init__(self, parent: QObject | None = None, on_blocked: Callable[[dict], None] | None = None,
                 allowed_hosts: list[str] | None = None):
        super().__init__(parent)
        self.allowed_hosts: set[str] = {h.lower() for h in (allowed_hosts or [])}
        self.on_blocked = on_blocked or (lambda info: None)

    def allow_host(self, host: str) -> None:
        self.allowed_hosts.add(host.lower())

    def is_allowed(self, scheme: str, host: str) -> bool:
        return scheme in ALWAYS_ALLOWED_SCHEMES or (scheme in ("http", "https", "ws", "wss")
                                                    and host.lower() in self.allowed_hosts)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt override)
        try:
            self._intercept(info)
        except Exception:  # an exception escaping a Qt override crashes the renderer: block instead
            info.block(True)

    def _intercept(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if self.is_allowed(url.scheme(), url.host()):
            return
        info.block(True)
        directive = _DIRECTIVES.get(info.resourceType(), "connect-src")
        text = url.toString()
        self.on_blocked({"url": text, "host": url.host(), "scheme": url.scheme(), "directive": directive,
                         "method": bytes(info.requestMethod().data()).decode(errors="replace"),
                         "page": info.firstPartyUrl().toString(), "message": csp_message(text, directive)})
