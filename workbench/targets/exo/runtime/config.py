"""What the eXo host page starts with: the connector (from its sources) and the simulated people and places."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.project import Project

DEFAULT_USER = "john"
DEFAULT_USERS = [
    {"id": "john", "firstName": "John", "lastName": "Smith"},
    {"id": "mary", "firstName": "Mary", "lastName": "Williams"},
    {"id": "james", "firstName": "James", "lastName": "Davis"},
]
DEFAULT_SPACES = [{"id": "product_team", "title": "Product Team", "members": ["john", "mary", "james"]}]
DEFAULT_ROOMS = [{"id": "team-b6c2", "title": "Support chat", "name": "team-b6c2", "members": ["john", "mary"]}]


class ConnectorNotFound(Exception):
    """The project has no provider configuration or no JS module: the message says what is missing."""


def js_settings(type_: str, title: str, properties: dict[str, str]) -> dict[str, Any]:
    """The settings object the provider's getSettings() hands to configure(settings), as the template builds it."""
    settings: dict[str, Any] = dict(properties)
    prefix = f"{type_}-"
    for name, value in properties.items():
        if name.startswith(prefix):  # 'acme-clientId' is read as clientId by the provider class
            settings.setdefault(name[len(prefix):], value)
    if "clientId" in settings:
        settings.setdefault("apiClientId", settings["clientId"])
    settings.update({"type": type_, "supportedTypes": [type_], "title": title, "url": f"/{type_}"})
    if "active" in settings:
        settings["active"] = str(settings["active"]).strip().lower() != "false"
    return settings


def connector_facts(project: Project) -> dict[str, Any]:
    """type, title, module (URL path), webapp root (absolute), settings and call page of the project's connector."""
    from workbench.targets.exo.connector import read_connector

    info = read_connector(project)
    if not info.config_xml:
        raise ConnectorNotFound("no provider configuration found: add WEB-INF/conf/<type>/configuration.xml with "
                                "an add.callprovider component-plugin")
    if not info.js_module or not info.webapp_root:
        raise ConnectorNotFound("no connector JS module found: declare it in WEB-INF/gatein-resources.xml "
                                "(a <module> with <script><path>/js/webconferencing-<type>.js</path>)")
    type_ = info.type or "connector"
    title = info.title or type_.capitalize()
    module_rel = info.js_module[len(info.webapp_root):].lstrip("/")
    return {
        "type": type_, "title": title, "module": f"/{type_}/{module_rel}", "module_file": info.js_module,
        "webapp_root": Path(project.root) / info.webapp_root, "webapp_rel": info.webapp_root,
        "properties": dict(info.settings), "raw_properties": dict(info.raw_settings), "config_xml": info.config_xml, "call_page": info.call_page,
    }


def page_config(facts: dict[str, Any], extra: dict[str, Any], host: dict[str, Any]) -> dict[str, Any]:
    """The JSON the page reads at start (config.json): connector, settings, users, spaces, rooms."""
    type_ = facts["type"]
    properties = dict(facts["properties"])
    properties.update({k: str(v) for k, v in (extra.get("settings") or {}).items()})
    settings = js_settings(type_, facts["title"], properties)
    me = extra.get("user", DEFAULT_USER)
    users = [dict(u) for u in (extra.get("users") or DEFAULT_USERS)]
    if isinstance(me, dict):
        users.append(dict(me))
        me = me["id"]
    styles = [f"/{type_}/{p.relative_to(facts['webapp_root']).as_posix()}"
              for p in sorted((facts["webapp_root"] / "skin").glob("*.css"))] \
        if (facts["webapp_root"] / "skin").is_dir() else []
    return {
        "type": type_, "title": facts["title"], "module": facts["module"], "settings": settings,
        "provider": {"active": settings.get("active", True)}, "styles": styles,
        "user": me, "users": users, "spaces": extra.get("spaces", DEFAULT_SPACES),
        "rooms": extra.get("rooms", DEFAULT_ROOMS), "statuses": extra.get("statuses", {}),
        "defaultIm": host.get("default_im", True), "context": extra.get("context"),
    }
