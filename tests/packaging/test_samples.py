"""Every sample project exports to a zip its host would accept, and twice to the same bytes."""

from __future__ import annotations

import io
import json
import posixpath
import shutil
import zipfile

import pytest
from plugin_projects import stand_in_build
from testpaths import SAMPLES

from tests.packaging.helpers import read_zip
from tests.packaging.test_export_exo import build_outputs
from workbench.core.packaging import export_project, import_package
from workbench.registry import import_layouts, open_project

NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()) if SAMPLES.is_dir() else []


def accept_pexip(files: dict[str, bytes]) -> None:
    """What the web app checks: manifest + settings in webapp2/, settings branded, every enabled plugin loadable."""
    manifest = json.loads(files["webapp2/manifest.json"])
    assert manifest["isSettingsBranded"] is True and manifest["brandingID"].isdigit()
    settings = json.loads(files["webapp2/settings.json"])
    assert settings["plugins"]
    for plugin in settings["plugins"]:
        package_name = posixpath.join("webapp2", plugin["srcURL"])
        package = json.loads(files[package_name])
        assert posixpath.join(posixpath.dirname(package_name), package["srcURL"]) in files


def accept_xcally(files: dict[str, bytes]) -> None:
    manifest = json.loads(files["manifest.json"])
    params = manifest["parameters"]
    if manifest["type"] == "script":
        assert params["scriptPath"] in files
    for view in params.get("views", {}).values():
        assert "://" in view or view in files


def accept_exo(files: dict[str, bytes]) -> None:
    assert "webapps/acme.war" in files and any(n.startswith("lib/") and n.endswith(".jar") for n in files)
    with zipfile.ZipFile(io.BytesIO(files["webapps/acme.war"])) as war:
        assert "WEB-INF/web.xml" in war.namelist()


def accept_webapp3(files: dict[str, bytes]) -> None:
    """What Web App 3 loads: webapp3/branding/manifest.json, each plugin's page inside the package."""
    manifest = json.loads(files["webapp3/branding/manifest.json"])
    assert manifest["plugins"]
    for plugin in manifest["plugins"]:
        assert plugin["id"] and posixpath.normpath(posixpath.join("webapp3/branding", plugin["src"])) in files


@pytest.mark.parametrize("name", NAMES)
def test_sample_exports_to_an_accepted_reproducible_zip(name, tmp_path):
    root = tmp_path / name
    shutil.copytree(SAMPLES / name, root)
    target, project = open_project(root)
    if target.name == "exo":
        build_outputs(root)
    elif target.name == "webapp3":
        from webapp3_projects import fake_build
        fake_build(root)  # npm builds it in the slow tests
    elif project.kind == "pexip-typescript":
        stand_in_build(root)
    first = export_project(target, project, output=tmp_path / "1.zip")
    assert not first.blocked, [d.to_text() for d in first.diagnostics]
    second = export_project(target, project, output=tmp_path / "2.zip")
    assert first.path.read_bytes() == second.path.read_bytes()
    files = read_zip(first.path)
    assert not any(n.startswith("scenarios/") or "/scenarios/" in n for n in files)
    {"pexip": accept_pexip, "xcally": accept_xcally, "exo": accept_exo, "webapp3": accept_webapp3}[target.name](files)
    if target.name != "exo":
        import_package(first.path, tmp_path / "imported", import_layouts())
        target2, project2 = open_project(tmp_path / "imported")
        third = export_project(target2, project2, output=tmp_path / "3.zip")
        assert third.path.read_bytes() == first.path.read_bytes()
