"""Each broken fixture, validated through the command line, reports its code at the expected place."""

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from fixturetree import materialize

from workbench.cli import main

REPO = Path(__file__).resolve().parents[3]

# case folder -> (expected exit code, code, file, line, column)
CASES = {
    "json-trailing-comma": (1, "JSON002", "settings.json", 6, 22),
    "schema-wrong-type": (1, "PEX001", "plugins/demo/demo.plugin.package.json", 7, 18),
    "webapp2-schema": (1, "PEX001", "webapp2/manifest.json", 3, 24),
    "version-string": (0, "PEX002", "plugins/demo/demo.plugin.package.json", 5, 14),
    "manifest-missing": (0, "PEX004", "settings.json", 1, 1),
    "not-settings-branded": (1, "PEX005", "manifest.json", 3, 24),
    "branding-id-not-digits": (1, "PEX006", "manifest.json", 2, 17),
    "duplicate-id": (1, "PEX007", "settings.json", 9, 13),
    "package-not-found": (1, "PEX008", "settings.json", 5, 17),
    "source-not-found": (1, "PEX009", "plugins/demo/demo.plugin.package.json", 6, 13),
    "package-id-mismatch": (1, "PEX010", "plugins/demo/demo.plugin.package.json", 2, 9),
    "register-id-mismatch": (1, "PEX011", "plugins/demo/demo.plugin.js", 11, 9),
    "single-plugin-id-mismatch": (1, "PEX011", "demo.plugin.js", 11, 9),
    "unreferenced-folder": (0, "PEX012", "plugins/old/old.plugin.package.json", 1, 1),
    "two-menu-locations": (1, "PEX013", "plugins/demo/demo.plugin.package.json", 18, 5),
    "action-not-registered": (1, "PEX014", "plugins/demo/demo.plugin.package.json", 15, 19),
    "icon-missing": (1, "PEX015", "plugins/demo/demo.plugin.package.json", 13, 17),
    "icon-not-svg": (1, "PEX016", "plugins/demo/demo.plugin.package.json", 13, 17),
    "icon-id-missing": (1, "PEX017", "plugins/demo/demo.plugin.package.json", 13, 17),
    "unknown-menu-location": (0, "PEX018", "plugins/demo/demo.plugin.package.json", 11, 5),
    "js-syntax-error": (1, "PEX019", "plugins/demo/demo.plugin.js", 7, 42),
    "no-iife": (0, "PEX020", "plugins/demo/demo.plugin.js", 1, 5),
    "register-missing": (1, "PEX021", "plugins/demo/demo.plugin.js", 1, 1),
    "register-twice": (1, "PEX022", "plugins/demo/demo.plugin.js", 16, 17),
    "unknown-api": (1, "PEX023", "plugins/demo/demo.plugin.js", 7, 19),
    "deprecated-layout": (0, "PEX024", "plugins/demo/demo.plugin.js", 7, 19),
    "v21-dialog": (0, "PEX025", "plugins/demo/demo.plugin.js", 7, 77),
    "http-url": (0, "PEX027", "plugins/demo/demo.plugin.js", 7, 12),
    "eval": (1, "PEX028", "plugins/demo/demo.plugin.js", 7, 5),
    "new-function": (1, "PEX028", "plugins/demo/demo.plugin.js", 7, 5),
    "hard-coded-secret": (1, "PEX029", "plugins/demo/demo.plugin.js", 2, 16),
    "token-literal": (0, "PEX030", "plugins/demo/demo.plugin.js", 2, 29),
    "localstorage-credential": (0, "PEX031", "plugins/demo/demo.plugin.js", 7, 5),
    "package-missing-fields": (0, "PEX032", "plugins/demo/demo.plugin.package.json", 2, 3),
    "state-icon-missing": (0, "PEX033", "plugins/demo/demo.plugin.js", 8, 25),
}


def built(case: str, tmp_path: Path) -> Path:
    """The fixture project `case`, assembled from the shared base in tmp_path."""
    return materialize("pexip", case, tmp_path / case)


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture_reports_expected_code_at_expected_place(case, tmp_path):
    exit_code, code, file, line, column = CASES[case]
    rc, out, err = run_cli("validate", str(built(case, tmp_path)), "--format", "json")
    diags = json.loads(out)
    found = [(d["code"], d["file"], d["line"], d["column"]) for d in diags]
    assert (code, file, line, column) in found, found
    assert rc == exit_code, found


def test_json_output_has_exactly_the_documented_keys(tmp_path):
    rc, out, _ = run_cli("validate", str(built("v21-dialog", tmp_path)), "--format", "json")
    diags = json.loads(out)
    assert rc == 0 and {d["code"] for d in diags} == {"PEX025", "PEX026"}
    for d in diags:
        assert set(d) == {"code", "severity", "message", "file", "line", "column", "endLine", "endColumn"}
        assert d["severity"] == "warning"


def test_text_format_prints_path_line_col_severity_code(tmp_path):
    rc, out, err = run_cli("validate", str(built("package-id-mismatch", tmp_path)))
    assert rc == 1
    assert out.startswith("plugins/demo/demo.plugin.package.json:2:9: error PEX010 id 'demo-2.0' differs from "
                          "'demo-1.0'")
    assert "1 error(s)" in err


def test_clean_projects_exit_zero_without_diagnostics(tmp_path):
    for folder in (built(case, tmp_path) for case in ("published-style", "single-plugin")):
        rc, out, _ = run_cli("validate", str(folder), "--format", "json")
        assert (rc, json.loads(out)) == (0, []), folder


def test_validate_loads_neither_pydantic_nor_qt():
    """`workbench validate` on a Pexip sample starts fast: the form models and Qt stay unloaded."""
    import subprocess
    import sys

    repo = REPO
    code = ("import sys\nfrom workbench.cli import main\n"
            f"rc = main(['validate', {str(repo / 'sample_projects' / 'pexip-recording')!r}])\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'PySide6', 'shiboken6'})\n"
            "print(heavy, file=sys.stderr); sys.exit(rc or (3 if heavy else 0))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
