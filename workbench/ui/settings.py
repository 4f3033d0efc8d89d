"""Persistent settings (QSettings): window layout, recent projects, preferences.

Set WORKBENCH_SETTINGS to an .ini path to isolate them (tests do).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 10


def app_settings() -> QSettings:
    """The workbench's settings store."""
    path = os.environ.get("WORKBENCH_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("PluginWorkbench", "workbench")


def recent_projects() -> list[str]:
    """Recently opened project folders that still exist, newest first."""
    value = app_settings().value("recent/projects", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if Path(p).is_dir()]


def add_recent_project(path: str | Path) -> None:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_projects() if p != path]
    settings = app_settings()
    settings.setValue("recent/projects", items[:MAX_RECENT])
    settings.sync()
