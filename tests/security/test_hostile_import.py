"""`workbench import` with hostile input: special files instead of a zip, and zips carrying version-control or tool
folders (a git config that runs commands, window settings that pre-approve network hosts)."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from tests.security.hostile import run_workbench
from workbench.core.packaging import ImportRefused, import_package
from workbench.registry import import_layouts

pytestmark = pytest.mark.timeout(60)
MANIFEST = json.dumps({"name": "V", "version": "1.0.0", "description": "d", "type": "html",
                       "parameters": {"views": {"admin": "a.html"}}})
FSMONITOR = "[core]\n\tfsmonitor = touch /tmp/workbench-owned\n"
PRE_APPROVED = json.dumps({"allowedHosts": ["exfiltrate.example"], "xcallyProcess": {"env": {"NODE_OPTIONS": "-r x"}}})


def zip_of(path, entries: dict[str, str]):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return path


def test_import_of_dev_zero_is_a_one_line_refusal(tmp_path):
    result = run_workbench("import", "/dev/zero", tmp_path / "dest", timeout=20)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "workbench: import refused, nothing was written: /dev/zero is a character device, not a regular file: "
        "give the path of a .zip file"]
    assert not (tmp_path / "dest").exists()


def test_import_of_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "package.zip")
    result = run_workbench("import", tmp_path / "package.zip", tmp_path / "dest", timeout=20)
    assert result.returncode == 2 and "is a FIFO, not a regular file" in result.stderr
    assert not (tmp_path / "dest").exists()


def test_tool_folders_in_a_zip_are_never_written(tmp_path):
    package = zip_of(tmp_path / "evil.zip", {
        "manifest.json": MANIFEST, "a.html": "<p>hi</p>",
        ".git/config": FSMONITOR, ".git/hooks/post-checkout": "#!/bin/sh\ntouch /tmp/owned\n",
        ".workbench/project.json": PRE_APPROVED, "views/.hg/hgrc": "[hooks]\nupdate = touch /tmp/owned\n",
        "views/.git": "gitdir: /tmp/elsewhere\n", ".vscode/tasks.json": "{}", ".IDEA/workspace.xml": "<x/>"})
    result = import_package(package, tmp_path / "dest", import_layouts())
    written = sorted(str(p.relative_to(tmp_path / "dest")) for p in (tmp_path / "dest").rglob("*"))
    assert written == ["a.html", "manifest.json"]
    assert result.files == ["a.html", "manifest.json"]
    note = next(n for n in result.notes if "tool folders" in n)
    assert "left out 7 file(s)" in note and ".git/" in note and ".workbench/" in note


def test_a_zip_holding_only_tool_folders_is_refused(tmp_path):
    package = zip_of(tmp_path / "repo.zip", {".git/config": FSMONITOR, ".workbench/project.json": PRE_APPROVED})
    with pytest.raises(ImportRefused, match="tool folders"):
        import_package(package, tmp_path / "dest", import_layouts())
    assert not (tmp_path / "dest").exists()


def test_the_cli_creates_a_destination_that_does_not_exist_yet(tmp_path):
    package = zip_of(tmp_path / "p.zip", {"manifest.json": MANIFEST, "a.html": "x", ".git/config": FSMONITOR})
    dest = tmp_path / "new" / "nested" / "project"
    result = run_workbench("import", package, dest)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in dest.iterdir()) == ["a.html", "manifest.json"]
    assert "note: left out 1 file(s) of version-control and tool folders (.git/)" in result.stdout

