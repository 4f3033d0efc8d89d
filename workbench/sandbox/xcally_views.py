"""Which page the App Zone frame shows for each role, and what its sidebar knows about the plugin."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

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
    for role in ("admin", "agent"):
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


def frame_config(manifest: dict[str, Any], role: str | None = None) -> dict[str, Any]:
    """What the frame page starts with (config.json)."""
    urls, empty = view_urls(manifest)
    return {"name": manifest.get("name") or "plugin", "pluginType": manifest.get("type"),
            "sidebar": manifest.get("sidebar") or "always", "icon": manifest.get("icon") or "icon-apps",
            "views": urls, "emptyMessage": empty, "role": role}
