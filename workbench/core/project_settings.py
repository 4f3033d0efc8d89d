"""Per-project workbench settings (network allow-list, each host's own section), kept in
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
    """The hosts the project's plugins may reach from the preview: those the window saved, then workbench.toml's."""
    from workbench.core.config import load_config

    saved = _saved_hosts(root)
    return saved + [h for h in load_config(root).allow_hosts if h not in saved]


def _saved_hosts(root: str | Path) -> list[str]:
    hosts = load_settings(root).get(ALLOWED_HOSTS, [])
    return [normalize_host(h) for h in hosts if isinstance(h, str) and normalize_host(h)] \
        if isinstance(hosts, list) else []


def allow_host(root: str | Path, host_or_url: str) -> list[str]:
    """Add a host to the allow-list (persisted); returns the new list."""
    host = normalize_host(host_or_url)
    if not host:
        raise ValueError(f"{host_or_url!r} names no host")
    settings = load_settings(root)
    hosts = _saved_hosts(root)
    if host not in hosts:
        hosts.append(host)
    settings[ALLOWED_HOSTS] = sorted(hosts)
    save_settings(root, settings)
    return settings[ALLOWED_HOSTS]


def disallow_host(root: str | Path, host_or_url: str) -> list[str]:
    """Remove a host from the allow-list (persisted); returns the new list."""
    host = normalize_host(host_or_url)
    settings = load_settings(root)
    settings[ALLOWED_HOSTS] = [h for h in _saved_hosts(root) if h != host]
    save_settings(root, settings)
    return settings[ALLOWED_HOSTS]


def section(root: str | Path, name: str) -> dict[str, Any]:
    """A host's own settings saved from the window under `name` ({} when none, or malformed)."""
    saved = load_settings(root).get(name)
    return dict(saved) if isinstance(saved, dict) else {}


def save_section(root: str | Path, name: str, value: dict[str, Any]) -> None:
    """Keep a host's own settings under `name` (written only when they changed)."""
    settings = load_settings(root)
    if settings.get(name) != value:
        settings[name] = value
        save_settings(root, settings)
