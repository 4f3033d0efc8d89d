"""The XCALLY plugin process settings the window keeps per project (section `xcallyProcess` of the settings file)."""

from __future__ import annotations

from typing import Any

from workbench.core import project_settings

SECTION = "xcallyProcess"


def saved_process(root) -> dict[str, Any]:
    """{"env": {name: value}, "restartDelay": seconds} as saved; keys left out when never set or malformed."""
    saved = project_settings.section(root, SECTION)
    out: dict[str, Any] = {}
    env = saved.get("env")
    if isinstance(env, dict):
        out["env"] = {str(k): str(v) for k, v in env.items() if str(k).strip()}
    delay = saved.get("restartDelay")
    if isinstance(delay, (int, float)) and not isinstance(delay, bool) and 0 <= delay <= 3600:
        out["restartDelay"] = float(delay)
    return out


def window_setup(project) -> dict[str, Any]:
    """Scenario header keys the window's own sessions start with (headless runs read only the scenario)."""
    saved = saved_process(project.root)
    out: dict[str, Any] = {}
    if "env" in saved:
        out["env"] = saved["env"]
    if "restartDelay" in saved:
        out["restart_delay"] = saved["restartDelay"]
    return out


def save_process(root, env: dict[str, str], restart_delay_s: float | None) -> None:
    """Keep the plugin process's variables (XC_PLUGIN_RESTART included) and development restart delay."""
    value: dict[str, Any] = {"env": {str(k): str(v) for k, v in env.items()}}
    if restart_delay_s is not None:
        value["restartDelay"] = float(restart_delay_s)
    project_settings.save_section(root, SECTION, value)
