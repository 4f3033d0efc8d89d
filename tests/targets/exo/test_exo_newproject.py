"""`workbench new`: samples copied, an eXo connector renamed consistently, bad requests refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from testpaths import SAMPLES

from workbench.cli import main
from workbench.core.newproject import NewProjectError, Sample, find_sample
from workbench.registry import get_target
from workbench.targets.exo.newproject import SAMPLES as EXO_SAMPLES
from workbench.targets.exo.newproject import Renaming, leftovers


def create_project(name, dest, type_=None, title=None, samples=None):
    """What `workbench new` does, with the samples taken from a test folder."""
    offered = [Sample(s.name, s.title, s.target, s.options, samples) for s in EXO_SAMPLES]
    offered.append(Sample("xcally-html", "html", "xcally", (), samples))
    sample = find_sample(offered, name)
    options = {k: v for k, v in (("type", type_), ("title", title)) if v is not None}
    return get_target(sample.target).new_project(sample, dest, options)

JAVA = """package org.exoplatform.webconferencing.acme;

public class AcmeProvider extends CallProvider {
  public static final String TYPE = "acme";
  public static final String TITLE = "Acme Meet";
  public static final String CONFIG_ACME_URL = "acme-serviceUrl";
}
"""


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A miniature sample set: a connector spelling its identity every way, and a plain sample."""
    root = tmp_path / "samples"
    java = root / "exo-connector/services/src/main/java/org/exoplatform/webconferencing/acme"
    java.mkdir(parents=True)
    (java / "AcmeProvider.java").write_text(JAVA)
    webapp = root / "exo-connector/webapp/src/main/webapp"
    (webapp / "WEB-INF/conf/acme").mkdir(parents=True)
    (webapp / "WEB-INF/conf/acme/configuration.xml").write_text(
        "<value>${webconferencing.acme.serviceUrl:https://meet.acme.example}</value><description>Acme Meet</description>")
    (webapp / "js").mkdir()
    (webapp / "js/webconferencing-acme.js").write_text(
        "var AcmeProvider = function() { this.getTitle = function() { return 'Acme Meet'; }; };"
        " $('<a class=\"acmeCallAction\">Call with Acme</a>');")
    (webapp / "skin").mkdir()
    (webapp / "skin/acme.css").write_text(".acmeCallAction { color: red; }")
    (root / "exo-connector/pom.xml").write_text("<artifactId>web-conferencing-acme</artifactId>")
    (root / "exo-connector/icon.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe acme")
    (root / "exo-connector/target").mkdir()
    (root / "exo-connector/target/stale.jar").write_bytes(b"x")
    (root / "xcally-html/views").mkdir(parents=True)
    (root / "xcally-html/manifest.json").write_text('{"name": "acme stays"}')
    (root / "xcally-html/views/admin.html").write_text("<p>admin</p>")
    return root


def test_connector_is_renamed_in_names_and_contents(samples, tmp_path):
    dest = tmp_path / "zoomy"
    create_project("exo-connector", dest, "zoomy_live", "Zoomy & Live", samples)
    java = dest / "services/src/main/java/org/exoplatform/webconferencing/zoomy_live/Zoomy_liveProvider.java"
    assert not java.exists()
    java = dest / "services/src/main/java/org/exoplatform/webconferencing/zoomy_live/ZoomyLiveProvider.java"
    text = java.read_text()
    assert "package org.exoplatform.webconferencing.zoomy_live;" in text
    assert "public class ZoomyLiveProvider extends CallProvider" in text
    assert 'TYPE = "zoomy_live"' in text and 'TITLE = "Zoomy & Live"' in text
    assert "CONFIG_ZOOMY_LIVE_URL" in text
    xml = (dest / "webapp/src/main/webapp/WEB-INF/conf/zoomy_live/configuration.xml").read_text()
    assert "webconferencing.zoomy_live.serviceUrl:https://meet.zoomy_live.example" in xml
    assert "<description>Zoomy &amp; Live</description>" in xml  # escaped in XML only
    js = (dest / "webapp/src/main/webapp/js/webconferencing-zoomy_live.js").read_text()
    assert "ZoomyLiveProvider" in js and "'Zoomy & Live'" in js and 'class="zoomy_liveCallAction"' in js
    assert "Call with ZoomyLive" in js
    assert (dest / "webapp/src/main/webapp/skin/zoomy_live.css").read_text() == ".zoomy_liveCallAction { color: red; }"
    assert "web-conferencing-zoomy_live" in (dest / "pom.xml").read_text()
    assert (dest / "icon.png").read_bytes() == (samples / "exo-connector/icon.png").read_bytes()
    assert not (dest / "target").exists()
    assert leftovers(dest, Renaming("zoomy_live", "Zoomy & Live")) == []


def test_other_samples_are_copied_unchanged(samples, tmp_path):
    create_project("xcally-html", tmp_path / "h", samples=samples)
    assert (tmp_path / "h/manifest.json").read_text() == '{"name": "acme stays"}'
    assert (tmp_path / "h/views/admin.html").exists()


@pytest.mark.parametrize("kwargs, message", [
    ({"type_": "Acme"}, "one lowercase word"),
    ({"type_": "two words"}, "one lowercase word"),
    ({"type_": "9lives"}, "one lowercase word"),
    ({"type_": "ok", "title": "Bad <b>"}, "without any of"),
])
def test_bad_type_or_title_is_refused(samples, tmp_path, kwargs, message):
    with pytest.raises(NewProjectError, match=message):
        create_project("exo-connector", tmp_path / "x", samples=samples, **kwargs)
    assert not (tmp_path / "x").exists()


def test_non_empty_destination_and_unknown_sample_are_refused(samples, tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy/keep.txt").write_text("mine")
    with pytest.raises(NewProjectError, match="not empty"):
        create_project("xcally-html", tmp_path / "busy", samples=samples)
    assert (tmp_path / "busy/keep.txt").read_text() == "mine"
    with pytest.raises(NewProjectError, match="choose one of exo-connector, xcally-html"):
        create_project("nope", tmp_path / "y", samples=samples)
    with pytest.raises(NewProjectError, match="--type does not apply to xcally-html"):
        create_project("xcally-html", tmp_path / "z", "acme", samples=samples)


def test_cli_reports_bad_usage_with_exit_2(tmp_path, capsys):
    assert main(["new", "exo-connector", str(tmp_path / "c"), "--type", "Bad-Type"]) == 2
    assert "one lowercase word" in capsys.readouterr().err


real_connector = pytest.mark.skipif(not (SAMPLES / "exo-connector").is_dir(), reason="connector sample not present")


@real_connector
def test_new_connector_from_the_real_sample_validates_without_errors(tmp_path, capsys):
    dest = tmp_path / "zoomy"
    code = main(["new", "exo-connector", str(dest), "--type", "zoomy", "--title", "Zoomy Rooms"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "0 error(s)" in out.out
    assert leftovers(dest, Renaming("zoomy", "Zoomy Rooms")) == []
    assert list(dest.rglob("ZoomyProvider.java"))
    assert (dest / "webapp/src/main/webapp/js/webconferencing-zoomy.js").is_file()


@pytest.mark.parametrize("sample", ["pexip-recording", "pexip-conference-tools", "xcally-script", "xcally-html"])
def test_every_other_real_sample_can_be_created_and_validates(sample, tmp_path, capsys):
    if not (SAMPLES / sample).is_dir():
        pytest.skip(f"{sample} not present")
    code = main(["new", sample, str(tmp_path / sample)])
    assert code == 0, capsys.readouterr().err
