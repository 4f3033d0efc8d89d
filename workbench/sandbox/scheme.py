"""The `workbench:` URL scheme: serves the host page and the project's files, and nothing else.

`register_scheme()` must run before the QApplication is created (Chromium fixes its schemes at start-up);
`workbench test`, the window and the test suite's conftest call it.
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice, QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler

from workbench.core.safeio import UnsafeFile, check_path, read_regular, tool_part

SCHEME = "workbench"
MIME = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".css": "text/css",
        ".svg": "image/svg+xml", ".html": "text/html", ".htm": "text/html", ".png": "image/png",
        ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".woff2": "font/woff2",
        ".woff": "font/woff", ".ttf": "font/ttf", ".txt": "text/plain", ".xml": "application/xml",
        ".jsp": "text/html", ".ico": "image/x-icon", ".webp": "image/webp", ".mp3": "audio/mpeg"}
SERVE_LIMIT = 256 * 1024 * 1024  # no plugin asset is larger; a bigger file is refused, never read into memory


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
    """URL path prefix `prefix` (on host `host`) served from `directory`, and only from it; the directory itself
    must lie inside `confine` (the project), so a package folder that is a link elsewhere serves nothing."""

    host: str
    prefix: str  # '' or 'custom_configuration/' (with the trailing slash)
    directory: Path
    confine: Path


# Percent-encoded '/', '\\' and NUL: a name never needs them, a path trick always does.
_ENCODED_SEPARATORS = re.compile(r"%(2f|5c|00)", re.IGNORECASE)


def _path_problem(raw_path: str) -> tuple[list[str] | None, str]:
    """The decoded segments of a URL path, or None and why it is refused."""
    if _ENCODED_SEPARATORS.search(raw_path):
        return None, "the path hides a separator or NUL in an escape (%2F, %5C, %00)"
    path = unquote(raw_path)
    if "\\" in path or "\0" in path:
        return None, "the path holds a backslash or a NUL"
    parts = path.removeprefix("/").split("/")
    if any(p in ("..", ".") for p in parts):
        return None, "the path leaves the project ('..')"
    if any(p == "" for p in parts[:-1]):  # 'a//b' or '//abs': an empty segment would join as an absolute path
        return None, "the path has an empty segment ('//'), as an absolute path would"
    if (tool := tool_part(parts)) is not None:
        return None, f"{tool}/ is a version-control or tool folder: never served"
    return parts, ""


class FileSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers workbench://<host>/<path> from mounted folders and virtual files; refuses anything outside them."""

    def __init__(self, parent: QObject | None = None, on_refused: Callable[[str, str], None] | None = None,
                 on_missing: Callable[[str], None] | None = None):
        super().__init__(parent)
        self.mounts: list[Mount] = []
        self.virtual: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.on_refused = on_refused or (lambda url, why: None)
        # A file the page asks for that is not there: the browser's console shows the 404, so the log says it.
        self.on_missing = on_missing or (lambda url: None)
        self.served: list[str] = []  # every path served, for tests and the log
        self.headers_for: Callable[[str], dict[bytes, bytes]] | None = None  # extra response headers (the CSP)
        self.overlay: dict[Path, bytes] = {}  # resolved file -> unsaved content served instead of the disk's

    def mount(self, host: str, prefix: str, directory: Path, confine: Path | None = None) -> None:
        """Serve directory (and nothing outside it) at prefix; `confine` is where the directory itself must lie."""
        directory = Path(os.path.realpath(directory))
        self.mounts.append(Mount(host, prefix, directory, Path(os.path.realpath(confine or directory))))
        # Longest prefix first, so custom_configuration/ wins over the page's own folder.
        self.mounts.sort(key=lambda m: len(m.prefix), reverse=True)

    def add_virtual(self, host: str, path: str, data: bytes, mime: str) -> None:
        self.virtual[(host, path.lstrip("/"))] = (data, mime)

    def resolve(self, host: str, raw_path: str) -> tuple[Path | None, str]:
        """The file a (percent-encoded) URL path names, or None and why not ('' when it simply does not exist)."""
        parts, why = _path_problem(raw_path)
        if parts is None:
            return None, why
        path = "/".join(parts)
        for m in self.mounts:
            if m.host != host or not path.startswith(m.prefix):
                continue
            if not m.directory.is_relative_to(m.confine):
                return None, f"the served folder resolves to {m.directory}, outside the project (a symbolic link?)"
            rel = path[len(m.prefix):] or "index.html"
            candidate = m.directory / rel
            problem = check_path(candidate, m.directory, where="the project's package folder")
            if problem is not None:
                return None, f"{rel} {problem.message}"
            if not candidate.is_file():
                return None, ""
            return Path(os.path.realpath(candidate)), ""
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
                if not key[1].endswith("favicon.ico"):  # asked by the browser itself, never by a plugin
                    self.on_missing(url.toString())
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return None
        try:
            data = self.overlay.get(target)  # the user's unsaved edits, when the session shows them
            if data is None:
                # opened without following links and checked again as opened: a file swapped since resolve() is
                # refused
                data = read_regular(target, SERVE_LIMIT, confine=target.parent)
        except UnsafeFile as exc:
            self.on_refused(url.toString(), str(exc.problem.message))
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return None
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
