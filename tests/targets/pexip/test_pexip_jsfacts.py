"""What the JavaScript reader understands: aliases, IIFE forms, registered keys, security heuristics."""

import pytest

from workbench.core.files import ProjectFiles
from workbench.targets.pexip.jsfacts import js_facts
from workbench.targets.pexip.rules_security import is_secret_name, looks_like_token


def facts(tmp_path, code: str):
    return js_facts(ProjectFiles(tmp_path, {"p.js": code}), "p.js")


@pytest.mark.parametrize("code", [
    "(function () { PEX.pluginAPI.registerPlugin({id: 'a'}); })();",
    "(function () { PEX.pluginAPI.registerPlugin({id: 'a'}); }());",
    "(() => { PEX.pluginAPI.registerPlugin({id: 'a'}); })();",
    "'use strict';\n!function () { PEX.pluginAPI.registerPlugin({id: 'a'}); }();",
    "// header\n(function () { PEX.pluginAPI.registerPlugin({id: 'a'}); }).call(this);",
])
def test_iife_forms_are_recognised(tmp_path, code):
    f = facts(tmp_path, code)
    assert f.globals_created == [] and len(f.registers) == 1 and f.registers[0].id_value == "a"


def test_aliases_shorthand_methods_and_variables(tmp_path):
    f = facts(tmp_path, """(function () {
      var api = window.PEX.pluginAPI;
      var ID = 'x-1';
      var plugin = {id: ID, load, unload() {}, 'go': function () { api.openDialog(); }};
      api.registerPlugin(plugin);
    })();""")
    reg = f.registers[0]
    assert set(reg.keys) == {"id", "load", "unload", "go"} and reg.id_value == "x-1"
    assert sorted(c.name for c in f.api_calls) == ["openDialog", "registerPlugin"]


def test_spread_makes_registered_keys_unknown(tmp_path):
    f = facts(tmp_path, "(function () { PEX.pluginAPI.registerPlugin({id: 'a', ...handlers}); })();")
    assert f.registers[0].keys is None


def test_secret_names_and_tokens():
    assert all(map(is_secret_name, ["apiKey", "API_KEY", "authToken", "clientSecret", "password", "accessToken"]))
    assert not any(map(is_secret_name, ["passwordInput", "tokenUrl", "key", "monkey", "secretary", "alias",
                                        "credentials", "auth"]))
    assert looks_like_token("ghp_0123456789abcdefghijABCDEFGHIJ0123")
    assert looks_like_token("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")
    assert not looks_like_token("assets/images/stopRecording.svg#stopRecording")
    assert not looks_like_token("./custom_configuration/plugins/layout-tools/assets/layouts.json")
    assert not looks_like_token("[Conference] Connect Success")
    # plugin ids read as words and numbers, however long
    assert not looks_like_token("video-mute-participant-plugin-1.0")
    assert not looks_like_token("raise-hand-notification-plugin-2.10")
    assert looks_like_token("f3a9c1e07b5d42a8e6c4b2d19f0a7e35c8b6d4f2")


@pytest.mark.parametrize("code, created", [
    ("var greeting = 'hi';\n(function () {})();", ["greeting"]),
    ("function load() {}\nclass Helper {}\nlet a = 1, {b, c: [d]} = x;", ["load", "Helper", "a", "b", "d"]),
    ("count = 0;", ["count"]),
    ("var n = 0; n = 1;", ["n"]),
    # no globals: a bundle's IIFE, top-level calls, property assignments
    ('"use strict";(()=>{var e={};window.PEX.pluginAPI.registerPlugin({id:"x",load:()=>e})})();', []),
    ("window.PEX.pluginAPI.registerPlugin({id: 'x', load: function () {}});", []),
    ("window.myPluginLoaded = true;", []),
])
def test_globals_a_file_creates(tmp_path, code, created):
    assert [g.name for g in facts(tmp_path, code).globals_created] == created


def test_keys_added_after_the_object_literal_count(tmp_path):
    f = facts(tmp_path, """(function () {
      var plugin = {id: 'a', load: function () {}};
      plugin.run = function () {};
      PEX.pluginAPI.registerPlugin(plugin);
    })();""")
    assert set(f.registers[0].keys) == {"id", "load", "run"}
    g = facts(tmp_path, """(function () {
      var plugin = {id: 'a'};
      PEX.pluginAPI.registerPlugin(plugin);
      Object.assign(plugin, handlers);
    })();""")
    assert g.registers[0].keys is None
