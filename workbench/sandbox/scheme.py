"""The `workbench:` URL scheme: serves the host page and the project's files, and nothing else.

`register_scheme()` must run before the QApplication is created (Chromium fixes its schemes at start-up);
`workbench test`, the window and the test suite's conftest call it.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

SCHEME = "workbench"
MIME = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".css": "text/css",
        ".svg": "image/svg+xml", ".html": "text/html", ".htm": "text/html", ".png": "image/png",
        ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".woff2": "font/woff2",
        ".woff": "font/woff", ".ttf": "font/ttf", ".txt": "text/plain", ".xml": "application/xml",
        ".jsp": "text/html", ".ico": "image/x-icon", ".webp": "image/webp", ".mp3": "audio/mpeg"}


def register_scheme() -> None:
    """Declare the scheme to Chromium (idempotent; must precede QApplication)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    flags = (QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.CorsEnabled
             | QWebEngineUrlScheme.Flag.FetchApiAllowed)
    scheme.setFlags(flags)
    QWebEngineUrlScheme.registerScheme(scheme)


def qt_resource(path: str) -> bytes | None:
    """A file from Qt's resources (e.g. ':/qtwebchannel/qwebchannel.js')."""
    f = QFile(path)
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    try:
        return bytes(f.readAll().data())
    finally:
        f.close()


@dataclass(frozen=True)
class Mount:
    """URL path prefix `prefix` (on host `host`) served from `directory`; files must stay inside `confine`."""

    host: str
    prefix: str  # '' or 'custom_configuration/' (with the trailing slash)
    directory: Path
    confine: Path


class FileSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers workbench://<host>/<path> from mounted folders and virtual files; refuses anything outside them."""

    def __init__(self, parent: QObject | None = None, on_refused: Callable[[str, str], None] | None = None):
        super().__init__(parent)
        self.mounts: list[Mount] = []
        self.virtual: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.on_refused = on_refused or (lambda url, why: None)
        self.served: list[str] = []  # every path served, for tests and the log
        self.headers_for: Callable[[str], dict[bytes, bytes]] | None = None  # extra response headers (the CSP)
        self.overlay: dict[Path, bytes] = {}  # resolved file -> unsaved content served instead of the disk's

    def mount(self, host: str, prefix: str, directory: Path, confine: Path | None = None) -> None:
        directory = Path(directory).resolve()
        self.mounts.append(Mount(host, prefix, directory, Path(confine or directory).resolve()))
        # Longest prefix first, so custom_configuration/ wins over the page's own folder.
        self.mounts.sort(key=lambda m: len(m.prefix), reverse=True)

    def add_virtual(self, host: str, path: str, data: bytes, mime: str) -> None:
        self.virtual[(host, path.lstrip("/"))] = (data, mime)

    def resolve(self, host: str, raw_path: str) -> tuple[Path | None, str]:
        """The file a URL path names, or None and why not."""
        path = unquote(raw_path).lstrip("/")
        parts = path.split("/")
        if any(p in ("..", ".") for p in parts) or "\\" in path or "\0" in path:
            return None, "the path leaves the project ('..')"
        for m in self.mounts:
            if m.host != host or not path.startswith(m.prefix):
                continue
            rel = path[len(m.prefix):] or "index.html"
            target = (m.directory / rel).resolve()
            if not target.is_relative_to(m.confine):
                return None, "the file resolves outside the project (a symbolic link?)"
            if not target.is_file():
                return None, ""
            return target, ""
        return None, ""

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        try:
            self._serve(job)
        except Exception:  # never let an exception escape into Qt
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)

    def _serve(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        host, path = url.host(), url.path(url.ComponentFormattingOption.FullyEncoded)
        key = (host, unquote(path).lstrip("/"))
        if key in self.virtual:
            data, mime = self.virtual[key]
            return self._reply(job, data, mime, self._headers(url.toString()))
        target, why = self.resolve(host, path)
        if target is None:
            if why:
                self.on_refused(url.toString(), why)
                job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            else:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return None
        try:
            data = self.overlay.get(target) or target.read_bytes()
        except OSError:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return None
        self.served.append(key[1])
        mime = MIME.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return self._reply(job, data, mime, self._headers(url.toString()))

    def _headers(self, url: str) -> dict[bytes, bytes]:
        return self.headers_for(url) if self.headers_for is not None else {}

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, data: bytes, mime: str, headers: dict[bytes, bytes] | None = None) -> None:
        if headers:
            job.setAdditionalResponseHeaders({QByteArray(k): [QByteArray(v)] for k, v in headers.items()})
        buffer = QBuffer(job)  # owned by the job: freed with it
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)
