"""New XCALLY projects: a blank script or html plugin with its name, or a sample renamed."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.newproject import Sample, SampleOption, copy_sample, write_files
from workbench.targets.xcally.shapes import DEFAULT_ICON, DEFAULT_SIDEBAR, ROLES

NAME_PATTERN = r"[A-Za-z][A-Za-z0-9 _.-]*"
NAME_HELP = "a letter, then letters, digits, spaces, '.', '-' or '_' (for example QueueDesk)"


def _name(default: str) -> SampleOption:
    return SampleOption("name", "--name", "the plugin's name in App Zone (manifest.json)", default, "Plugin name",
                        pattern=NAME_PATTERN, pattern_help=NAME_HELP, from_name="title" if not default else "")


SAMPLES = [
    Sample("xcally-blank", "XCALLY Motion plugin, blank: a Node.js script or admin and agent html views", "xcally",
           (SampleOption("name", "--name", "the plugin's name in App Zone (manifest.json)", "MyPlugin", "Plugin name",
                         pattern=NAME_PATTERN, pattern_help=NAME_HELP, from_name="title"),
            SampleOption("plugin_type", "--plugin-type", "script (a Node.js process) or html (admin/agent views)",
                         "html", "Plugin type", choices=("html", "script"))), blank=True),
    Sample("xcally-script", "XCALLY Motion script plugin (Node.js status server)", "xcally", (_name("WorkbenchStatus"),)),
    Sample("xcally-html", "XCALLY Motion html plugin (admin and agent views)", "xcally", (_name("QueueDesk"),)),
]

SERVER = """'use strict';
// {name}: a script plugin. App Zone starts this file with Node.js; PORT says where to listen.

const http = require('http');

const port = Number(process.env.PORT || 9006);

const server = http.createServer((req, res) => {{
  res.writeHead(200, {{ 'Content-Type': 'text/html; charset=utf-8' }});
  res.end('<!doctype html><title>{name}</title><h1>{name} is running</h1>');
}});

server.listen(port, () => console.log('listening on port ' + port));

// Motion stops script plugins with SIGTERM.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
"""

VIEW = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>{name}</title></head>
<body>
  <h1>{name} ({role})</h1>
</body>
</html>
"""

SCRIPT_SCENARIO = """name: the plugin starts and serves its page
autostart: false
env: {PORT: "0"}
steps:
  - start
  - expect: {process: running}
  - expect: {http: {path: /, status: 200, text: is running}}
  - stop
  - expect: {process: stopped}
"""

HTML_SCENARIO = """name: admins and agents see their views
steps:
  - expect: {view: admin, text: (admin)}
  - expect: {view: agent, text: (agent)}
  - expect: {no_errors: true}
"""


def blank_files(name: str, kind: str) -> dict[str, str]:
    """The files of a blank plugin of that kind ('script' or 'html')."""
    manifest: dict = {"name": name, "version": "1.0.0", "description": f"{name}, an XCALLY Motion App Zone plugin",
                      "type": kind, "sidebar": DEFAULT_SIDEBAR, "icon": DEFAULT_ICON}
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if kind == "script":
        stem = "-".join(name.lower().split()) or "plugin"
        manifest["parameters"] = {"scriptName": stem, "scriptPath": "app/index.js"}
        files = {"app/index.js": SERVER.format(name=escaped.replace("'", "\\'")),
                 "scenarios/starts.yaml": SCRIPT_SCENARIO}
    else:
        manifest["parameters"] = {"views": {"admin": "views/admin.html", "agent": "views/agent.html"}}
        files = {f"views/{role}.html": VIEW.format(name=escaped, role=role) for role in ROLES}
        files["scenarios/views.yaml"] = HTML_SCENARIO
    files["manifest.json"] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files


def create(sample: Sample, dest: Path, options: dict[str, str]) -> list[Path]:
    """A blank plugin, or a copy of the sample whose manifest carries the chosen name."""
    defaults = {o.key: o.default for o in sample.options}
    name = options.get("name") or defaults.get("name", "")
    if sample.blank:
        return write_files(dest, blank_files(name, options.get("plugin_type") or defaults["plugin_type"]))
    if name == defaults.get("name", ""):
        return copy_sample(sample.folder, dest)
    old = json.dumps(defaults["name"])
    return copy_sample(sample.folder, dest, transform=lambda path, text: text.replace(
        f'"name": {old}', f'"name": {json.dumps(name, ensure_ascii=False)}', 1) if path.name == "manifest.json"
        else text)
