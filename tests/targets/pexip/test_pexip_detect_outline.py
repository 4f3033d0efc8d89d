"""Opening folders: which ones are Pexip projects, and how the explorer shows them."""

import json
from pathlib import Path

from fixturetree import materialize

from workbench.core.files import ProjectFiles
from workbench.targets.pexip import TARGET

REPO = Path(__file__).resolve().parents[3]


def write(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text if isinstance(text, str) else json.dumps(text))
    return root


def test_branding_package_at_root_in_webapp2_and_without_manifest(tmp_path):
    root = write(tmp_path / "a", {"settings.json": {}, "manifest.json": {"brandingID": "1"}})
    assert (TARGET.detect(root).kind, TARGET.detect(root).content_root) == ("pexip-branding", "")
    repo = write(tmp_path / "b", {"webapp2/settings.json": {}, "webapp2/manifest.json": {}, "README.md": "x"})
    assert (TARGET.detect(repo).kind, TARGET.detect(repo).content_root) == ("pexip-branding", "webapp2")
    early = write(tmp_path / "c", {"settings.json": {"plugins": []}, "plugins/x/x.plugin.js": ""})
    assert TARGET.detect(early).kind == "pexip-branding"


def test_single_plugin_folder_and_non_pexip_folders(tmp_path):
    assert TARGET.detect(materialize("pexip", "single-plugin", tmp_path / "single-plugin")).kind == "pexip-plugin"
    xcally = write(tmp_path / "x", {"manifest.json": {"type": "script", "sidebar": "always"}, "settings.json": {}})
    assert TARGET.detect(xcally) is None
    assert TARGET.detect(write(tmp_path / "y", {"settings.json": {}})) is None  # no manifest, no plugins/
    assert TARGET.detect(write(tmp_path / "z", {"index.js": ""})) is None
    assert any("plugin.package.json" in line for line in TARGET.looked_for())


def test_outline_lists_settings_manifest_then_each_plugin_with_its_files():
    project = TARGET.detect(REPO / "sample_projects" / "pexip-recording")
    nodes = TARGET.outline(project, ProjectFiles(project.root))
    assert [(n.label, n.kind) for n in nodes[:2]] == [("settings.json", "settings"), ("manifest.json", "manifest")]
    plugin = nodes[2]
    assert (plugin.label, plugin.kind) == ("Recording", "plugin")
    kinds = {c.kind: c for c in plugin.children}
    assert kinds["package"].file == "webapp2/plugins/recording/recording.plugin.package.json"
    assert kinds["source"].file == "webapp2/plugins/recording/recording.plugin.js"
    assets = {a.file for a in kinds["assets"].children}
    assert "webapp2/plugins/recording/assets/images/stopRecording.svg" in assets


def test_outline_shows_icons_of_menu_items():
    project = TARGET.detect(REPO / "sample_projects" / "pexip-conference-tools")
    nodes = TARGET.outline(project, ProjectFiles(project.root))
    layout = next(n for n in nodes if n.label == "Layout tools")
    assert ("layout.svg", "icon") in [(c.label, c.kind) for c in layout.children]
    assert [n.label for n in nodes if n.kind == "plugin"] == ["Layout tools", "Participant tools"]
