"""`workbench export` and `workbench import` from the command line: output, report file, exit status."""

from __future__ import annotations

import json

from tests.packaging.helpers import pexip_project, read_zip, write, xcally_project, zip_bytes
from workbench.cli import main


def test_export_prints_where_the_zip_went_and_writes_the_report(tmp_path, capsys):
    root = xcally_project(tmp_path / "plugin")
    out, report = tmp_path / "x.zip", tmp_path / "report.json"
    assert main(["export", str(root), "-o", str(out), "--report", str(report)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed and "node_modules/" in printed
    data = json.loads(report.read_text())
    assert data["zip"]["path"] == str(out) and {e["name"] for e in data["entries"]} == set(read_zip(out))
    assert any(x["path"] == ".git/" for x in data["excluded"])


def test_pexip_export_prints_the_branding_id(tmp_path, capsys):
    root = pexip_project(tmp_path / "branding")
    assert main(["export", str(root), "--target", "pexip", "-o", str(tmp_path / "b.zip")]) == 0
    branding_id = json.loads(read_zip(tmp_path / "b.zip")["webapp2/manifest.json"])["brandingID"]
    assert f"brandingID {branding_id}" in capsys.readouterr().out


def test_errors_exit_1_and_force_writes(tmp_path, capsys):
    root = xcally_project(tmp_path / "plugin")
    write(root, "manifest.json", '{"name": "x", "type": "script", "parameters": {}}')
    out = tmp_path / "x.zip"
    assert main(["export", str(root), "-o", str(out)]) == 1
    assert not out.exists() and "export blocked" in capsys.readouterr().err
    assert main(["export", str(root), "-o", str(out), "--force"]) == 0 and out.exists()


def test_bad_usage_exits_2(tmp_path, capsys):
    root = xcally_project(tmp_path / "plugin")
    assert main(["export", str(tmp_path / "nothing-here")]) == 2
    assert main(["export", str(root), "--merge-into", "base.zip"]) == 2
    assert "--merge-into applies to Pexip Infinity Connect and Pexip Web App 3 projects only; this is a XCALLY" \
        in capsys.readouterr().err
    assert main(["export", str(root), "-o", str(tmp_path / "x.txt")]) == 2
    assert main(["export", str(root), "--no-such-flag"]) == 2


def test_import_command(tmp_path, capsys):
    pkg = tmp_path / "p.zip"
    pkg.write_bytes(zip_bytes({"webapp2/themes/a.css": "a{}"}))
    assert main(["import", str(pkg), str(tmp_path / "dest")]) == 0
    printed = capsys.readouterr().out
    assert "created webapp2/manifest.json" in printed and "created webapp2/settings.json" in printed
    evil = tmp_path / "evil.zip"
    evil.write_bytes(zip_bytes({"../../x": "x"}))
    assert main(["import", str(evil), str(tmp_path / "dest2")]) == 1
    assert "zip-slip" in capsys.readouterr().err and not (tmp_path / "dest2").exists()
    assert main(["import", str(pkg), str(tmp_path / "dest")]) == 2  # not empty
    assert main(["import", str(tmp_path / "missing.zip"), str(tmp_path / "dest3")]) == 2
