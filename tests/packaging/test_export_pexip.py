"""Pexip export: branding layout, content-derived brandingID, manifest handling, merging into a base zip."""

from __future__ import annotations

import json

import pytest

from tests.packaging.helpers import pexip_project, read_zip, write, zip_bytes
from workbench.core.packaging import export_project
from workbench.registry import get_target

PEXIP = get_target("pexip")


@pytest.fixture
def project(tmp_path):
    return PEXIP.detect(pexip_project(tmp_path / "hello-branding"))


def manifest_of(path):
    return json.loads(read_zip(path)["webapp2/manifest.json"])


def test_zip_has_the_branding_layout_and_nothing_else(project, tmp_path):
    result = export_project(PEXIP, project, output=tmp_path / "b.zip")
    assert not result.blocked, [d.to_text() for d in result.diagnostics]
    assert sorted(read_zip(result.path)) == [
        "webapp2/manifest.json", "webapp2/plugins/hello/assets/hello.svg",
        "webapp2/plugins/hello/hello.plugin.js", "webapp2/plugins/hello/hello.plugin.package.json",
        "webapp2/settings.json"]
    excluded = {x.path: x.rule for x in result.report.excluded}
    assert "not part of the branding package" in excluded["scenarios/"]
    assert "OS junk" in excluded["webapp2/plugins/hello/.DS_Store"]


def test_branding_id_is_digits_reported_and_stable(project, tmp_path):
    first = export_project(PEXIP, project, output=tmp_path / "a.zip")
    second = export_project(PEXIP, project, output=tmp_path / "b.zip")
    manifest = manifest_of(first.path)
    assert manifest["brandingID"].isdigit() and manifest["brandingID"] == first.branding_id
    assert first.branding_id == second.branding_id
    assert first.path.read_bytes() == second.path.read_bytes()
    assert any(first.branding_id in note for note in first.notes)


def test_one_changed_byte_in_a_plugin_gives_a_new_branding_id(project, tmp_path):
    before = export_project(PEXIP, project, output=tmp_path / "a.zip").branding_id
    js = project.root / "webapp2/plugins/hello/hello.plugin.js"
    js.write_bytes(js.read_bytes().replace(b"'hello'", b"'hellO'"))
    after = export_project(PEXIP, project, output=tmp_path / "b.zip").branding_id
    assert before != after


def test_branding_id_ignores_the_id_already_on_disk(project, tmp_path):
    before = export_project(PEXIP, project, output=tmp_path / "a.zip")
    path = project.root / "webapp2/manifest.json"
    path.write_text(path.read_text().replace("1700000000000", "42"))
    after = export_project(PEXIP, project, output=tmp_path / "b.zip")
    assert before.branding_id == after.branding_id
    assert before.path.read_bytes() == after.path.read_bytes()


def test_settings_branded_is_forced_true_and_the_users_file_is_left_alone(tmp_path):
    project = PEXIP.detect(pexip_project(tmp_path / "p", settings_branded=False))
    on_disk = (project.root / "webapp2/manifest.json").read_bytes()
    result = export_project(PEXIP, project, output=tmp_path / "b.zip", force=True)
    manifest = manifest_of(result.path)
    assert manifest["isSettingsBranded"] is True
    assert manifest["isWatermarkBranded"] is False  # the other keys are kept
    assert (project.root / "webapp2/manifest.json").read_bytes() == on_disk
    assert any("isSettingsBranded was false" in n for n in result.notes)
    assert any("--write-branding-id" in n for n in result.notes)


def test_write_branding_id_updates_the_manifest_on_disk(project, tmp_path):
    result = export_project(PEXIP, project, output=tmp_path / "a.zip", options={"write_branding_id": True})
    disk = (project.root / "webapp2/manifest.json").read_bytes()
    assert disk == read_zip(result.path)["webapp2/manifest.json"]
    again = export_project(PEXIP, project, output=tmp_path / "b.zip")
    assert again.branding_id == result.branding_id
    assert not any("--write-branding-id" in n for n in again.notes)


def test_missing_manifest_is_created_in_the_package(tmp_path):
    project = PEXIP.detect(pexip_project(tmp_path / "p", manifest=False))
    result = export_project(PEXIP, project, output=tmp_path / "b.zip", force=True)
    manifest = manifest_of(result.path)
    assert manifest["isSettingsBranded"] is True and manifest["brandingID"] == result.branding_id
    assert not (project.root / "webapp2/manifest.json").exists()


def test_merge_into_the_default_package_keeps_its_other_files(project, tmp_path):
    base = tmp_path / "default.zip"
    base.write_bytes(zip_bytes({"webapp2/themes/default/style.css": "body{}",
                                "webapp2/plugins/hello/hello.plugin.js": "old version"}))
    result = export_project(PEXIP, project, output=tmp_path / "b.zip", options={"merge_into": base})
    names = read_zip(result.path)
    assert names["webapp2/themes/default/style.css"] == b"body{}"
    assert names["webapp2/plugins/hello/hello.plugin.js"].startswith(b"(function")
    assert "webapp2/settings.json" in names and "webapp2/manifest.json" in names
    plain = export_project(PEXIP, project, output=tmp_path / "c.zip")
    assert plain.branding_id != result.branding_id  # the base content counts too
    assert any("replaced by the project's" in n for n in result.notes)


def test_merge_into_a_corrupt_zip_is_refused(project, tmp_path):
    base = tmp_path / "default.zip"
    base.write_bytes(b"PK\x03\x04 not really a zip")
    result = export_project(PEXIP, project, output=tmp_path / "b.zip", options={"merge_into": base})
    assert result.blocked and [d.code for d in result.errors] == ["PKG016"]


def test_single_plugin_folder_is_wrapped_with_settings(tmp_path):
    root = pexip_project(tmp_path / "p") / "webapp2" / "plugins" / "hello"
    project = PEXIP.detect(root)
    assert project.kind == "pexip-plugin"
    result = export_project(PEXIP, project, output=tmp_path / "b.zip", force=True)
    names = read_zip(result.path)
    settings = json.loads(names["webapp2/settings.json"])
    assert settings["plugins"] == [{"id": "hello-1.0", "srcURL": "plugins/hello/hello.plugin.package.json",
                                    "enabled": True}]
    assert "webapp2/plugins/hello/hello.plugin.js" in names


def test_branding_at_the_project_root_leaves_project_files_out(tmp_path):
    root = tmp_path / "flat"
    for rel, data in {"manifest.json": '{"brandingID": "1", "isSettingsBranded": true}',
                      "settings.json": '{"plugins": []}', "README.md": "# docs",
                      "scenarios/a.yaml": "name: a\n"}.items():
        write(root, rel, data)
    result = export_project(PEXIP, PEXIP.detect(root), output=tmp_path / "b.zip", force=True)
    assert sorted(read_zip(result.path)) == ["webapp2/manifest.json", "webapp2/settings.json"]
