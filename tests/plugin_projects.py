"""Tiny plugin projects written by tests (a plugin's JavaScript and the files around it)."""

from __future__ import annotations

import json
from pathlib import Path


def pexip_plugin(root: Path, js: str, *, plugin_id: str = "probe-1.0", location: str = "toolbar",
                 items: list[dict] | None = None, scenarios: dict[str, str] | None = None) -> Path:
    """A Pexip branding package with one plugin whose source is `js`; returns the project root."""
    name = plugin_id.split("-")[0]
    content = root / "webapp2"
    folder = content / "plugins" / name
    folder.mkdir(parents=True)
    (content / "settings.json").write_text(json.dumps(
        {"plugins": [{"id": plugin_id, "srcURL": f"plugins/{name}/{name}.plugin.package.json", "enabled": True}]}))
    (content / "manifest.json").write_text(json.dumps({"brandingID": "1", "isSettingsBranded": True}))
    package = {"id": plugin_id, "name": name, "description": "test plugin", "version": 1.0,
               "srcURL": f"{name}.plugin.js", "allowUnload": True, "platforms": ["web"],
               "participantRoles": ["chair", "guest"],
               "menuItems": {location: items if items is not None else [{"label": "Go", "action": "go"}]}}
    (folder / f"{name}.plugin.package.json").write_text(json.dumps(package))
    (folder / f"{name}.plugin.js").write_text(js)
    for file, text in (scenarios or {}).items():
        (root / "scenarios").mkdir(exist_ok=True)
        (root / "scenarios" / file).write_text(text)
    return root


def registering(body: str, plugin_id: str = "probe-1.0") -> str:
    """Plugin source that registers `plugin_id` with a `go` action and runs body inside load()."""
    return ("(function () {\n  PEX.pluginAPI.registerPlugin({id: " + json.dumps(plugin_id) +
            ", load: function () {\n" + body + "\n  }, unload: function () {}, go: function () {}});\n})();\n")
