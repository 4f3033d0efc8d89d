"""eXo export: the connector package from (fake) Maven outputs, names checked, clear errors without a build."""

from __future__ import annotations

import io
import os
import shutil
import time
import zipfile

import pytest
from testpaths import SAMPLES

from tests.packaging.helpers import read_zip
from workbench.core.packaging import export_project
from workbench.registry import get_target

EXO = get_target("exo")
SAMPLE = SAMPLES / "exo-connector"
JAR = "web-conferencing-acme-services-1.0.0-SNAPSHOT.jar"

pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="the eXo sample is not there")


def fake_war(webapp_src: os.PathLike, display_name: str | None = None) -> bytes:
    """A war as Maven would build it: the webapp folder zipped (classes left out, they need Java)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        for path in sorted(p for p in webapp_src.rglob("*") if p.is_file()):
            data = path.read_bytes()
            if display_name and path.name == "web.xml":
                data = data.replace(b"<display-name>acme</display-name>",
                                    f"<display-name>{display_name}</display-name>".encode())
            zf.writestr(path.relative_to(webapp_src).as_posix(), data)
    return buf.getvalue()


def fake_jar() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        zf.writestr("org/example/webconferencing/acme/AcmeProvider.class", b"\xca\xfe\xba\xbe")
    return buf.getvalue()


def build_outputs(root, war_name="acme.war", display_name=None):
    (root / "webapp/target").mkdir(parents=True, exist_ok=True)
    (root / "services/target").mkdir(parents=True, exist_ok=True)
    (root / "webapp/target" / war_name).write_bytes(fake_war(root / "webapp/src/main/webapp", display_name))
    (root / "services/target" / JAR).write_bytes(fake_jar())
    (root / "services/target" / JAR.replace(".jar", "-sources.jar")).write_bytes(fake_jar())


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "exo-connector"
    shutil.copytree(SAMPLE, root)
    return EXO.detect(root)


def test_package_holds_the_war_named_after_the_type_and_the_jar(project, tmp_path):
    build_outputs(project.root)
    result = export_project(EXO, project)
    assert not result.blocked, [d.to_text() for d in result.diagnostics]
    assert result.path.name == "web-conferencing-acme.zip"
    names = read_zip(result.path)
    assert sorted(names) == ["lib/" + JAR, "webapps/acme.war"]
    with zipfile.ZipFile(io.BytesIO(names["webapps/acme.war"])) as war:
        assert b"<display-name>acme</display-name>" in war.read("WEB-INF/web.xml")
    again = export_project(EXO, project, output=tmp_path / "again.zip")
    assert again.path.read_bytes() == result.path.read_bytes()


def test_without_outputs_the_error_says_what_to_run(project):
    result = export_project(EXO, project)
    assert result.blocked and result.path is None
    [error] = result.errors
    assert error.code == "PKG012" and "mvn package" in error.message and "--build" in error.message
    assert "webapp/target/acme.war" in error.message


def test_war_with_another_name_is_refused(project):
    build_outputs(project.root, war_name="acme-1.0.war")
    result = export_project(EXO, project)
    assert result.blocked and any("must be named acme.war" in d.message for d in result.errors)


def test_display_name_must_match_the_type(project):
    build_outputs(project.root, display_name="acme-webapp")
    result = export_project(EXO, project)
    assert result.blocked and any("display-name is 'acme-webapp'" in d.message for d in result.errors)


def test_assembly_with_a_base_folder_is_flattened(project):
    build_outputs(project.root)
    target = project.root / "packaging/target"
    target.mkdir(parents=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("web-conferencing-acme/webapps/acme.war", (project.root / "webapp/target/acme.war").read_bytes())
        zf.writestr(f"web-conferencing-acme/lib/{JAR}", fake_jar())
    (target / "web-conferencing-acme.zip").write_bytes(buf.getvalue())
    result = export_project(EXO, project)
    assert not result.blocked, [d.to_text() for d in result.diagnostics]
    assert sorted(read_zip(result.path)) == ["lib/" + JAR, "webapps/acme.war"]
    assert any("base folder" in n for n in result.notes)


def test_outputs_older_than_the_sources_give_a_warning(project):
    build_outputs(project.root)
    old = time.time() - 3600
    source = project.root / "webapp/src/main/webapp/js/webconferencing-acme.js"
    os.utime(source, None)  # edited now, after the build (the copy keeps the sample's own times)
    for p in (project.root / "webapp/target").iterdir():
        os.utime(p, (old, old))
    for p in (project.root / "services/target").iterdir():
        os.utime(p, (old, old))
    result = export_project(EXO, project)
    assert not result.blocked and "PKG014" in [d.code for d in result.warnings]


def test_build_without_maven_says_so(project, monkeypatch):
    import workbench.targets.exo.export as plan
    monkeypatch.setattr(plan.shutil, "which", lambda name: None)
    result = export_project(EXO, project, options={"build": True})
    assert result.blocked and "Maven (mvn) is not installed" in result.errors[0].message


@pytest.mark.skipif(shutil.which("mvn") is None, reason="needs Maven")
def test_failed_build_shows_its_output(project):
    result = export_project(EXO, project, options={"build": True, "maven_args": ("--no-such-option-here",)})
    assert result.blocked and result.errors[0].code == "PKG015" and "failed" in result.errors[0].message
