"""Which page the App Zone frame shows for each role, who sees the plugin in the sidebar, and probing its server."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from workbench.targets.xcally.shapes import DEFAULT_ICON, DEFAULT_SIDEBAR, ROLES, SIDEBAR_AUDIENCE

LOOPBACK = "127.0.0.1"


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


def probe_http(url: str, status: int = 200, text: str | None = None) -> tuple[bool, str]:
    """GET url from the plugin's server: (True, "") when it answers status (with text in its body), else what it did."""
    try:
        with urllib.request.urlopen(url, timeout=1.0) as reply:
            code, body = reply.status, reply.read(200_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        code, body = exc.code, ""
    except OSError as exc:
        return False, f"GET {url} failed: {exc}"
    if code != status:
        return False, f"GET {url} answered {code}, expected {status}"
    if text is not None and str(text) not in body:
        return False, f"GET {url} answered {code} without {text!r} in its body"
    return True, ""
