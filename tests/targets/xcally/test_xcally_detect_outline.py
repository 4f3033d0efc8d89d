"""Detection of XCALLY plugins (and what is not one), and the explorer outline."""

import json

from testpaths import FIXTURES, SAMPLES

from workbench.registry import open_project
from workbench.targets.xcally import TARGET


def write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_kinds_from_type(tmp_path):
    write(tmp_path / "s", "manifest.json", json.dumps({"type": "script", "parameters": {}}))
    write(tmp_path / "h", "manifest.json", json.dumps({"type": "html"}))
    write(tmp_path / "x", "manifest.json", json.dumps({"type": "widget", "name": "w"}))
    write(tmp_path / "p", "manifest.json", json.dumps({"name": "n", "sidebar": "always", "parameters": {}}))
    assert [TARGET.detect(tmp_path / k).kind for k in "shxp"] == ["xcally-script", "xcally-html", "xcally", "xcally"]


def test_pexip_branding_manifest_is_not_claimed(tmp_path):
    write(tmp_path, "manifest.json", json.dumps({"brandingID": "1234", "isSettingsBranded": True,
                                                 "version": "1"}))
    assert TARGET.detect(tmp_path) is None


def test_folder_without_manifest_is_not_claimed(tmp_path):
    write(tmp_path, "a/index.js", "")
    write(tmp_path, "b/index.js", "")
    assert TARGET.detect(tmp_path) is None


def test_invalid_json_manifest_is_still_detected():
    project = TARGET.detect(FIXTURES / "xcally" / "official-script-example")
    assert project.kind == "xcally-script"


def test_single_top_folder_sets_content_root():
    target, project = open_project(FIXTURES / "xcally" / "single-top-folder")
    assert target is TARGET
    assert (project.content_root, project.details["manifest"]) == ("my-plugin", "my-plugin/manifest.json")


def test_outline_of_script_and_html_samples():
    project = TARGET.detect(SAMPLES / "xcally-script")
    [plugin] = TARGET.outline(project, project.files())
    assert plugin.label == "WorkbenchStatus"
    assert [(c.kind, c.file) for c in plugin.children] == [("manifest", "manifest.json"), ("source", "app/index.js")]
    project = TARGET.detect(SAMPLES / "xcally-html")
    [plugin] = TARGET.outline(project, project.files())
    assert [c.file for c in plugin.children if c.kind == "view"] == ["views/admin.html", "views/agent.html"]


def test_rules_document_every_code_the_fixtures_emit():
    codes = {r.code for r in TARGET.rules()}
    from test_xcally_fixtures_cli import CASES
    assert {c[1] for c in CASES if c[1].startswith("XC")} <= codes
    assert all(r.fix and r.trigger for r in TARGET.rules())
