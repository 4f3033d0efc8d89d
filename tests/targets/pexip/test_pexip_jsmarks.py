"""The text tests that pick the literals worth a look on the tree miss none the reference reader keeps: names and
literals a rule reads, written every way the grammar allows around them (comments, line breaks, escapes, quoted and
computed keys, characters outside ASCII)."""

from __future__ import annotations

import random

import pytest
from reference_jsreader import ReferenceReader

from workbench.core.treesitter import parse
from workbench.targets.pexip.jsfacts import _Extractor
from workbench.targets.pexip.jsinterest import kept_name, looks_like_token, may_name_a_kept
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


def program(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 6)):
        form = rng.choice(FORMS)
        out.append(form.format(n=rng.choice(NAMES), k=rng.choice(KEYS), v=rng.choice(VALUES),
                               g1=rng.choice(GAPS), g2=rng.choice(GAPS)))
    return rng.choice(["\n", " ", ";\n", "\r\n"]).join(out)


def test_generated_programs_give_the_reference_facts():
    rng, clean = random.Random(18), 0
    for _ in range(600):
        code = program(rng)
        fast, reference = both(code)
        assert fast == reference, code
        clean += not fast.syntax
    assert clean > 300  # most are valid code, read through the text tests (broken code is read in full)


def test_the_generated_programs_hold_what_the_rules_read():
    rng = random.Random(18)
    facts = [both(program(rng))[1] for _ in range(200)]
    assert sum(len(f.tokens) for f in facts) > 50 and sum(len(f.assigned_strings) for f in facts) > 50
    assert sum(len(f.http_urls) for f in facts) > 20


@pytest.mark.parametrize("name", ["apiKey", "API_KEY", "api-key", "P_wd", "to_ken", "SECRET", "cliéntSecret",
                                  "menu_icon", "ICON", "privateKey", "pass word", "x.y.accessKey", "#token", "passwd",
                                  "Authorization"])
def test_the_name_test_keeps_every_name_a_rule_reads(name):
    assert kept_name(name) and may_name_a_kept(name.encode())


def test_every_kept_name_passes_the_name_test():
    """Every pair of words, and every word, of the secret words split anywhere: the text test keeps them."""
    from workbench.targets.pexip.jsinterest import SECRET_WORDS
    for word in sorted(SECRET_WORDS) + ["icon"]:
        for cut in range(1, len(word)):
            for joined in (word[:cut] + "_" + word[cut:], word[:cut] + word[cut:].capitalize(),
                           word[:cut].upper() + "$" + word[cut:]):
                if kept_name(joined):
                    assert may_name_a_kept(joined.encode()), joined


def test_token_quotes_are_a_superset_of_token_literals():
    code = b"a('sk_live_0123456789abcdefghij', \"f3a9c1e07b5d42a8e6c4b2d19f0a7e35c8b6d4f2\", 'short', 'two words')"
    found = token_quotes(code)
    assert [code[q + 1: code.index(code[q: q + 1], q + 1)].decode() for q in found] == [
        "sk_live_0123456789abcdefghij", "f3a9c1e07b5d42a8e6c4b2d19f0a7e35c8b6d4f2"]
    assert all(looks_like_token(code[q + 1: code.index(code[q: q + 1], q + 1)].decode()) for q in found)


def test_value_quotes_skip_plain_names_and_comparisons():
    code = b"var o = {name: 'a', endpoint: 'b', 'label': 'c'}; if (x === 'd') { apiKey = 'e'; y = 'f'; }"
    assert [code[q + 1: q + 2] for q in value_quotes(code)] == [b"e"]
