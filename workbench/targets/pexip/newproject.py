"""New Pexip projects: a blank branding package with one plugin, or a sample with its plugin id and name changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from workbench.core.newproject import Sample, SampleOption, copy_sample, write_files
from workbench.targets.pexip.shapes import PLATFORMS, ROLES

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]*"
PLUGIN_ID = SampleOption("plugin_id", "--plugin-id", "the plugin's id (settings.json, its package file and "
                         "registerPlugin)", "my-plugin", "Plugin id", pattern=ID_PATTERN,
                         pattern_help="letters, digits, '.', '-' or '_', starting with a letter or digit "
                                      "(for example my-plugin-1.0)", from_name="slug")
PLUGIN_NAME = SampleOption("plugin_name", "--plugin-name", "the plugin's name (its package file)", "My plugin",
                           "Plugin name", pattern=r"[^\n\r]+", pattern_help="one line of text", from_name="title")
# The recording sample's own identity, renamed throughout when the user chooses another.
RECORDING_ID, RECORDING_NAME = "recording-plugin-1.0", "Recording"

SAMPLES = [
    Sample("pexip-blank", "Pexip branding package with one empty plugin (a toolbar button)", "pexip",
           (PLUGIN_ID, PLUGIN_NAME), blank=True),
    Sample("pexip-recording", "Pexip branding package: a toolbar button that records the conference", "pexip",
           (SampleOption("plugin_id", "--plugin-id", PLUGIN_ID.help, RECORDING_ID, "Plugin id", pattern=ID_PATTERN,
                         pattern_help=PLUGIN_ID.pattern_help),
            SampleOption("plugin_name", "--plugin-name", PLUGIN_NAME.help, RECORDING_NAME, "Plugin name",
                         pattern=PLUGIN_NAME.pattern, pattern_help=PLUGIN_NAME.pattern_help))),
    Sample("pexip-conference-tools", "Pexip branding package: layout control and per-participant mute", "pexip"),
    Sample("pexip-typescript", "Pexip TypeScript plugin (Pexip's template: webpack, npm ci then build): "
           "raised hands in the toolbar", "pexip"),
]

ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">
  <symbol id="{id}" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9" fill="currentColor"/></symbol>
  <use href="#{id}"/>
</svg>
"""

SOURCE = """// {name}: a toolbar button; its action runs when the user clicks it.
(function () {{
  'use strict';

  function load(participants$, conferenceDetails$) {{
    // Subscribe to what the plugin needs here (participants$, conferenceDetails$).
  }}

  function unload() {{
    // Undo what load() did.
  }}

  function {action}(participants, conferenceDetails) {{
    PEX.pluginAPI.openTemplateDialog({{title: {title}, body: '<p>Hello from {escaped}</p>'}});
  }}

  PEX.pluginAPI.registerPlugin({{
    id: {id},
    load: load,
    unload: unload,
    {action}: {action}
  }});
}})();
"""

SCENARIO = """name: the toolbar button opens the dialog
plugin: {id}
steps:
  - expect: {{item: {{location: toolbar, index: 0}}, label: {label}}}
  - click: {{location: toolbar, index: 0}}
  - expect: {{dialog: {label}}}
  - expect: {{no_errors: true}}
"""


def folder_name(plugin_id: str) -> str:
    """The plugin's folder and file stem: its id without a trailing version (my-plugin-1.0 -> my-plugin)."""
    stem = re.sub(r"[-_.]?v?\d+(\.\d+)*$", "", plugin_id)
    return stem or plugin_id


def blank_files(plugin_id: str, name: str) -> dict[str, str]:
    """The files of a blank branding package holding one plugin."""
    stem = folder_name(plugin_id)
    base = f"webapp2/plugins/{stem}"
    settings = {"plugins": [{"id": plugin_id, "srcURL": f"plugins/{stem}/{stem}.plugin.package.json",
                             "enabled": True}]}
    manifest = {"brandingID": "1700000000000", "isSettingsBranded": True, "isWatermarkBranded": False,
                "isStylesBranded": False}
    package = {"id": plugin_id, "name": name, "description": f"{name} for Pexip Infinity Connect", "version": 1.0,
               "srcURL": f"{stem}.plugin.js", "allowUnload": True, "platforms": list(PLATFORMS),
               "participantRoles": list(ROLES),
               "menuItems": {"toolbar": [{"icon": f"assets/{stem}.svg#{stem}", "label": name, "action": "open"}]}}
    dump = lambda v: json.dumps(v, indent=2, ensure_ascii=False) + "\n"  # noqa: E731
    return {
        "webapp2/settings.json": dump(settings),
        "webapp2/manifest.json": dump(manifest),
        f"{base}/{stem}.plugin.package.json": dump(package),
        f"{base}/{stem}.plugin.js": SOURCE.format(name=name.replace("\n", " "), action="open", id=_js(plugin_id),
                                                  title=_js(name), escaped=_html(name)),
        f"{base}/assets/{stem}.svg": ICON.format(id=stem),
        f"scenarios/{stem}_button.yaml": SCENARIO.format(id=json.dumps(plugin_id), label=json.dumps(name)),
    }


def _js(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("</", "<\\/")


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\\", "\\\\")
            .replace("'", "\\'"))


def create(sample: Sample, dest: Path, options: dict[str, str]) -> list[Path]:
    """A blank package, or a copy of the sample with its plugin id and name replaced."""
    defaults = {o.key: o.default for o in sample.options}
    plugin_id = options.get("plugin_id") or defaults.get("plugin_id", "")
    name = options.get("plugin_name") or defaults.get("plugin_name", "")
    if sample.blank:
        return write_files(dest, blank_files(plugin_id, name))
    if sample.name != "pexip-recording":
        return copy_sample(sample.folder, dest)
    return copy_sample(sample.folder, dest, transform=lambda path, text: _rename(path, text, plugin_id, name))


def _rename(path: Path, text: str, plugin_id: str, name: str) -> str:
    text = text.replace(RECORDING_ID, plugin_id)
    if path.name.endswith(".plugin.package.json") and name != RECORDING_NAME:
        text = text.replace(f'"name": {json.dumps(RECORDING_NAME)}', f'"name": {json.dumps(name, ensure_ascii=False)}')
    return text
