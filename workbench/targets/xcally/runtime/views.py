"""Which page the App Zone frame shows for each role, who sees the plugin in the sidebar, and probing its server."""

from __future__ import annotations

import socket
import time
from typing import Any
from urllib.parse import urlsplit

from workbench.targets.xcally.shapes import DEFAULT_ICON, DEFAULT_SIDEBAR, ROLES, SIDEBAR_AUDIENCE

LOOPBACK = "127.0.0.1"
PROBE_S = 5.0  # a plugin's server answers a check within this, or the check fails
PROBE_BYTES = 200_000  # of its answer read


def _is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def view_urls(manifest: dict[str, Any], port: int | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """(URL per role, why a role has no view): local files through the project scheme, URLs as they are,
    a script plugin without views shows what its server serves once it listens."""
    params = manifest.get("parameters") or {}
    views = params.get("views") if isinstance(params.get("views"), dict) else {}
    urls: dict[str, str] = {}
    empty: dict[str, str] = {}
    for role in ROLES:
        ref = views.get(role)
        if isinstance(ref, str) and ref.strip():
            ref = ref.strip()
            urls[role] = ref if _is_url(ref) else "plugin/" + ref.lstrip("./")
        elif manifest.get("type") == "script":
            if port:
                urls[role] = f"http://{LOOPBACK}:{port}/"
            else:
                empty[role] = "The plugin's process is not listening yet: start it to see what it serves."
        else:
            empty[role] = f"No {role} view: the manifest has no parameters.views.{role}"
    return urls, empty


def sidebar_audience(manifest: dict[str, Any]) -> list[str]:
    """Who sees the plugin in Motion's sidebar for the manifest's `sidebar` value (default always)."""
    return list(SIDEBAR_AUDIENCE.get(str(manifest.get("sidebar") or DEFAULT_SIDEBAR), SIDEBAR_AUDIENCE[DEFAULT_SIDEBAR]))


def frame_config(manifest: dict[str, Any], role: str | None = None) -> dict[str, Any]:
    """What the frame page starts with (config.json)."""
    urls, empty = view_urls(manifest)
    return {"name": manifest.get("name") or "plugin", "pluginType": manifest.get("type"),
            "sidebar": manifest.get("sidebar") or DEFAULT_SIDEBAR, "icon": manifest.get("icon") or DEFAULT_ICON,
            "seenBy": sidebar_audience(manifest), "views": urls, "emptyMessage": empty, "role": role}


def probe_http(url: str, status: int = 200, text: str | None = None,
               deadline_s: float = PROBE_S) -> tuple[bool, str]:
    """GET url from the plugin's server: (True, "") when it answers status (with text in its body), else what it did.

    The whole answer must come within deadline_s: a server that trickles its answer a byte at a time (which a
    per-read timeout never ends) gets a failed check, not a step that waits for hours."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    end = time.monotonic() + deadline_s
    data = b""
    try:
        with socket.create_connection((parts.hostname or LOOPBACK, parts.port or 80), timeout=deadline_s) as sock:
            sock.sendall(f"GET {target} HTTP/1.0\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
            while len(data) < PROBE_BYTES:
                left = end - time.monotonic()
                if left <= 0:
                    return False, f"GET {url}: no complete answer within {deadline_s:g} s"
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
    except TimeoutError:
        return False, f"GET {url}: no complete answer within {deadline_s:g} s"
    except OSError as exc:
        return False, f"GET {url} failed: {exc}"
    head, _, body = data.partition(b"\r\n\r\n")
    first = head.split(b"\r\n", 1)[0].split()
    if len(first) < 2 or not first[0].startswith(b"HTTP/") or not first[1].isdigit():
        return False, f"GET {url} answered something that is not HTTP"
    code = int(first[1])
    if code != status:
        return False, f"GET {url} answered {code}, expected {status}"
    if b"transfer-encoding: chunked" in head.lower():
        body = _unchunked(body)
    if text is not None and str(text) not in body.decode("utf-8", "replace"):
        return False, f"GET {url} answered {code} without {text!r} in its body"
    return True, ""


def _unchunked(body: bytes) -> bytes:
    """The body of a chunked answer (a server answering HTTP/1.0 with chunks anyway)."""
    out, at = b"", 0
    while True:
        line_end = body.find(b"\r\n", at)
        try:
            size = int(body[at:line_end].split(b";")[0], 16) if line_end >= 0 else 0
        except ValueError:
            return out
        if size <= 0:
            return out
        out += body[line_end + 2:line_end + 2 + size]
        at = line_end + 2 + size + 2
