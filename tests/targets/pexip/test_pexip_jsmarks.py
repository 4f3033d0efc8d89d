"""The text tests that pick the literals worth a look on the tree miss none the reference reader keeps: names and
literals a rule reads, written every way the grammar allows around them (comments, line breaks, escapes, quoted and
computed keys, characters outside ASCII)."""

from __future__ import annotations

import random

import pytest
from reference_jsreader import ReferenceReader

from workbench.core.treesitter import parse
from workbench.targets.pexip.jsfacts import _Extractor
from workbench.targets.pexip.jsinterest import kept_name, looks_like_token
from workbench.targets.pexip.jsmarks import token_quotes, value_quotes

NAMES = ["apiKey", "API_KEY", "P_wd", "to_ken", "icon", "menuIcon", "label", "x", "tokén", "\\u0074oken", "pass$word",
         "keyCode", "value", "clientSecret", "authorization", "$secret", "passwordInput", "ïcon"]
KEYS = NAMES + ["'api key'", '"to-ken"', "'it\\'s a token'", "[apiKey]", "'pass\\\nword'", "'icon'", "'label'",
                "\"say 'token'\"", "0", "'a:b'"]
VALUES = ["'abcd1234'", "'sk_live_0123456789abcdefghij'", '"f3a9c1e07b5d42a8e6c4b2d19f0a7e35c8b6d4f2"', "`abcd`",
          "`a${b}c`", "'assets/icons.svg#mic'", "'http://a.example.com/x'", "`see http://b.example.com`", "null",
          "'ab\\'cdefghijklmnopqrstuvwxyz0123456789'", "\"ghp_0123456789abcdefghijABCDEFGHIJ0123\""]
GAPS = ["", " ", "\n", " /* c */ ", " // c\n", "\r", "\u00a0", "\t", "\n\n  ", " // it's: 'x'\n", "\r\n", "\u2028"]
FORMS = ["var {n}{g1}={g2}{v};", "o.{n}{g1}={g2}{v};", "o[{k}]{g1}={g2}{v};", "({{{k}{g1}:{g2}{v}}});",
         "f(c ? {n}{g1}:{g2}{v});", "y = a{g1}==={g2}{v};", "z += {v}; label{g1}:{g2}{v};",
         "({{a: 1, {k}{g1}:{g2}{v}, b: {v}}});", "s = '{n}: ' + {v};", "t = `${{{n}}}:{g2}` + {v};",
         "switch (a) {{ case {v}{g1}:{g2}{v}; }}", "var q = [{v},{g2}{v}];"]


def both(code: str):
    src = parse("javascript", code)
    return _Extractor(src, "p.js").run(), ReferenceReader(src, "p.js").run()


CALLEES = ["PEX.pluginAPI.sendChatMessage", "api.dialOut", "(api).spotlightOnParticipant", "api /* c */ .dialOut",
           "api\n.changeConferenceLayout", "api?.sendChatMessage", "window.PEX.pluginAPI.nope", "reg", "eval",
           "window.eval", "Function", "localStorage.setItem", "ls.setItem", "Object.assign", "PEX.pluginAPI['dialOut']",
           "PEX.pluginAPI.openTemplateDialog({}).subscribe", "f(PEX.pluginAPI.dialOut)", "PEX . pluginAPI . dialOut",
           "api.registerPlugin", "PEX.pluginAPI.openTemplateDialog", "api.x.y", "new Function", "api.dialOut + f",
           "api && api.dialOut", "ls.token = t", "(ls).token = t", "ls['token'] = t", "ls /* c */ .token = t",
           "ls\n.token = t", "localStorage.apiToken = t", "x = ls.token", "ls.password\t= reg", "(0, eval)",
           "(function (e, api) { ls.x = api })", "((api))", "(reg) /* c */"]
ARGS = ["()", "(p)", "('token', t)", "`t`", "?.(1)", " (o, {id: 'a', go() {}})", "(1)(2)", "\n('a')"]


