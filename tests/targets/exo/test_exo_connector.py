"""The connector reader the host emulation and export use, and the settings editor."""

import pytest
from fixturetree import materialize
from testpaths import SAMPLES

from workbench.core.validation import validate
from workbench.registry import open_project
from workbench.targets.exo import TARGET
from workbench.targets.exo.connector import read_connector, resolve_placeholders, set_provider_property
from workbench.targets.exo.layout import find_provider_config

CONFIG = "webapp/src/main/webapp/WEB-INF/conf/acme/configuration.xml"


def sample():
    return TARGET.detect(SAMPLES / "exo-connector")


def test_read_connector_of_the_sample():
    info = read_connector(sample())
    assert (info.type, info.title, info.war_name) == ("acme", "Acme Meet", "acme")
    assert info.provider_class == "org.example.webconferencing.acme.AcmeProvider"
    assert info.provider_source == "services/src/main/java/org/example/webconferencing/acme/AcmeProvider.java"
    assert info.config_xml == CONFIG
    assert info.settings == {"active": "true", "description": "Video calls with Acme Meet",
                             "acme-serviceUrl": "https://meet.acme.example", "acme-clientId": "workbench-demo"}
    assert info.raw_settings["acme-serviceUrl"] == "${webconferencing.acme.serviceUrl:https://meet.acme.example}"
    assert (info.js_module, info.js_module_name) == ("webapp/src/main/webapp/js/webconferencing-acme.js",
                                                     "webConferencing_acme")
    assert info.call_page == "webapp/src/main/webapp/WEB-INF/pages/call.jsp"
    assert info.services_artifact == "web-conferencing-acme-services"


def test_read_connector_sees_unsaved_buffers():
    project = sample()
    text = (project.root / CONFIG).read_text().replace("workbench-demo", "from-buffer")
    info = read_connector(project, project.files({CONFIG: text}))
    assert info.settings["acme-clientId"] == "from-buffer"


@pytest.mark.parametrize("raw, resolved", [
    ("${a.b:https://x:1/y}", "https://x:1/y"), ("plain", "plain"), ("${a.b}", "${a.b}"),
    ("pre-${a:1}-${b:2}", "pre-1-2"), ("${unterminated:x", "${unterminated:x"),
])
def test_placeholders_resolve_to_defaults(raw, resolved):
    assert resolve_placeholders(raw) == resolved


def test_set_provider_property_changes_one_value_only():
    text = (SAMPLES / "exo-connector" / CONFIG).read_text()
    edited = set_provider_property(text, "description", 'Calls & "meetings"')
    changed = [(a, b) for a, b in zip(text.splitlines(), edited.splitlines(), strict=True) if a != b]
    assert changed == [('          <property name="description" value="Video calls with Acme Meet" />',
                        '          <property name="description" value="Calls &amp; &quot;meetings&quot;" />')]


def test_set_provider_property_keeps_the_placeholder_and_changes_its_default(tmp_path):
    text = (SAMPLES / "exo-connector" / CONFIG).read_text()
    edited = set_provider_property(text, "acme-serviceUrl", "https://meet.other.example")
    assert '"${webconferencing.acme.serviceUrl:https://meet.other.example}"' in edited
    project = sample()
    info = read_connector(project, project.files({CONFIG: edited}))
    assert info.settings["acme-serviceUrl"] == "https://meet.other.example"


def test_set_provider_property_adds_a_missing_property_with_the_same_indent():
    text = (SAMPLES / "exo-connector" / CONFIG).read_text()
    edited = set_provider_property(text, "acme-region", "eu")
    lines = edited.splitlines()
    i = lines.index('          <property name="acme-region" value="eu"/>')
    assert "acme-clientId" in lines[i - 1] and "</properties-param>" in lines[i + 1]
    assert len(lines) == len(text.splitlines()) + 1


def test_set_provider_property_without_provider_configuration_raises():
    with pytest.raises(ValueError):
        set_provider_property("<configuration/>", "active", "true")


def test_detect_and_outline():
    target, project = open_project(SAMPLES / "exo-connector")
    assert (target.name, project.kind, project.details["config"]) == ("exo", "exo-connector", CONFIG)
    [node] = TARGET.outline(project, project.files())
    assert node.label == "Acme Meet (acme)"
    labels = [c.label for c in node.children]
    assert labels[:4] == ["provider class AcmeProvider", "provider configuration", "JS module webConferencing_acme",
                          "call page"]
    assert [c.file for c in node.children[-1].children][:1] == ["pom.xml"]


def test_maven_project_without_call_provider_is_not_claimed(tmp_path):
    (tmp_path / "pom.xml").write_text("<project/>")
    conf = tmp_path / "webapp/src/main/webapp/WEB-INF/conf/other/configuration.xml"
    conf.parent.mkdir(parents=True)
    conf.write_text("<configuration><component><type>x.Y</type></component></configuration>")
    assert TARGET.detect(tmp_path) is None
    assert find_provider_config(tmp_path) is None


def test_provider_configuration_edits_reach_validation(tmp_path):
    project = TARGET.detect(materialize("exo", "active-not-boolean", tmp_path / "active-not-boolean"))
    rel = project.details["config"]
    text = (project.root / rel).read_text()
    assert [d.code for d in validate(TARGET, project)] == ["EXO016"]
    fixed = set_provider_property(text, "active", "true")
    assert validate(TARGET, project, {rel: fixed}) == []
