"""The shapes the web app gives a plugin package, once: its menu locations, platforms and participant roles, and how
the app reads a package value (validation, the models, the run time, the forms and the scenarios all use these).

Plain Python, no pydantic: `workbench validate` reads these without loading the models."""

from __future__ import annotations

from typing import Any

MENU_LOCATIONS = ("toolbar", "conference", "participants")
PLATFORMS = ("web", "electron", "ios", "android")
ROLES = ("chair", "guest")
# The real app connects after network round trips once its plugins are loaded (token request, event stream, media):
# a plugin whose load() awaits something first must still see `[Conference] Connect Success`.
CONNECT_DELAY_MS = 1000


def menu_items(value: dict) -> list[tuple[tuple, dict]]:
    """(path, item) of every menu item of a package value, in every location it names."""
    menu = value.get("menuItems")
    out = []
    for loc in MENU_LOCATIONS:
        items = menu.get(loc) if isinstance(menu, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                out.append((("menuItems", loc, i), item))
    return out


def shown_menu(value: dict) -> tuple[str | None, list[dict]]:
    """(location, items) the app shows: the first location holding a list; (None, []) for a listener."""
    menu = value.get("menuItems")
    for loc in MENU_LOCATIONS:
        items = menu.get(loc) if isinstance(menu, dict) else None
        if isinstance(items, list):
            return loc, [i for i in items if isinstance(i, dict)]
    return None, []


def offered_to(value: dict) -> tuple[list[str], list[str]]:
    """(platforms, participant roles) the package offers the plugin to; a missing list means all of them."""
    def listed(key: str, default: tuple[str, ...]) -> list[str]:
        given: Any = value.get(key)
        return [str(v) for v in given] if isinstance(given, list) else list(default)

    return listed("platforms", PLATFORMS), listed("participantRoles", ROLES)
