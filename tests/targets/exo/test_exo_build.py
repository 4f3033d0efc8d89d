"""The connector's Maven build, as the window's Build action and the command line run it (a fake mvn on PATH)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from testpaths import SAMPLES

from workbench.core.build import run_build
from workbench.registry import open_project

FAKE_MVN = """#!/bin/sh
echo "mvn $*" > mvn-args.txt
echo "[INFO] Building acme"
echo "[ERROR] $PWD/services/src/main/java/org/example/webconferencing/acme/AcmeProvider.java:[42,17] cannot find symbol"
echo "[WARNING] $PWD/webapp/src/main/java/org/example/webconferencing/acme/portlet/AcmePortlet.java:[7,1] deprecated"
echo "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile"
exit 1
"""


@pytest.fixture
def connector(tmp_path) -> Path:
    root = tmp_path / "acme"
    shutil.copytree(SAMPLES / "exo-connector", root)
    return root


def fake_mvn(folder: Path, script: str = FAKE_MVN) -> None:
    mvn = folder / "mvn"
    mvn.write_text(script)
    mvn.chmod(mvn.stat().st_mode | stat.S_IEXEC)


def test_the_build_runs_maven_offline_and_maps_javac_errors_to_the_sources(connector, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_mvn(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    target, project = open_project(connector)
    spec = target.build_spec(project)
    assert spec.title == "mvn -o -q package" and spec.missing is None
    assert spec.outputs == ("packaging/target/web-conferencing-acme.zip",)

    result = run_build(spec, project.root)
    assert not result.ok
    assert (connector / "mvn-args.txt").read_text().strip() == "mvn -o -q package"
    error, warning = result.diagnostics
    assert error.file == "services/src/main/java/org/example/webconferencing/acme/AcmeProvider.java"
    assert (error.range.start.line, error.range.start.column) == (42, 17)
    assert "cannot find symbol" in error.message and error.severity.value == "error"
    assert warning.file.endswith("AcmePortlet.java") and warning.severity.value == "warning"


def test_without_maven_the_build_says_what_to_install(connector, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    target, project = open_project(connector)
    spec = target.build_spec(project)
    assert spec.missing and spec.missing.startswith("Maven (mvn) is not installed")
    result = run_build(spec, project.root)
    assert not result.ok and result.diagnostics[0].message == spec.missing
