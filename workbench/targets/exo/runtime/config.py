"""What the eXo host page starts with: the add-on's providers (from its sources), its modules as eXo's AMD loader
sees them, and the simulated people and places."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.core.project import Project
from workbench.targets.exo.connector import reads_active

DEFAULT_USER = "john"
DEFAULT_USERS = [
    {"id": "john", "firstName": "John", "lastName": "Smith"},
    {"id": "mary", "firstName": "Mary", "lastName": "Williams"},
    {"id": "james", "firstName": "James", "lastName": "Davis"},
]
DEFAULT_SPACES = [{"id": "product_team", "title": "Product Team", "members": ["john", "mary", "james"]}]
DEFAULT_ROOMS = [{"id": "team-b6c2", "title": "Support chat", "name": "team-b6c2", "members": ["john", "mary"]}]
CORE_MESSAGES = {"webconferencing.ok": "OK", "webconferencing.cancel": "Cancel",
                 "webconferencing.errorReference": "Error reference:", "webconferencing.notConfigured": "not configured"}


class ConnectorNotFound(Exception):
    """The project has no provider configuration or no JS module: the message says what is missing."""


def connector_facts(project: Project) -> dict[str, Any]:
    """The add-on's providers, webapp and modules, read from the sources."""
    from workbench.targets.exo.modules import module_graph
    from workbench.targets.exo.providers import read_add_on

    files = project.files()
    add_on = read_add_on(project, files)
    if add_on is None or not add_on.providers:
        raise ConnectorNotFound("no provider configuration found: add WEB-INF/conf/<folder>/configuration.xml with "
                                "an add.callprovider component-plugin")
    if not any(p.module_file for p in add_on.providers):
        raise ConnectorNotFound("no connector JS module found: declare it in WEB-INF/gatein-resources.xml "
                                "(a <module> with <script><path>/js/webconferencing-<type>.js</path>)")
    layout = add_on.layout
    modules = module_graph(files, layout, add_on.war)
    return {"war": add_on.war, "providers": add_on.providers, "modules": modules,
            "webapp_root": Path(project.root) / layout.webapp_root, "webapp_rel": layout.webapp_root,
            "layout": layout}


def apply_overrides(provider, overrides: dict[str, Any]) -> dict[str, Any]:
    """The provider's settings with the scenario's or the panel's values over them (a value may be JSON)."""
    settings = dict(provider.settings)
    for name, value in overrides.items():
        settings[str(name)] = value
    return settings


def overrides_for(header: dict[str, Any], type_: str, preview: str) -> dict[str, Any]:
    """`settings: {name: value}` applies to the previewed provider; `settings: {<type>: {...}}` to that one."""
    given = header.get("settings") or {}
    if not isinstance(given, dict):
        return {}
    nested = given.get(type_)
    if isinstance(nested, dict):
        return dict(nested)
    flat = {k: v for k, v in given.items() if not isinstance(v, dict) or k not in _types(header)}
    return flat if type_ == preview else {}


def _types(header: dict[str, Any]) -> set[str]:
    return set(header.get("__types__", []))


def page_config(facts: dict[str, Any], extra: dict[str, Any], host: dict[str, Any]) -> dict[str, Any]:
    """The JSON the page reads at start (config.json)."""
    providers = facts["providers"]
    types = [p.type for p in providers]
    preview = extra.get("provider") if extra.get("provider") in types else types[0]
    header = dict(extra, __types__=types)
    listed = []
    for p in providers:
        settings = apply_overrides(p, overrides_for(header, p.type, preview))
        listed.append({"type": p.type, "title": p.title, "module": p.module_name, "settings": settings,
                       "active": reads_active(settings["active"]) if isinstance(settings.get("active"), str)
                       else bool(settings.get("active", p.active))})
    current = next(p for p in listed if p["type"] == preview)
    me = extra.get("user", DEFAULT_USER)
    users = [dict(u) for u in (extra.get("users") or DEFAULT_USERS)]
    if isinstance(me, dict):
        users.append(dict(me))
        me = me["id"]
    webapp_root: Path = facts["webapp_root"]
    styles = [f"/{facts['war']}/{p.relative_to(webapp_root).as_posix()}"
              for p in sorted((webapp_root / "skin").glob("*.css"))] if (webapp_root / "skin").is_dir() else []
    return {
        "providers": listed, "preview": preview, "modules": facts["modules"],
        "type": preview, "title": current["title"], "settings": current["settings"],
        "contextInfo": context_info(listed, None),
        "styles": styles, "user": me, "users": users, "spaces": extra.get("spaces", DEFAULT_SPACES),
        "rooms": extra.get("rooms", DEFAULT_ROOMS), "statuses": extra.get("statuses", {}),
        "defaultIm": host.get("default_im", True), "context": extra.get("context"),
    }


def context_info(providers: list[dict[str, Any]], space_id: str | None) -> dict[str, Any]:
    """The ContextInfo the core's portlet (and a call servlet) gives init(user, context)."""
    return {"containerName": "portal", "spaceId": space_id, "roomTitle": None, "cometdPath": "/cometd/cometd",
            "cometdToken": "workbench", "messages": dict(CORE_MESSAGES),
            "providersConfig": [{"type": p["type"], "title": p["title"], "active": p["active"], "logEnabled": False,
                                 "supportedTypes": p["settings"].get("supportedTypes") or [p["type"]]}
                                for p in providers]}


def user_info(config: dict[str, Any]) -> dict[str, Any]:
    """The current user's UserInfo JSON, as a call servlet passes it to its page."""
    me = config.get("user")
    user = next((dict(u) for u in config.get("users", []) if isinstance(u, dict) and u.get("id") == me), {"id": me})
    user.setdefault("firstName", str(me)[:1].upper() + str(me)[1:])
    user.setdefault("lastName", "")
    user.setdefault("type", "user")
    if "imAccounts" not in user and config.get("defaultIm", True):
        user["imAccounts"] = {p["type"]: [{"id": f"{me}@{p['type']}", "type": p["type"]}] for p in config["providers"]}
    user.setdefault("imAccounts", {})
    return user


def as_json(value: Any) -> bytes:
    return json.dumps(value).encode()
