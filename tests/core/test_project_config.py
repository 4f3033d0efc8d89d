"""workbench.toml and suppression comments: the CLI, the window's validator and the export gate agree."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from clihelpers import validate_json
from fixturetree import materialize

from workbench.cli import main
from workbench.core.config_reader import parse_config
from workbench.core.validation import LiveValidator
from workbench.registry import open_project

EVAL_JS = "plugins/demo/demo.plugin.js"
EVAL_LINE = "    eval('PEX.pluginAPI.sendChatMessage(\"hello\")');"


@pytest.fixture
def pexip_eval(tmp_path) -> Path:
    """A Pexip package whose plugin calls eval (PEX028, an error) on line 7."""
    return materialize("pexip", "eval", tmp_path / "eval")


def codes(found: list[dict]) -> list[tuple]:
    return [(d["code"], d["severity"], d["file"], d["line"]) for d in found]


def window_codes(root: Path) -> list[tuple]:
    target, project = open_project(root)
    return [(d.code, d.severity.value, d.file, d.range.start.line) for d in LiveValidator(target, project).run()]


def export(root: Path, tmp_path: Path, capsys) -> tuple[int, Path]:
    out = tmp_path / "out.zip"
    code = main(["export", str(root), "-o", str(out)])
    capsys.readouterr()
    return code, out


def test_a_rule_turned_off_is_gone_from_cli_window_and_export_gate(pexip_eval, tmp_path, capsys):
    assert export(pexip_eval, tmp_path, capsys)[0] == 1  # PEX028 blocks the export
    (pexip_eval / "workbench.toml").write_text('[rules]\noff = ["PEX028"]\n')
    assert validate_json(pexip_eval, capsys) == (0, [])
    assert window_codes(pexip_eval) == []
    code, out = export(pexip_eval, tmp_path, capsys)
    assert code == 0  # the host's view of the package is re-validated under the same configuration
    assert "workbench.toml" not in zipfile.ZipFile(out).namelist()


def test_severity_changes_the_exit_code_everywhere(tmp_path, capsys):
    root = materialize("pexip", "http-url", tmp_path / "p")  # PEX027, a warning
    assert validate_json(root, capsys)[0] == 0
    (root / "workbench.toml").write_text('[rules]\nseverity = { PEX027 = "error" }\n')
    assert codes(validate_json(root, capsys)[1]) == [("PEX027", "error", EVAL_JS, 7)]
    assert main(["validate", str(root)]) == 1
    assert window_codes(root) == [("PEX027", "error", EVAL_JS, 7)]
    assert export(root, tmp_path, capsys)[0] == 1


@pytest.mark.parametrize("comment, on_line", [
    ("    // workbench-disable-next-line PEX028 -- the demo needs it", False),
    ("    /* workbench-disable-line PEX028 */", True),
])
def test_a_js_comment_suppresses_one_finding(pexip_eval, comment, on_line, tmp_path, capsys):
    js = pexip_eval / EVAL_JS
    text = js.read_text()
    js.write_text(text.replace(EVAL_LINE, EVAL_LINE + comment.strip() if on_line else comment + "\n" + EVAL_LINE))
    assert validate_json(pexip_eval, capsys) == (0, [])
    assert window_codes(pexip_eval) == []
    assert export(pexip_eval, tmp_path, capsys)[0] == 0


def test_an_xml_comment_suppresses_one_finding(tmp_path, capsys):
    root = materialize("exo", "gatein-module-name", tmp_path / "exo")
    xml = root / "webapp/src/main/webapp/WEB-INF/gatein-resources.xml"
    xml.write_text(xml.read_text().replace("    <name>demoModule</name>",
                                           "    <!-- workbench-disable-next-line EXO007 -->\n    <name>demoModule</name>"))
    assert validate_json(root, capsys) == (0, [])


def test_a_toml_entry_suppresses_a_json_finding(tmp_path, capsys):
    root = materialize("pexip", "unreferenced-folder", tmp_path / "p")  # PEX012 in a JSON file: no comments there
    assert codes(validate_json(root, capsys)[1]) == [("PEX012", "warning", "plugins/old/old.plugin.package.json", 1)]
    (root / "workbench.toml").write_text('[[suppress]]\nfile = "plugins/old/old.plugin.package.json"\n'
                                         'code = "PEX012"\nreason = "kept for older clients"\n')
    assert validate_json(root, capsys) == (0, [])


def test_unused_suppressions_are_reported_where_they_are(pexip_eval, capsys):
    js = pexip_eval / EVAL_JS
    js.write_text(js.read_text().replace("  function unload() {}",
                                         "  // workbench-disable-next-line PEX028, PEX027\n  function unload() {}"))
    (pexip_eval / "workbench.toml").write_text('\n[[suppress]]\nfile = "settings.json"\ncode = "PEX012"\nline = 3\n')
    code, found = validate_json(pexip_eval, capsys)
    assert code == 1  # the eval on line 7 is still reported: the comment is on line 4
    unused = [(d["code"], d["severity"], d["file"], d["line"], d["column"], d["message"]) for d in found
              if d["code"] == "WB003"]
    assert unused == [
        ("WB003", "info", EVAL_JS, 4, 3, "unused suppression: no PEX027 on line 5; remove PEX027 from it"),
        ("WB003", "info", EVAL_JS, 4, 3, "unused suppression: no PEX028 on line 5; remove PEX028 from it"),

        ("WB003", "info", "workbench.toml", 4, 8,
         "unused suppression: no PEX012 on line 3 of settings.json; remove this [[suppress]] entry"),
    ]
    (pexip_eval / "workbench.toml").write_text('[rules]\noff = ["WB003"]\n')
    assert [d["code"] for d in validate_json(pexip_eval, capsys)[1]] == ["PEX028"]


@pytest.mark.parametrize("text, line, column, message", [
    ("[rules]\noff = [\"PEX028\"\n", 3, 1, "not valid TOML: Unclosed array"),
    ("[rules]\noff = \"PEX028\n", 2, 14, "not valid TOML: Illegal character"),
    ("[rules]\nof = []\n", 2, 6, "unknown key `of` in [rules] (did you mean 'off'?)"),
    ("[rules]\noff = [\"PEX029\", \"PEX92\"]\n", 2, 18, "unknown rule code 'PEX92'"),
    ("[rules.severity]\nPEX028 = \"fatal\"\n", 2, 10, "severity of PEX028 must be"),
    ("[scenarios]\nfolder = \"../elsewhere\"\n", 2, 10, "must be a path inside the project"),
    ("[network]\nallow_hosts = [\"https://api.example.com/x\"]\n", 2, 16, "is not a host name"),
    ("[[suppress]]\nfile = \"a.js\"\n", 1, 1, "needs `file` and `code`"),
])
def test_configuration_mistakes_are_errors_at_their_position(pexip_eval, text, line, column, message, capsys):
    (pexip_eval / "workbench.toml").write_text(text)
    code, found = validate_json(pexip_eval, capsys)
    problems = [d for d in found if d["code"] == "WB002"]
    assert code == 1 and len(problems) == 1, found
    assert (problems[0]["file"], problems[0]["line"], problems[0]["column"]) == ("workbench.toml", line, column)
    assert message in problems[0]["message"]


def test_an_unsaved_workbench_toml_in_the_window_applies(pexip_eval):
    target, project = open_project(pexip_eval)
    live = LiveValidator(target, project)
    assert [d.code for d in live.run()] == ["PEX028"]
    live.set_buffer("workbench.toml", '[rules]\noff = ["PEX028"]\n')
    assert live.run() == []


def test_export_options_output_exclude_include(tmp_path, capsys):
    project = tmp_path / "plugin"
    assert main(["new", "xcally-script", str(project), "--no-validate"]) == 0
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text("notes")
    (project / "keep.bak").write_text("a backup the defaults leave out")
    (project / "workbench.toml").write_text('[export]\noutput = "dist"\nexclude = ["docs/"]\ninclude = ["keep.bak"]\n')
    assert main(["export", str(project)]) == 0
    printed = capsys.readouterr().out
    zips = list((project / "dist").glob("*.zip"))
    assert len(zips) == 1 and f"wrote {zips[0]}" in printed
    names = zipfile.ZipFile(zips[0]).namelist()
    assert "keep.bak" in names and not any(n.startswith("docs/") or n == "workbench.toml" for n in names)
    assert main(["export", str(project)]) == 0  # the earlier export in dist/ is not packaged into the next one
    assert not any(n.startswith("dist/") for n in zipfile.ZipFile(zips[0]).namelist())


def test_scenario_folder_and_hosts_reach_workbench_test(tmp_path, monkeypatch, capsys):
    from workbench.commands import test as test_command

    project = tmp_path / "plugin"
    assert main(["new", "xcally-script", str(project), "--no-validate"]) == 0
    capsys.readouterr()
    (project / "checks").mkdir()
    (project / "checks" / "a.yaml").write_text("name: a\nsteps:\n  - wait: 1\n")
    (project / "workbench.toml").write_text('[scenarios]\nfolder = "checks"\n[network]\n'
                                            'allow_hosts = ["API.example.com"]\n')
    seen = {}

    def fake_run(target_, project_, paths, allow_hosts, *_):
        seen.update(paths=[p.name for p in paths], hosts=allow_hosts)
        return []

    monkeypatch.setattr(test_command, "_run_filtered", fake_run)
    assert main(["test", str(project), "--format", "json"]) == 0
    assert seen == {"paths": ["a.yaml"], "hosts": ("api.example.com",)}
    assert json.loads(capsys.readouterr().out)["scenarios"] == []
    (project / "workbench.toml").write_text('[scenarios]\nfolder = 3\n')
    assert main(["test", str(project)]) == 2
    assert "workbench.toml:2:10: error WB002" in capsys.readouterr().err


def test_config_values_are_read_as_written():
    config = parse_config('[rules]\noff = ["A1"]\nseverity = { B2 = "info" }\n[scenarios]\nfolder = "t/s"\n'
                          '[export]\nexclude = ["x/"]\n[[suppress]]\nfile = "./a/b.json"\ncode = "C3"\nline = 2\n')
    assert config.problems == ()
    assert (config.off, {k: v.value for k, v in config.severity.items()}, config.scenario_folder) == \
        (frozenset({"A1"}), {"B2": "info"}, "t/s")
    assert [(s.file, s.code, s.line) for s in config.suppress] == [("a/b.json", "C3", 2)]


def test_preview_hosts_add_workbench_toml_hosts_to_the_saved_ones(tmp_path):
    from workbench.core import project_settings

    (tmp_path / "workbench.toml").write_text('[network]\nallow_hosts = ["api.example.com"]\n')
    project_settings.allow_host(tmp_path, "https://cdn.example.org/x.js")
    assert project_settings.allowed_hosts(tmp_path) == ["cdn.example.org", "api.example.com"]
    project_settings.disallow_host(tmp_path, "cdn.example.org")
    assert project_settings.load_settings(tmp_path)["allowedHosts"] == []  # the file's hosts stay in the file
    assert project_settings.allowed_hosts(tmp_path) == ["api.example.com"]
