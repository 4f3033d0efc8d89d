"""The JavaScript reader that scales gives the facts (and so the findings) of the straightforward one, on every
construct the rules look at, on every JavaScript file of the repository, and on broken and minified code."""

from __future__ import annotations

import pytest
from reference_jsreader import ReferenceReader
from testpaths import REPO

from workbench.core.files import ProjectFiles
from workbench.core.treesitter import error_nodes, parse, walk
from workbench.targets.pexip.jsfacts import _Extractor, js_facts

CONSTRUCTS = {
    "aliases": """(function () {
      var api = window.PEX.pluginAPI, reg = api.registerPlugin, ls = PEX.localStorage;
      var later = api;
      (api).sendChatMessage('a');
      api /* why */ .dialOut('b');
      self.api.spotlightOnParticipant(1);
      reg({id: 'x', load: load});
      ls.token = 'abcd';
      globalThis.PEX.pluginAPI.changeConferenceLayout('1:7');
    })();""",
    "alias of alias declared first": "var r = a.registerPlugin; var a = PEX.pluginAPI; r({id: 'y'}); a.openTemplateDialog({});",
    "registered object built in steps": """(function () {
      var ID = 'p-1.0';
      var plugin = {id: ID, load, unload() {}, 'go': function () {}, ['comp' + 'uted']: 1};
      plugin.run = function () {}; plugin['stop'] = stop; plugin.run = again;
      other.thing = 1;
      PEX.pluginAPI.registerPlugin(plugin);
      PEX.pluginAPI.registerPlugin({id: ID, ...more});
    })();""",
    "opaque object": "var p = {id: 'a'}; Object.assign(p, extra); PEX.pluginAPI.registerPlugin(p);",
    "security": """
      var apiKey = 'sk_live_0123456789abcdefghij', password = `hunter22`, tpl = `x${y}`;
      config.clientSecret = "s3cr3t-value"; headers['Authorization'] = 'Bearer abcdefgh';
      localStorage.setItem('authToken', token); sessionStorage.setItem(key); window.localStorage.password = pw;
      localStorage['refreshToken'] = t;
      eval('1'); window.eval(code); new Function('a', 'return a'); new window.Function('b'); Function('c')();
      fetch('http://api.example.com/x?a=1'); var ns = 'http://www.w3.org/2000/svg';
      var t2 = `see http://docs.example.com/a and ${'http://inner.example.com/'} then http://tail.example.com`;
      var token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    """,
    "v21 dialogs": """PEX.pluginAPI.openTemplateDialog({title: 't'}).subscribe(function (ref) {
      ref.viewInit$.subscribe(go); other.viewInit$; x['viewInit$'];
    });""",
    "top level": "'use strict';\n#!/usr/bin/env node\nvar leak = 1;\n;(function () {})();\nfunction f() {}\n",
    "strings everywhere": """var o = {'quoted key': "it's", "k2": 'say "hi"', k3: `plain`, k4: `with ${sub}`};
      f('a', "b", `c`, /'not a string'/, 1 / 2 / 3, '/');  // it's a comment with 'quotes'
      /* and "here" */ var jsx = `'`; var esc = 'a\\'b' + "c\\"d";
      a = b = 'chained'; x.y.z = 'deep'; arr[0] = 'index'; arr['k'] = 'keyed'; ({a} = 'destructured');
      import('mod'); var s = require('./x');""",
    "non-ascii": "var é = PEX.pluginAPI; é.sendChatMessage('héllo wörld 😀'); var k = {clé: 'vålue'};"
                 " fetch('http://ünï.example.com');",
    "syntax errors": "(function () { PEX.pluginAPI.registerPlugin({id: 'a', load: function ( {}); var s = 'x",
    "more syntax errors": "var a = ; f(,); PEX.pluginAPI.sendChatMessage('ok'; { 'a': } ]",
    "minified": "!function(e,t){var n=window.PEX.pluginAPI,r={id:\"min-1.0\",load:function(){n.sendChatMessage("
                "'hi')},unload:function(){},go:function(){localStorage.setItem('apiToken',t)}};n.registerPlugin(r)}"
                "(this,'abcdefghijklmnopqrstuvwxyz0123456789ABCD');" * 3,
}


def both(code: str):
    src = parse("javascript", code)
    return _Extractor(src, "p.js").run(), ReferenceReader(src, "p.js").run()


