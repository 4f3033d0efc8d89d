"""The shapes App Zone gives a plugin manifest, once: the plugin types, the two sides (admin, agent), and who sees the
plugin in Motion's sidebar for each `sidebar` value (validation, the models, the run time, the panel and the frame
page all read these). Plain Python, no pydantic: `workbench validate` reads these without loading the models; the
required keys are the model's own (models.py)."""

from __future__ import annotations

PLUGIN_TYPES = ("script", "html")
ROLES = ("admin", "agent")
# `sidebar` value -> the roles that see the plugin in the sidebar.
SIDEBAR_AUDIENCE: dict[str, tuple[str, ...]] = {"always": ROLES, "adminOnly": ("admin",), "agentOnly": ("agent",),
                                                "never": ()}
SIDEBAR_VALUES = tuple(SIDEBAR_AUDIENCE)
DEFAULT_SIDEBAR = "always"  # what App Zone takes when the manifest says nothing
DEFAULT_ICON = "icon-apps"  # Motion's apps icon: the only icon name the documentation confirms


def only_side(sidebar: str) -> str | None:
    """The one role a `sidebar` value shows the plugin to ('agent' for agentOnly), None when not exactly one."""
    audience = SIDEBAR_AUDIENCE.get(sidebar, ())
    return audience[0] if len(audience) == 1 else None
