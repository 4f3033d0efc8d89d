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


def xcally_script(root: Path, source: str, name: str = "Probe") -> Path:
    """An XCALLY script plugin whose app/index.js is `source`; returns the project root."""
    (root / "app").mkdir(parents=True)
    (root / "app" / "index.js").write_text(source)
    (root / "manifest.json").write_text(json.dumps({
        "name": name, "version": "1.0.0", "description": "d", "type": "script", "sidebar": "always",
        "parameters": {"scriptName": name.lower(), "scriptPath": "app/index.js"}}))
    return root


# The build of a TypeScript project in tests: plain Node, no npm packages (the real template's webpack build is
# exercised by the slow tests of the sample). It writes what webpack would: dist/plugins/<name>/{index.js, plugin.json}.
FAKE_BUNDLER = """const fs = require('fs');
const path = require('path');
const src = fs.readFileSync('src/index.ts', 'utf8');
const bad = src.split('\\n').findIndex((line) => line.includes('@ts-error'));
if (bad >= 0) {
  console.log(`[tsl] ERROR in ${path.resolve('src/index.ts')}(${bad + 1},5)`);
  console.log('      TS2304: Cannot find name \\'oops\\'.');
  process.exit(1);
}
const out = path.join('dist', 'plugins', process.env.PLUGIN_NAME || 'probe');
fs.mkdirSync(out, {recursive: true});
fs.writeFileSync(path.join(out, 'index.js'), '(() => {\\n' + src + '\\n})();\\n');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const plugin = JSON.parse(fs.readFileSync('templates/plugin.json', 'utf8'));
plugin.version = pkg.version;
fs.writeFileSync(path.join(out, 'plugin.json'), JSON.stringify(plugin, null, 2));
console.log('built ' + out);
"""


def pexip_typescript(root: Path, source: str, *, plugin_id: str = "probe", installed: bool = True,
                     items: list[dict] | None = None) -> Path:
    """A TypeScript plugin project laid out as Pexip's template (src/, templates/plugin.json, dev-assets/) whose
    `npm run build` is a small Node script; `installed`: node_modules exists (npm ci has run)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "package.json").write_text(json.dumps({"name": "probe", "version": "1.0.0", "private": True,
                                                   "scripts": {"build": "node build.js"}}))
    (root / "build.js").write_text(FAKE_BUNDLER)
    (root / "src").mkdir()
    (root / "src" / "index.ts").write_text(source)
    (root / "templates").mkdir()
    plugin = {"id": plugin_id, "name": "Probe", "description": "test plugin", "version": "", "srcURL": "index.js",
              "allowUnload": True, "platforms": ["web"], "participantRoles": ["chair", "guest"]}
    if items is not None:
        plugin["menuItems"] = {"toolbar": items}
    (root / "templates" / "plugin.json").write_text(json.dumps(plugin))
    (root / "dev-assets").mkdir()
    (root / "dev-assets" / "settings.json").write_text(json.dumps(
        {"plugins": [{"id": plugin_id, "srcURL": f"plugins/{plugin_id}/plugin.json", "enabled": True}]}))
    (root / "dev-assets" / "manifest.json").write_text(json.dumps({"brandingID": "1", "isSettingsBranded": True}))
    if installed:
        (root / "node_modules").mkdir()
    return root


def stand_in_build(root: Path) -> None:
    """What a TypeScript plugin project's build writes, without npm: dist/plugins/<name>/ with plugin.json from the
    template (package.json's version), its assets, and an index.js registering the template's actions. For tests
    that need built output but not the bundler (the real build runs in the slow tests)."""
    import shutil
    template = json.loads((root / "templates" / "plugin.json").read_text())
    template["version"] = json.loads((root / "package.json").read_text())["version"]
    settings = json.loads((root / "dev-assets" / "settings.json").read_text())
    out = root / "dist" / settings["plugins"][0]["srcURL"].rsplit("/", 1)[0]
    out.mkdir(parents=True, exist_ok=True)
    (out / "plugin.json").write_text(json.dumps(template, indent=2))
    actions = [i["action"] for items in template.get("menuItems", {}).values() for i in items]
    (out / template["srcURL"]).write_text("(() => { window.PEX.pluginAPI.registerPlugin({id: " + json.dumps(
        template["id"]) + ", load() {}, unload() {}" + "".join(f", {a}() {{}}" for a in actions) + "}); })();\n")
    if (root / "src" / "assets").is_dir():
        shutil.copytree(root / "src" / "assets", out / "assets", dirs_exist_ok=True)