def calls(rng: random.Random) -> str:
    out = ["var api = PEX.pluginAPI, reg = api.registerPlugin, ls = window.localStorage, p = {id: 'x'};"]
    for _ in range(rng.randint(1, 8)):
        out.append(rng.choice(CALLEES) + rng.choice(ARGS) + rng.choice([";", "\n", ";\n", ","]))
    return "".join(out)


def program(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 6)):
        form = rng.choice(FORMS)
        out.append(form.format(n=rng.choice(NAMES), k=rng.choice(KEYS), v=rng.choice(VALUES),
                               g1=rng.choice(GAPS), g2=rng.choice(GAPS)))
    return rng.choice(["\n", " ", ";\n", "\r\n"]).join(out)


@pytest.mark.parametrize("generate, counted", [
    (program, lambda f: len(f.tokens) + len(f.assigned_strings) + len(f.http_urls)),
    (calls, lambda f: len(f.api_calls) + len(f.dynamic_code) + len(f.storage_writes)),
], ids=["literals", "calls"])
def test_generated_programs_give_the_reference_facts(generate, counted):
    rng, clean, found = random.Random(18), 0, 0
    for _ in range(500):
        code = generate(rng)
        fast, reference = both(code)
        assert fast == reference, code
        clean += not fast.syntax
        found += counted(fast)
    # most are valid code, read through the text tests (broken code is read in full), and hold many facts
    assert clean > 250 and found > 500


def test_the_generated_programs_hold_what_the_rules_read():
    rng = random.Random(18)
    facts = [both(program(rng))[1] for _ in range(200)]
    assert sum(len(f.tokens) for f in facts) > 50 and sum(len(f.assigned_strings) for f in facts) > 50
    assert sum(len(f.http_urls) for f in facts) > 20


def kept_names():
    """Names a rule reads: the secret words and 'icon', split anywhere the way names are written."""
    from workbench.targets.pexip.jsinterest import SECRET_WORDS
    names = ["apiKey", "API_KEY", "cliéntSecret", "menu_icon", "ICON", "privateKey", "x.y.accessKey", "#token"]
    for word in sorted(SECRET_WORDS) + ["icon"]:
        for cut in range(1, len(word)):
            names += [word[:cut] + "_" + word[cut:], word[:cut] + word[cut:].capitalize(),
                      word[:cut].upper() + "$" + word[cut:]]
    return [n for n in names if kept_name(n)]


@pytest.mark.parametrize("form", ["o.{} = 'v'", "var {} = 'v'", "({{{}: 'v'}})", "({{'{}': 'v'}})", "({{\"{}\" :\n'v'}})"])
def test_value_quotes_keep_every_name_a_rule_reads(form):
    names = kept_names()
    assert len(names) > 60
    for name in names:
        code = form.format(name).encode()
        assert value_quotes(code) == [code.rindex(b"'v'")], code


def test_token_quotes_are_a_superset_of_token_literals():
    code = b"a('sk_live_0123456789abcdefghij', \"f3a9c1e07b5d42a8e6c4b2d19f0a7e35c8b6d4f2\", 'short', 'two words')"
    found = token_quotes(code)
    assert [code[q + 1: code.index(code[q: q + 1], q + 1)].decode() for q in found] == [
        "sk_live_0123456789abcdefghij", "f3a9c1e07b5d42a8e6c4b2d19f0a7e35c8b6d4f2"]
    assert all(looks_like_token(code[q + 1: code.index(code[q: q + 1], q + 1)].decode()) for q in found)


def test_value_quotes_skip_plain_names_and_comparisons():
    code = b"var o = {name: 'a', endpoint: 'b', 'label': 'c'}; if (x === 'd') { apiKey = 'e'; y = 'f'; }"
    assert [code[q + 1: q + 2] for q in value_quotes(code)] == [b"e"]
