"""Each broken XCALLY fixture gives its code at the expected place through `workbench validate --format json`."""

import pytest
from clihelpers import validate_json
from testpaths import FIXTURES, SAMPLES

# (fixture, code, file, line, column, exit code)
CASES = [
    ("official-script-example", "JSON002", "manifest.json", 15, 29, 1),
    ("official-script-example", "XC015", "app/index.js", 1, 23, 1),
    ("missing-description", "XC002", "manifest.json", 1, 1, 1),
    ("version-number", "XC003", "manifest.json", 3, 14, 1),
    ("bad-type", "XC004", "manifest.json", 5, 11, 1),
    ("bad-sidebar", "XC005", "manifest.json", 6, 14, 1),
    ("script-missing-scriptname", "XC006", "manifest.json", 8, 17, 1),
    ("script-path-missing", "XC007", "manifest.json", 10, 19, 1),
    ("html-no-views", "XC008", "manifest.json", 8, 17, 1),
    ("html-view-missing", "XC009", "manifest.json", 10, 16, 1),
    ("version-format", "XC010", "manifest.json", 3, 14, 0),
    ("icon-form", "XC011", "manifest.json", 7, 11, 0),
    ("icon-unconfirmed", "XC012", "manifest.json", 7, 11, 0),
    ("require-without-package-json", "XC015", "app/index.js", 3, 19, 1),
    ("dependency-not-declared", "XC016", "app/index.js", 3, 30, 0),
    ("relative-require-missing", "XC017", "app/index.js", 3, 24, 0),
    ("js-syntax-error", "XC018", "app/index.js", 4, 15, 1),
    ("agentonly-without-agent-view", "XC019", "manifest.json", 6, 14, 0),
    ("http-view", "XC020", "manifest.json", 10, 16, 0),
    ("view-not-html", "XC021", "manifest.json", 10, 16, 0),
]


@pytest.mark.parametrize("fixture, code, file, line, column, exit_code", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_fixture_reports_code_at_position(fixture, code, file, line, column, exit_code, capsys):
    status, diags = validate_json(FIXTURES / "xcally" / fixture, capsys)
    assert status == exit_code
    assert {"code": code, "file": file, "line": line, "column": column}.items() <= \
        next((d for d in diags if d["code"] == code and d["line"] == line), {}).items(), diags
    assert set(diags[0]) == {"code", "severity", "message", "file", "line", "column", "endLine", "endColumn"}


def test_official_example_only_needs_the_comma_and_a_package_json(capsys):
    _, diags = validate_json(FIXTURES / "xcally" / "official-script-example", capsys)
    assert sorted(d["code"] for d in diags) == ["JSON002", "XC015"]
    comma = next(d for d in diags if d["code"] == "JSON002")
    assert (comma["endLine"], comma["endColumn"]) == (15, 30)


def test_single_top_folder_plugin_validates_clean(capsys):
    status, diags = validate_json(FIXTURES / "xcally" / "single-top-folder", capsys)
    assert (status, diags) == (0, [])


@pytest.mark.parametrize("sample", ["xcally-script", "xcally-html"])
def test_samples_have_no_diagnostics(sample, capsys):
    status, diags = validate_json(SAMPLES / sample, capsys)
    assert (status, diags) == (0, [])
