"""Per-project workbench settings (network allow-list, XCALLY plugin process...), kept in
`<project>/.workbench/project.json`.

Unknown keys are preserved, so a newer workbench's settings survive an older one. Writes are atomic.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workbench.core.atomic import atomic_write
from workbench.core.safeio import MANIFEST_LIMIT, read_regular

SETTINGS_DIR = ".workbench"
SETTINGS_FILE = "project.json"
ALLOWED_HOSTS = "allowedHosts"
XCALLY_PROCESS = "xcallyProcess"


def settings_path(root: str | Path) -> Path:
    """Where a project's settings live."""
    return Path(root) / SETTINGS_DIR / SETTINGS_FILE


def load_settings(root: str | Path) -> dict[str, Any]:
    """The project's settings; {} when the file is missing or unreadable (never raises)."""
    try:
        value = json.loads(read_regular(settings_path(root), MANIFEST_LIMIT).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested too deeply
        return {}
    return value if isinstance(value, dict) else {}


def save_settings(root: str | Path, settings: dict[str, Any]) -> None:
    """Write the settings atomically (sorted keys, so the file diffs well)."""
    text = json.dumps(settings, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    atomic_write(settings_path(root), text.encode("utf-8"))


def normalize_host(host_or_url: str) -> str:
    """'https://API.example.com:443/x' -> 'api.example.com'; a bare host is lower-cased."""
    text = str(host_or_url).strip()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    return text.split("/")[0].split(":")[0].lower()


def allowed_hosts(root: str | Path) -> list[str]:
    """The hosts the project's plugins may reach from the preview."""
    hosts = load_settings(root).get(ALLOWED_HOSTS, [])
    return [normalize_host(h) for h in hosts if isinstance(h, str) and normalize_host(h)] \
        if isinstance(hosts, list) else []


def allow_host(root: str | Path, host_or_url: str) -> list[str]:
    """Add a host to the allow-list (persisted); returns the new list."""
    host = normalize_host(host_or_url)
    if not host:
        raise ValueError(f"{host_or_url!r} names no host")
    settings = load_settings(root)
    hosts = allowed_hosts(root)
    if host not in hosts:
        hosts.append(host)
    settings[ALLOWED_HOSTS] = sorted(hosts)
    save_settings(root, settings)
    return settings[ALLOWED_HOSTS]


def disallow_host(root: str | Path, host_or_url: str) -> list[str]:
    """Remove a host from the allow-list (persisted); returns the new list."""
    host = normalize_host(host_or_url)
    settings = load_settings(root)
    settings[ALLOWED_HOSTS] = [h for h in allowed_hosts(root) if h != host]
    save_settings(root, settings)
    return settings[ALLOWED_HOSTS]


def xcally_process(root: str | Path) -> dict[str, Any]:
    """The XCALLY plugin process settings saved from the window: {"env": {name: value}, "restartDelay": seconds};
    keys are left out when never set, and malformed values are dropped."""
    saved = load_settings(root).get(XCALLY_PROCESS)
    if not isinstance(saved, dict):
        return {}
    out: dict[str, Any] = {}
    env = saved.get("env")
    if isinstance(env, dict):
        out["env"] = {str(k): str(v) for k, v in env.items() if str(k).strip()}
    delay = saved.get("restartDelay")
    if isinstance(delay, (int, float)) and not isinstance(delay, bool) and delay >= 0:
        out["restartDelay"] = float(delay)
    return out


def window_session_defaults(root: str | Path) -> dict[str, Any]:
    """Host settings the window saved for this project, as scenario header keys for the window's own sessions.
    Headless runs (`workbench test`) never read them: a scenario file alone decides how it runs."""
    saved = xcally_process(root)
    out: dict[str, Any] = {}
    if "env" in saved:
        out["env"] = saved["env"]
    if "restartDelay" in saved:
        out["restart_delay"] = saved["restartDelay"]
    return out


def save_xcally_process(root: str | Path, env: dict[str, str], restart_delay_s: float | None) -> None:
    """Keep the plugin process's variables (XC_PLUGIN_RESTART included) and development restart delay (persisted)."""
    settings = load_settings(root)
    value: dict[str, Any] = {"env": {str(k): str(v) for k, v in env.items()}}
    if restart_delay_s is not None:
        value["restartDelay"] = float(restart_delay_s)
    if settings.get(XCALLY_PROCESS) != value:
        settings[XCALLY_PROCESS] = value
        save_settings(root, settings)
