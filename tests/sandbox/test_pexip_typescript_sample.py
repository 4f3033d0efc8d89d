"""The TypeScript sample as a user takes it: npm ci, `workbench build` (webpack, ts-loader, rxjs from npm), its
scenarios, validation and export. Slow: it installs the sample's npm packages."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from contextlib import redirect_stderr, redirect_stdout

import pytest
from qtasync import run
from testpaths import SAMPLES

from workbench.cli import main
from workbench.core.newproject import copy_sample
from workbench.core.scenario import find_scenarios
from workbench.registry import open_project
from workbench.sandbox.runner import run_files

pytestmark = [pytest.mark.slow, pytest.mark.qt, pytest.mark.webengine,
              pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "pexip-typescript"
    copy_sample(SAMPLES / "pexip-typescript", root)
    done = subprocess.run(["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"], cwd=root,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.skip(f"npm ci failed (offline?): {done.stderr.strip().splitlines()[-1:]}")
    return root


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_the_sample_builds_validates_runs_and_exports(qapp, installed, tmp_path):
    rc, out, err = cli("build", str(installed))
    assert rc == 0, err
    assert (installed / "dist" / "plugins" / "hand-raise" / "index.js").is_file()
    rc, out, _ = cli("validate", str(installed))
    assert rc == 0 and [line.split()[2] for line in out.splitlines()] == ["PEX002"]  # the template's "1.0.0"
    target, project = open_project(installed)
    results = run(run_files(target, project, find_scenarios(project.root)), 120000)
    assert len(results) == 2 and [r.failure_text() for r in results if not r.passed] == []
    rc, _, err = cli("export", str(installed), "-o", str(tmp_path / "hands.zip"))
    assert rc == 0, err
    with zipfile.ZipFile(tmp_path / "hands.zip") as zf:
        assert {"webapp2/settings.json", "webapp2/manifest.json", "webapp2/plugins/hand-raise/index.js",
                "webapp2/plugins/hand-raise/plugin.json", "webapp2/plugins/hand-raise/assets/hand.svg"} == \
            set(zf.namelist())
