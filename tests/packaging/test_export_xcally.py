"""XCALLY export: content, ignore rules, reproducibility, gates, limits, atomic writes, report."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile

import pytest

from tests.packaging.helpers import read_zip, write, xcally_project
from workbench.core.packaging import ExportError, export_project
from workbench.registry import get_target

XCALLY = get_target("xcally")


@pytest.fixture
def project(tmp_path):
    root = xcally_project(tmp_path / "status-board")
    return XCALLY.detect(root)


def test_zip_holds_the_plugin_with_manifest_at_root_and_no_junk(project, tmp_path):
    result = export_project(XCALLY, project, output=tmp_path / "out.zip")
    assert not result.blocked and result.path == tmp_path / "out.zip"
    assert sorted(read_zip(result.path)) == ["app/index.js", "app/lib/util.js", "manifest.json", "package.json"]
    rules = {x.path: x.rule for x in result.report.excluded}
    assert "version control" in rules[".git/"]
    assert "OS junk" in rules[".DS_Store"]
    assert "editor backup" in rules["app/index.js~"] and "editor backup" in rules["app/.index.js.swp"]
    assert "--include-node-modules" in rules["node_modules/"]
    assert "scenarios" in rules["scenarios/"]
    assert "workbench state" in rules[".workbench/"]
    assert "earlier exports" in rules["old-build.zip"]
    assert any("node_modules left out" in n for n in result.notes)


def test_entries_sorted_with_fixed_dates_and_modes(project, tmp_path):
    path = export_project(XCALLY, project, output=tmp_path / "out.zip").path
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_two_exports_are_byte_identical_even_after_touching_files(project, tmp_path):
    first = export_project(XCALLY, project, output=tmp_path / "a.zip").path.read_bytes()
    os.chmod(project.root / "app/index.js", 0o755)
    os.utime(project.root / "app/index.js", (1_000_000_000, 1_000_000_000))
    second = export_project(XCALLY, project, output=tmp_path / "b.zip").path.read_bytes()
    assert first == second


def test_source_date_epoch_sets_the_entry_dates(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    path = export_project(XCALLY, project, output=tmp_path / "out.zip").path
    with zipfile.ZipFile(path) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH"):
        export_project(XCALLY, project, output=tmp_path / "bad.zip")


def test_workbenchignore_rules_are_reported_with_their_line(project, tmp_path):
    write(project.root, ".workbenchignore", "# comment\n*.md\napp/lib/\n!keep.bak\n")
    write(project.root, "NOTES.md", "notes")
    write(project.root, "keep.bak", "kept on purpose")
    result = export_project(XCALLY, project, output=tmp_path / "out.zip")
    names = read_zip(result.path)
    assert "NOTES.md" not in names and "app/lib/util.js" not in names and "keep.bak" in names
    rules = {x.path: x.rule for x in result.report.excluded}
    assert rules["NOTES.md"] == ".workbenchignore:2: *.md"
    assert rules["app/lib/"] == ".workbenchignore:3: app/lib/"


def test_node_modules_included_on_request_with_its_size(project, tmp_path):
    result = export_project(XCALLY, project, output=tmp_path / "out.zip", options={"include_node_modules": True})
    assert "node_modules/leftpad/index.js" in read_zip(result.path)
    assert any(n.startswith("node_modules included: 2 file(s)") for n in result.notes)


def test_validation_errors_block_unless_forced(project, tmp_path):
    manifest = json.loads((project.root / "manifest.json").read_text())
    del manifest["parameters"]["scriptPath"]
    write(project.root, "manifest.json", json.dumps(manifest))
    out = tmp_path / "out.zip"
    out.write_bytes(b"previous export")
    blocked = export_project(XCALLY, project, output=out)
    assert blocked.blocked and blocked.path is None and blocked.errors
    assert out.read_bytes() == b"previous export"  # never touched when blocked
    forced = export_project(XCALLY, project, output=out, force=True)
    assert not forced.blocked and "manifest.json" in read_zip(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_package_that_breaks_once_unpacked_is_blocked(tmp_path):
    from tests.packaging.helpers import html_project
    root = html_project(tmp_path / "views")
    write(root, ".workbenchignore", "views/agent.html\n")
    result = export_project(XCALLY, XCALLY.detect(root), output=tmp_path / "out.zip")
    assert result.blocked and not (tmp_path / "out.zip").exists()
    assert any(d.code == "PKG022" for d in result.errors), [d.to_text() for d in result.diagnostics]


def test_size_limit_refuses_and_names_the_largest_files(project, tmp_path, monkeypatch):
    import workbench.targets.xcally.export as plan
    monkeypatch.setattr(plan, "SIZE_LIMIT", 20_000)
    write(project.root, "assets/big.bin", os.urandom(30_000))
    write(project.root, "assets/medium.bin", os.urandom(5_000))
    result = export_project(XCALLY, project, output=tmp_path / "out.zip", force=True)
    assert result.blocked and not (tmp_path / "out.zip").exists()
    [error] = [d for d in result.errors if d.code == "PKG010"]
    assert "assets/big.bin" in error.message and error.message.index("big.bin") < error.message.index("medium.bin")


def test_warning_above_the_old_limit(project, tmp_path, monkeypatch):
    import workbench.targets.xcally.export as plan
    monkeypatch.setattr(plan, "SIZE_WARNING", 500)
    write(project.root, "assets/noise.bin", os.urandom(2_000))
    result = export_project(XCALLY, project, output=tmp_path / "out.zip")
    assert not result.blocked and [d.code for d in result.warnings] == ["PKG011"]


def test_report_has_tree_sizes_and_sha256_of_zip_and_entries(project, tmp_path):
    result = export_project(XCALLY, project, output=tmp_path / "out.zip")
    data = result.report.to_json()
    assert data["zip"]["sha256"] == hashlib.sha256(result.path.read_bytes()).hexdigest()
    by_name = {e["name"]: e for e in data["entries"]}
    source = (project.root / "app/index.js").read_bytes()
    assert by_name["app/index.js"]["sha256"] == hashlib.sha256(source).hexdigest()
    assert by_name["app/index.js"]["size"] == len(source)
    assert any(x["path"] == ".git/" and x["files"] == 2 for x in data["excluded"])
    tree = "\n".join(result.report.tree_lines())
    assert "app/" in tree and "index.js" in tree and " B" in tree


def test_progress_reports_every_entry_and_finishes(project, tmp_path):
    calls = []
    export_project(XCALLY, project, output=tmp_path / "out.zip", progress=lambda *a: calls.append(a))
    done, total, message = calls[-1]
    assert done == total > 0 and "out.zip" in message
    assert any(m.startswith("writing app/index.js") for _, _, m in calls)
    assert any(m.startswith("verifying app/index.js") for _, _, m in calls)


def test_default_output_is_inside_the_project_and_never_packaged(project):
    first = export_project(XCALLY, project)
    assert first.path == project.root / "workbench-exports" / "StatusBoard-1.2.0.zip"
    second = export_project(XCALLY, project)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert not any(n.startswith("workbench-exports") for n in read_zip(second.path))


def test_unreadable_output_folder_is_an_export_error(project, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        export_project(XCALLY, project, output=blocker / "out.zip")