def assert_same(fast, reference):
    for name in reference.__dataclass_fields__:
        assert getattr(fast, name) == getattr(reference, name), name


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_every_construct_gives_the_reference_facts(name):
    fast, reference = both(CONSTRUCTS[name])
    assert_same(fast, reference)


def test_the_constructs_exercise_every_fact():
    """The corpus above would catch a reader that dropped a kind of fact (each list is non-empty somewhere)."""
    facts = [both(code)[1] for code in CONSTRUCTS.values()]
    for name in facts[0].__dataclass_fields__:
        if name != "file":
            assert any(getattr(f, name) for f in facts), name


def repository_sources() -> list:
    skip = ("node_modules", ".git")
    return sorted(p for p in REPO.rglob("*.js") if not any(part in skip for part in p.parts))


def as_a_plugin(code: str) -> str:
    """The same code made to use the plugin API through aliases, parenthesised and commented callees."""
    return ("var api = PEX.pluginAPI, e = window.PEX.pluginAPI.registerPlugin, s = PEX.localStorage.setItem;\n"
            + code.replace("console.", "(api).").replace("JSON.", "window.PEX.pluginAPI.")
            .replace("Object.keys(", "e(").replace("Math.", "api /*x*/ .").replace("Array.isArray(", "s("))


@pytest.mark.parametrize("rewrite", [str, as_a_plugin], ids=["as written", "as a plugin"])
def test_every_javascript_file_of_the_repository_gives_the_reference_facts(rewrite):
    sources = repository_sources()
    assert len(sources) > 20
    for path in sources:
        fast, reference = both(rewrite(path.read_text(encoding="utf-8", errors="replace")))
        assert fast == reference, path


def test_syntax_errors_are_found_without_walking_clean_subtrees():
    for code in (CONSTRUCTS["syntax errors"], CONSTRUCTS["more syntax errors"], "({)", "var x = 'unterminated"):
        root = parse("javascript", code).root
        assert list(error_nodes(root)) == [n for n in walk(root) if n.is_error or n.is_missing]
        assert list(error_nodes(root))


def test_a_position_on_a_long_minified_line_counts_characters(tmp_path):
    """One 1.2 MB line with multi-byte characters: every finding's column is in characters, as on a short line."""
    unit = "n.sendChatMessage('é😀 http://x.example.com/');"
    code = "!function(){var n=PEX.pluginAPI;" + unit * 25000 + "}();"
    files = ProjectFiles(tmp_path, {"p.js": code})
    facts = js_facts(files, "p.js")
    assert len(facts.http_urls) == 25000 and len(facts.api_calls) == 25000
    for found in facts.http_urls[::997] + facts.api_calls[::997]:
        start = found.range.start
        assert start.line == 1 and code[start.column - 1:].startswith(("http://", "sendChatMessage"))


def test_a_file_above_the_limit_gets_an_info_instead_of_the_deep_checks(tmp_path, monkeypatch):
    from plugin_projects import pexip_plugin

    from workbench.core import jsbudget
    from workbench.core.validation import validate
    from workbench.registry import open_project

    broken = "eval('x'); var apiKey = 'sk_live_0123456789abcdefghij'; (function ( {"
    target, project = open_project(pexip_plugin(tmp_path, broken))
    codes = {d.code for d in validate(target, project)}
    assert {"PEX019", "PEX028", "PEX029"} <= codes and "WB004" not in codes
    monkeypatch.setattr(jsbudget, "DEEP_CHECKS_MAX_BYTES", len(broken) - 1)
    found = validate(target, project)
    assert [d.code for d in found if d.file.endswith(".plugin.js")] == ["WB004"]
    [info] = [d for d in found if d.code == "WB004"]
    assert info.severity.value == "info" and "not checked" in info.message


def test_a_bundle_whose_facts_are_known_is_not_parsed_again(tmp_path, monkeypatch):
    """The window validates again on every change: an unchanged large bundle's tree is not rebuilt each time."""
    from workbench.core import files as files_module

    code = "!function(){var n=PEX.pluginAPI;" + "n.sendChatMessage('x');" * 60000 + "}();"
    assert len(code) > files_module.TREE_CACHE_MAX_BYTES
    parses = []
    real = files_module._parse_data
    monkeypatch.setattr(files_module, "_parse_data", lambda lang, data: parses.append(lang) or real(lang, data))
    (tmp_path / "p.js").write_text(code)
    first = js_facts(ProjectFiles(tmp_path), "p.js")
    again = js_facts(ProjectFiles(tmp_path), "p.js")
    assert again == first and len(first.api_calls) == 60000 and parses == ["javascript"]
