"""Special files and hostile links in a project: validate, export, detection and settings never hang, never read
gigabytes, never print a traceback, and say which file was left out and why (FS0xx at line 1, column 1)."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from tests.packaging.helpers import write, xcally_project
from tests.security.hostile import copy_sample, diagnostics_of, run_workbench
from workbench.core.document import Document
from workbench.core.files import ProjectFiles
from workbench.core.packaging.model import ExportError, PlanEntry
from workbench.core.packaging.zipwriter import write_zip
from workbench.core.project import ProjectDetectionError
from workbench.core.project_settings import load_settings, settings_path
from workbench.registry import open_project

pytestmark = pytest.mark.timeout(60)
PACKAGE = "webapp2/plugins/recording/recording.plugin.package.json"


def pexip(tmp_path):
    return copy_sample("pexip-recording", tmp_path / "branding")


def test_fifo_as_the_branding_manifest_is_reported_not_read(tmp_path):
    root = pexip(tmp_path)
    (root / "webapp2/manifest.json").unlink()
    os.mkfifo(root / "webapp2/manifest.json")
    result = run_workbench("validate", root)
    assert "Traceback" not in result.stderr
    assert any(line.startswith("webapp2/manifest.json:1:1: warning FS001 manifest.json is a FIFO")
               for line in diagnostics_of(result)), result.stdout


def test_fifo_as_a_plugin_package_file_is_reported_not_read(tmp_path):
    root = pexip(tmp_path)
    (root / PACKAGE).unlink()
    os.mkfifo(root / PACKAGE)
    result = run_workbench("validate", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr  # the plugin's package file is missing
    assert any(line.startswith(f"{PACKAGE}:1:1: warning FS001") for line in diagnostics_of(result)), result.stdout


def test_package_file_linked_to_dev_zero_is_never_read(tmp_path):
    root = pexip(tmp_path)
    (root / PACKAGE).unlink()
    os.symlink("/dev/zero", root / PACKAGE)
    result = run_workbench("validate", root)  # reading /dev/zero would exhaust the child's 2 GB or time out
    assert result.returncode == 1 and "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert any(line.startswith(f"{PACKAGE}:1:1: warning FS002") and "/dev/zero" in line
               for line in diagnostics_of(result)), result.stdout


def test_fifo_as_workbenchignore_does_not_stop_validate_or_export(tmp_path):
    root = copy_sample("xcally-html", tmp_path / "plugin")
    os.mkfifo(root / ".workbenchignore")
    checked = run_workbench("validate", root)
    assert checked.returncode == 0
    assert ".workbenchignore:1:1: warning FS001 .workbenchignore is a FIFO" in checked.stdout
    out = tmp_path / "plugin.zip"
    exported = run_workbench("export", root, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert ".workbenchignore" not in zipfile.ZipFile(out).namelist()


def test_symlink_loop_is_a_diagnostic_and_export_goes_on(tmp_path):
    root = xcally_project(tmp_path / "plugin", junk=False)
    os.symlink("loop-b.js", root / "app/loop-a.js")
    os.symlink("loop-a.js", root / "app/loop-b.js")
    checked = run_workbench("validate", root)
    assert "app/loop-a.js:1:1: warning FS004 loop-a.js is a symbolic link loop" in checked.stdout
    out = tmp_path / "plugin.zip"
    exported = run_workbench("export", root, "-o", out)
    assert exported.returncode == 0 and "Traceback" not in exported.stderr, exported.stderr
    assert "app/loop-a.js: is a symbolic link loop" in exported.stdout
    assert not {"app/loop-a.js", "app/loop-b.js"} & set(zipfile.ZipFile(out).namelist())


@pytest.mark.parametrize("tool, secret", [(".git", "config"), (".workbench", "project.json")])
def test_link_into_a_tool_folder_is_never_shipped(tmp_path, tool, secret):
    root = xcally_project(tmp_path / "plugin", junk=False)
    write(root, f"{tool}/{secret}", "[core]\n\tfsmonitor = touch /tmp/owned\n")
    os.symlink(f"../{tool}/{secret}", root / "app/settings.txt")
    os.symlink(f"../{tool}", root / "app/state")  # a linked folder too
    checked = run_workbench("validate", root)
    assert f"app/settings.txt:1:1: warning FS003 settings.txt leads into {tool}/" in checked.stdout
    out = tmp_path / "plugin.zip"
    assert run_workbench("export", root, "-o", out).returncode == 0
    names = zipfile.ZipFile(out).namelist()
    assert "app/settings.txt" not in names and not any(n.startswith("app/state") for n in names)
    assert b"fsmonitor" not in out.read_bytes()


def test_link_out_of_webapp2_is_left_out_of_the_branding_zip(tmp_path):
    root = pexip(tmp_path)
    write(root, "notes/secret.txt", "not for the package")
    os.symlink("../../../notes/secret.txt", root / "webapp2/plugins/recording/notes.txt")
    out = tmp_path / "b.zip"
    result = run_workbench("export", root, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "webapp2/plugins/recording/notes.txt:1:1: warning FS002" in result.stderr  # the export's diagnostics
    assert b"not for the package" not in out.read_bytes()


def test_webapp2_linked_outside_the_project_is_not_exported(tmp_path):
    elsewhere = copy_sample("pexip-recording", tmp_path / "elsewhere") / "webapp2"
    root = tmp_path / "branding"
    root.mkdir()
    os.symlink(elsewhere, root / "webapp2")
    checked = run_workbench("validate", root)
    assert checked.returncode == 1
    assert "webapp2:1:1: error FS006 webapp2 (the package folder) leads to" in checked.stdout
    out = tmp_path / "b.zip"
    for force in ([], ["--force"]):
        result = run_workbench("export", root, "-o", out, *force)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert not out.exists()


def test_fifo_manifest_in_a_single_top_folder_does_not_stop_detection(tmp_path):
    (tmp_path / "wrapped/plugin").mkdir(parents=True)
    os.mkfifo(tmp_path / "wrapped/plugin/manifest.json")
    with pytest.raises(ProjectDetectionError):
        open_project(tmp_path / "wrapped")


def test_fifo_provider_configuration_does_not_stop_detection(tmp_path):
    conf = tmp_path / "connector/webapp/src/main/webapp/WEB-INF/conf/mycall"
    conf.mkdir(parents=True)
    os.mkfifo(conf / "configuration.xml")
    write(tmp_path / "connector", "pom.xml", "<project/>")
    with pytest.raises(ProjectDetectionError):
        open_project(tmp_path / "connector")


def test_fifo_as_project_settings_reads_as_no_settings(tmp_path):
    settings_path(tmp_path).parent.mkdir()
    os.mkfifo(settings_path(tmp_path))
    assert load_settings(tmp_path) == {}


def test_a_fifo_planned_into_a_zip_is_an_export_error(tmp_path):
    os.mkfifo(tmp_path / "app.war")
    with pytest.raises(ExportError, match="FIFO"):
        write_zip(open(tmp_path / "out.zip", "wb"), [PlanEntry("webapps/app.war", source=tmp_path / "app.war")])


def test_reads_are_bounded(tmp_path, monkeypatch):
    import workbench.core.files as files_module
    monkeypatch.setattr(files_module, "READ_LIMIT", 1000)
    write(tmp_path, "big.json", json.dumps({"x": "y" * 2000}))
    files = ProjectFiles(tmp_path)
    assert files.read_bytes("big.json") is None
    assert files.problems["big.json"].code == "FS005"


def test_opening_a_fifo_in_the_editor_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.js")
    assert Document(tmp_path, "pipe.js").text == ""


def test_adding_a_plugin_folder_whose_package_file_is_a_fifo_does_not_block(tmp_path):
    from workbench.targets.pexip.ui.overrides import settings_entry_for_folder  # the Pexip form's "add plugin folder"
    folder = tmp_path / "webapp2/plugins/x"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "x.plugin.package.json")
    entry = settings_entry_for_folder(tmp_path, "webapp2/settings.json", folder)
    assert entry == {"id": "x", "srcURL": "plugins/x/x.plugin.package.json", "enabled": True}


DEEP = "[" * 100_000 + "]" * 100_000  # deeper than any recursive reader survives


def test_deeply_nested_json_is_a_positioned_diagnostic_not_a_traceback(tmp_path):
    root = pexip(tmp_path)
    (root / "webapp2/manifest.json").write_text('{"brandingID": "1",\n "x": ' + DEEP + "}")
    result = run_workbench("validate", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-500:]
    assert "webapp2/manifest.json:2:134: error JSON008 nested more than 128 levels deep" in result.stdout
    plugin = copy_sample("xcally-html", tmp_path / "plugin")
    (plugin / "manifest.json").write_text('{"type": "html", "x": ' + DEEP + "}")
    detected = run_workbench("validate", plugin)
    assert detected.returncode == 2 and "Traceback" not in detected.stderr  # not recognised, said in one message


def test_deeply_nested_settings_and_packages_read_as_unusable(tmp_path):
    settings_path(tmp_path).parent.mkdir()
    settings_path(tmp_path).write_text(DEEP)
    assert load_settings(tmp_path) == {}
    package = tmp_path / "deep.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", DEEP)
        zf.writestr("a.html", "<p>hi</p>")
    result = run_workbench("import", package, tmp_path / "dest")
    assert result.returncode == 1 and "Traceback" not in result.stderr and "no host recognises this zip" in result.stderr


def test_find_in_files_reads_only_regular_text_files_of_a_source_size(tmp_path):
    from workbench.core.search import compile_query, search
    write(tmp_path, "ok.js", "needle\n")
    os.mkfifo(tmp_path / "pipe.js")
    os.symlink("/dev/zero", tmp_path / "zero.js")
    os.symlink("..", tmp_path / "loop")
    write(tmp_path, "big.js", "needle\n" + "x" * 3_000_000)
    write(tmp_path, "image.js", b"needle\0binary")
    found, cut = search(ProjectFiles(tmp_path), compile_query("needle"))
    assert [m.file for m in found] == ["ok.js"] and not cut


def test_workbench_toml_cannot_put_tool_folders_back_into_an_export(tmp_path):
    root = xcally_project(tmp_path / "plugin", junk=False)
    write(root, ".git/config", "[remote \"origin\"]\n\turl = https://user:TOKEN@example.com/repo\n")
    write(root, ".workbench/project.json", '{"allowedHosts": ["exfiltrate.example"]}')
    write(root, "workbench.toml", '[export]\ninclude = [".git/", ".git/config", ".workbench/", "**"]\n')
    out = tmp_path / "plugin.zip"
    assert run_workbench("export", root, "-o", out).returncode == 0
    names = zipfile.ZipFile(out).namelist()
    assert not any(n.startswith((".git/", ".workbench/")) for n in names) and b"TOKEN" not in out.read_bytes()
