"""A wheel built from the source tree, installed in a fresh virtual environment, runs every command from elsewhere.

The virtual environment sees the already-installed dependencies (--system-site-packages), so nothing heavy is
downloaded; the wheel itself is installed into it with --ignore-installed, whatever the machine already has.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from testpaths import REPO

pytestmark = [pytest.mark.slow, pytest.mark.webengine]

SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "workbench", "resources", "sample_projects")


def run(*args, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """(the venv's bin folder, the environment to run it in), with the wheel of this tree installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for name in SOURCES:  # a copy, so that the build writes nothing into the repository
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(source, src / name)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp / "dist", src, cwd=tmp)
    wheel = next((tmp / "dist").glob("plugin_workbench-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "workbench/resources/schemas/xcally-manifest.schema.json" in names
    assert "workbench/sample_projects/pexip-recording/webapp2/manifest.json" in names
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv, cwd=tmp)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--ignore-installed", "--no-index", wheel, cwd=tmp)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",) and not k.startswith("QT")}
    env["WORKBENCH_LOG_DIR"] = str(tmp / "logs")
    return bin_dir, env


def test_the_installed_package_finds_its_own_files(installed, tmp_path):
    bin_dir, env = installed
    code = ("import workbench, workbench.core.paths as p\n"
            "print(workbench.__file__); print(p.SCHEMAS); print(p.HOSTS); print(p.SAMPLES)")
    out = run(bin_dir / "python", "-c", code, cwd=tmp_path, env=env).stdout.split()
    venv = bin_dir.parent.resolve()
    assert all(Path(line).resolve().is_relative_to(venv) for line in out), out
    assert all(Path(line).is_dir() for line in out[1:])


def test_new_validate_test_and_export_from_outside_the_repository(installed, tmp_path):
    bin_dir, env = installed
    workbench = bin_dir / "workbench"
    assert run(workbench, "--version", cwd=tmp_path, env=env).stdout.startswith("workbench ")
    run(workbench, "new", "pexip-recording", "project", cwd=tmp_path, env=env)
    checked = json.loads(run(workbench, "validate", "project", "--format", "json", cwd=tmp_path, env=env).stdout)
    assert checked == []
    tested = run(workbench, "test", "project", "--format", "json", cwd=tmp_path, env=env, timeout=300)
    report = json.loads(tested.stdout)
    assert report["failed"] == 0 and report["passed"] >= 3
    exported = run(workbench, "export", "project", "-o", "out/recording.zip", cwd=tmp_path, env=env)
    assert "wrote" in exported.stdout
    assert "webapp2/manifest.json" in zipfile.ZipFile(tmp_path / "out" / "recording.zip").namelist()
