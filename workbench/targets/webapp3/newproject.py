"""New Web App 3 projects: a blank Vite plugin project on @pexip/plugin-api, or the sample with its plugin id changed."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.newproject import Sample, SampleOption, copy_sample, write_files

ID_PATTERN = r"[a-z0-9][a-z0-9._-]*"
ID_HELP = "lower-case letters, digits, '.', '-' or '_', starting with a letter or digit (for example team-tools)"
SAMPLE_ID = "meeting-tools"  # the sample's own plugin id, replaced throughout when the user chooses another


def _plugin_id(default: str) -> SampleOption:
    return SampleOption("plugin_id", "--plugin-id", "the plugin's id (registerPlugin, the branding manifest entry "
                        "and its folder plugins/<id>/)", default, "Plugin id", pattern=ID_PATTERN,
                        pattern_help=ID_HELP, from_name="slug" if default == "my-plugin" else "")


SAMPLES = [
    Sample("webapp3-blank", "Web App 3 plugin, blank (Vite + @pexip/plugin-api): a toolbar button that shows a toast",
           "webapp3", (_plugin_id("my-plugin"),), blank=True),
    Sample("webapp3-meeting-tools", "Web App 3 plugin (Vite + @pexip/plugin-api): toolbar button, form, "
           "prompt, toasts and participant actions over the conference", "webapp3", (_plugin_id(SAMPLE_ID),)),
]
# The blank start takes the sample's package files (the same pinned @pexip/plugin-api, Vite and TypeScript, and the
# lock file, so `npm ci` works) and writes its own sources.
SHARED_FILES = ("package.json", "package-lock.json", "tsconfig.json", "index.html")

SOURCE = """import {{ registerPlugin }} from '@pexip/plugin-api'

// The id must be the one of the plugin's entry in the branding manifest (vite.config.ts: manifestEntry).
const plugin = await registerPlugin({{ id: {id}, version: 1 }})

const button = await plugin.ui.addButton({{
  position: 'toolbar',
  icon: 'IconInfoRound',
  tooltip: {tooltip},
  roles: ['chair', 'guest']
}})

button.onClick.add(async () => {{
  await plugin.ui.showToast({{ message: {message} }})
}})
"""

VITE_CONFIG = """import {{ defineConfig }} from 'vite'

// The branding manifest entry this plugin is deployed with (the workbench's preview and export use it too).
export const manifestEntry = {{
  id: {id},
  src: './plugins/{folder}/index.html',
  sandboxValues: []
}}

export default defineConfig({{
  // Relative URLs: the app serves the plugin from webapp3/branding/plugins/<id>/.
  base: './',
  build: {{
    target: 'esnext',
    rollupOptions: {{ output: {{ entryFileNames: 'assets/[name].js' }} }}
  }}
}})
"""

SCENARIO = """name: the toolbar button shows a toast
steps:
  - click: {{button: {tooltip}}}
  - expect: {{toast: {message}}}
  - expect: {{no_errors: true}}
"""


def _ts(text: str) -> str:
    """A TypeScript string literal (single quotes, as the sources are written)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _renamed_package(path: Path, text: str, package_name: str) -> str:
    """package.json and package-lock.json with the project's name (the lock's root entries carry it too)."""
    data = json.loads(text)
    data["name"] = package_name
    if path.name == "package-lock.json" and "" in data.get("packages", {}):
        data["packages"][""]["name"] = package_name
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def blank_files(sample_folder: Path, plugin_id: str) -> dict[str, str]:
    """The files of a blank plugin project with that id."""
    files = {rel: (sample_folder / rel).read_text(encoding="utf-8") for rel in SHARED_FILES}
    for rel in ("package.json", "package-lock.json"):
        files[rel] = _renamed_package(Path(rel), files[rel], plugin_id)
    data = json.loads(files["package.json"])
    data["description"] = f"Web App 3 plugin {plugin_id}"
    files["package.json"] = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    tooltip, message = f"About {plugin_id}", f"Hello from {plugin_id}"
    files["src/index.ts"] = SOURCE.format(id=_ts(plugin_id), tooltip=_ts(tooltip), message=_ts(message))
    files["vite.config.ts"] = VITE_CONFIG.format(id=_ts(plugin_id), folder=plugin_id)
    files["scenarios/toast.yaml"] = SCENARIO.format(tooltip=json.dumps(tooltip), message=json.dumps(message))
    return files


def create(sample: Sample, dest: Path, options: dict[str, str]) -> list[Path]:
    """A blank plugin project, or a copy of the sample whose plugin id (and package name) is the chosen one."""
    default = {o.key: o.default for o in sample.options}["plugin_id"]
    plugin_id = options.get("plugin_id") or default
    if sample.blank:
        return write_files(dest, blank_files(Sample("webapp3-meeting-tools", "", root=sample.root).folder, plugin_id))
    if plugin_id == default:
        return copy_sample(sample.folder, dest)

    def rename(path: Path, text: str) -> str:
        if path.name in ("package.json", "package-lock.json"):
            return _renamed_package(path, text, f"webapp3-{plugin_id}")
        if path.name in ("index.ts", "vite.config.ts"):
            return (text.replace(f"'{SAMPLE_ID}'", _ts(plugin_id))
                    .replace(f"./plugins/{SAMPLE_ID}/", f"./plugins/{plugin_id}/"))
        return text
    return copy_sample(sample.folder, dest, transform=rename)
