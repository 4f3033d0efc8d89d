"""The settings a provider's JavaScript gets, built as eXo builds them (core fields, the Java getSettings() read
from the source, the XML), and the add-on's modules as eXo's AMD loader sees them."""

from __future__ import annotations

import shutil

from testpaths import FIXTURES, SAMPLES

from workbench.targets.exo import TARGET
from workbench.targets.exo.modules import module_graph
from workbench.targets.exo.providers import read_add_on

DUO = FIXTURES / "exo_runtime" / "duo-connector"


def providers(root):
    add_on = read_add_on(TARGET.detect(root))
    return add_on, {p.type: p for p in add_on.providers}


def test_every_provider_of_an_add_on_is_read_with_its_module():
    add_on, found = providers(DUO)
    assert add_on.war == "duo-calls"
    assert [(p.type, p.title, p.module_name) for p in add_on.providers] == [
        ("duo", "Duo Meet", "webConferencing_duo"), ("duovoice", "Duo Voice", "webConferencing_duovoice")]


def test_java_get_settings_is_evaluated_from_the_source():
    _, found = providers(DUO)
    duo = found["duo"]
    assert duo.settings == {
        # the core's base fields
        "active": True, "type": "duo", "supportedTypes": ["duo", "duo-video"], "title": "Duo Meet", "version": "2.1.0",
        "messages": {"UICallPopup.label.join": "Join the call", "UICallPopup.label.start": "Start a call"},
        # DuoSettings' getters: the XML value through this(null, params), config.get and trim() in a condition
        "serviceUrl": "https://meet.duo.example", "callUri": "/duo-calls/call", "groupCalls": True,
        "rtcConfiguration": {"bundlePolicy": None, "iceCandidatePoolSize": 0, "iceServers": []},
        "secretHash": None,
    }
    assert duo.origins["serviceUrl"] == "java" and duo.origins["version"] == "base"
    assert list(duo.unreadable) == ["secretHash"]  # Hashes.sha256(secret): named, not guessed
    assert "DuoSettings.getSecretHash()" in duo.unreadable["secretHash"]


def test_the_templates_older_settings_shape_is_read_too():
    _, found = providers(DUO)
    voice = found["duovoice"].settings
    assert (voice["callTitle"], voice["joinTitle"], voice["number"]) == ("Call", "Join", "+33 1 23 45 67 89")
    assert voice["version"] == "1.0" and voice["active"] is True


def test_a_provider_keeping_the_core_settings_gets_the_base_and_the_xml_properties():
    _, found = providers(FIXTURES / "exo_runtime" / "template-connector")  # no getSettings() of its own
    myconf = found["myconf"]
    assert myconf.settings["serviceUrl"] == "https://conf.example.org"
    assert myconf.origins["serviceUrl"] == "xml" and myconf.settings["type"] == "myconf"
    assert myconf.unreadable == {}  # nothing to read: the session log names no setting as unknown


def test_a_getsettings_that_cannot_be_read_is_named(tmp_path):
    root = tmp_path / "c"
    shutil.copytree(FIXTURES / "exo_runtime" / "template-connector", root)
    java = root / "services/src/main/java/org/example/myconf/MyConfProvider.java"
    text = java.read_text()
    java.write_text(text[:text.rindex("}")] + "  @Override\n  public Settings getSettings() {\n"
                    "    return Registry.lookup(TYPE);\n  }\n}\n")
    _, found = providers(root)
    assert "no getSettings() of the provider class could be read" in found["myconf"].unreadable["(settings)"]
    assert found["myconf"].origins["serviceUrl"] == "xml"


def test_the_samples_settings_come_from_its_settings_class():
    _, found = providers(SAMPLES / "exo-connector")
    acme = found["acme"].settings
    assert (acme["url"], acme["serviceUrl"], acme["clientId"]) == ("/acme", "https://meet.acme.example", "workbench-demo")


def test_modules_carry_their_dependencies_under_their_aliases():
    add_on, _ = providers(DUO)
    project = TARGET.detect(DUO)
    graph = module_graph(project.files(), add_on.layout, add_on.war)
    duo = graph["webConferencing_duo"]
    assert duo["deps"] == ["jquery", "webConferencing", "duoHelper", "webConferencing_duoButton"]
    # jquery is `$` (its own alias on portal pages), duoHelper its module alias, the button its local <as>
    assert duo["params"] == ["$", "webConferencing", "helper", "callButton"]
    assert duo["url"] == "/duo-calls/js/webconferencing-duo.js"
    assert graph["webConferencing_duovoice"]["params"] == ["jq", "wc"]
    missing = graph["webConferencing_duoButton"]["error"]
    assert "/js/callButton.bundle.js is built by webpack (entry `callButton` in webapp/webpack.prod.js)" in missing
    assert "run `npm run build` in webapp" in missing


def test_a_missing_script_without_a_webpack_build_is_named(tmp_path):
    root = tmp_path / "duo"
    shutil.copytree(DUO, root)
    (root / "webapp/webpack.prod.js").unlink()
    (root / "webapp/src/main/webapp/js/duo-helper.js").unlink()
    project = TARGET.detect(root)
    add_on = read_add_on(project)
    graph = module_graph(project.files(), add_on.layout, add_on.war)
    assert graph["duoHelper"]["error"] == ("module duoHelper: its script /js/duo-helper.js is not under "
                                           "webapp/src/main/webapp: add it or correct the path")
