"""docs/rules.md is the generated reference of every diagnostic code, and codes are unique and documented."""

from pathlib import Path

from workbench.commands.rules import all_rules, markdown

REPO = Path(__file__).resolve().parents[1]


def test_rules_reference_is_up_to_date():
    assert (REPO / "docs" / "rules.md").read_text() == markdown(), \
        "docs/rules.md is stale: regenerate it with `python -m workbench rules --format markdown > docs/rules.md`"


def test_every_code_is_unique_and_explains_the_fix():
    codes = [r.code for _, rules in all_rules() for r in rules]
    assert len(codes) == len(set(codes))
    for _, rules in all_rules():
        for r in rules:
            assert r.title and r.trigger and r.fix, r.code
