"""`workbench validate --format sarif|github`: what GitHub code scanning and workflow annotations need."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from fixturetree import every_broken_project
from testpaths import FIXTURES, REPO, SAMPLES

from workbench.cli import main
from workbench.core.annotations import annotation
from workbench.core.diagnostics import Diagnostic, Range, Severity

BAD_TYPE = FIXTURES / "xcally" / "bad-type"


def sarif(path, capsys, *extra: str) -> dict:
    main(["validate", str(path), "--format", "sarif", *extra])
    return json.loads(capsys.readouterr().out)


def test_every_rule_has_a_full_description_and_a_help_uri_into_the_rules_reference(capsys):
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', (REPO / "docs" / "rules.md").read_text()))
    run = sarif(BAD_TYPE, capsys)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"WB001", "XC004"} <= {r["id"] for r in rules}
    for rule in rules:
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
        page, anchor = rule["helpUri"].split("#")
        assert page.endswith("/docs/rules.md") and anchor in anchors, rule["id"]
    result = run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "XC004"


def test_fingerprints_survive_lines_moving(tmp_path, capsys):
    project = shutil.copytree(BAD_TYPE, tmp_path / "p")
    before = sarif(project, capsys)["runs"][0]["results"][0]
    manifest = project / "manifest.json"
    manifest.write_text("\n\n" + manifest.read_text())
    after = sarif(project, capsys)["runs"][0]["results"][0]
    line = "physicalLocation", "region", "startLine"
    assert after["locations"][0][line[0]][line[1]][line[2]] == before["locations"][0][line[0]][line[1]][line[2]] + 2
    assert after["partialFingerprints"] == before["partialFingerprints"]
    other = sarif(FIXTURES / "xcally" / "version-format", capsys)["runs"][0]["results"][0]
    assert other["partialFingerprints"] != before["partialFingerprints"]


def test_paths_are_relative_to_the_base_folder(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    project = shutil.copytree(BAD_TYPE, repo / "plugins" / "queue desk")
    run = sarif(project, capsys, "--base", str(repo))["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "plugins/queue%20desk/manifest.json", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    monkeypatch.chdir(repo)  # by default: the current folder, as in a CI job at the repository root
    default = sarif(project, capsys)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert default["artifactLocation"]["uri"] == "plugins/queue%20desk/manifest.json"
    monkeypatch.chdir(tmp_path / "repo" / "plugins" / "queue desk")
    assert main(["validate", str(project), "--format", "sarif", "--base", str(SAMPLES)]) == 2
    assert "is not inside it" in capsys.readouterr().err


def test_github_annotations(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["validate", str(BAD_TYPE), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["::error file=tests/fixtures/xcally/bad-type/manifest.json,line=5,col=11,endLine=5,endColumn=19,"
                   "title=XC004::`type` is 'Script' (did you mean \"script\"?): use \"script\" for a Node.js app or "
                   "\"html\" for a page"]


def test_github_annotation_escaping(tmp_path):
    d = Diagnostic("PEX030", Severity.WARNING, "50% done\nsecond line", "a:b,c.js", Range.at(3, 4, 3, 9))
    assert annotation(d, tmp_path, tmp_path) == \
        "::warning file=a%3Ab%2Cc.js,line=3,col=4,endLine=3,endColumn=9,title=PEX030::50%25 done%0Asecond line"
    note = Diagnostic("WB001", Severity.INFO, "no file", "")
    assert annotation(note, tmp_path, tmp_path) == "::notice title=WB001::no file"


def _multitool() -> list[str] | None:
    npx = shutil.which("npx")
    if npx is None or shutil.which("node") is None:
        return None
    probe = subprocess.run([npx, "--yes", "@microsoft/sarif-multitool", "--version"], capture_output=True, text=True,
                           timeout=600)
    return [npx, "--yes", "@microsoft/sarif-multitool"] if probe.returncode == 0 else None


@pytest.mark.slow
@pytest.mark.node
def test_sarif_of_every_sample_and_broken_fixture_passes_githubs_rules(tmp_path, capsys):
    tool = _multitool()
    if tool is None:
        pytest.skip("Node.js/npx or the @microsoft/sarif-multitool package is not available")
    logs = tmp_path / "sarif"
    logs.mkdir()
    projects = sorted(p for p in SAMPLES.iterdir() if p.is_dir()) + every_broken_project(tmp_path / "fixtures")
    written = 0
    for i, project in enumerate(projects):
        code = main(["validate", str(project), "--format", "sarif", "--base", str(tmp_path if project.is_relative_to(
            tmp_path) else REPO)])
        out = capsys.readouterr().out
        if code in (0, 1):
            (logs / f"{i:03}-{project.name}.sarif").write_text(out)
            written += 1
    assert written >= 80, written
    report = tmp_path / "multitool.sarif"
    files = sorted(str(p) for p in logs.iterdir())
    result = subprocess.run([*tool, "validate", *files, "--rule-kind", "Gh", "--output", str(report), "--log",
                             "ForceOverwrite"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    findings = [(r["ruleId"], r["message"].get("text") or r["message"].get("arguments"))
                for run in json.loads(report.read_text())["runs"] for r in run.get("results", [])
                if r.get("level", "warning") == "error"]
    assert findings == []
