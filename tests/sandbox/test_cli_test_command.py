"""`workbench test`: exit codes, failure report, JUnit file, and no Qt before it is needed."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from testpaths import FIXTURES, REPO, SAMPLES

pytestmark = [pytest.mark.webengine]


def workbench(*args: str, timeout: int = 90) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT")}  # the command sets up Qt itself
    return subprocess.run([sys.executable, "-m", "workbench", "test", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_sample_passes_and_writes_junit(tmp_path):
    junit = tmp_path / "out" / "junit.xml"
    result = workbench(SAMPLES / "pexip-recording", "--junit", junit)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS recording flips its label" in result.stdout and "0 failed" in result.stdout
    root = ET.parse(junit).getroot()
    assert int(root.get("tests")) >= 3 and root.get("failures") == "0"


def test_failure_exits_1_naming_scenario_step_reason_and_log(tmp_path):
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("name: expects the wrong label\nsteps:\n  - connect\n"
                     "  - expect: {item: {location: toolbar, index: 0}, label: Record, timeout: 300}\n")
    result = workbench(SAMPLES / "pexip-recording", wrong)
    assert result.returncode == 1
    out = result.stdout
    assert "FAIL expects the wrong label" in out and "step 2 (expect" in out and "wrong.yaml:4:5" in out
    assert 'expected "Record"' in out and "log tail:" in out and "[action] [Conference] Connect Success" in out


def test_throwing_plugin_exits_1_with_the_error(tmp_path):
    result = workbench(FIXTURES / "scenarios" / "throwing")
    assert result.returncode == 1 and "Cannot read properties of null" in result.stdout


@pytest.mark.parametrize("args", [["/nonexistent/folder"], [SAMPLES / "pexip-recording", "nope.yaml"],
                                  [FIXTURES / "scenarios"]])
def test_bad_usage_exits_2(args):
    result = workbench(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("workbench test:")


def test_command_module_imports_no_qt():
    code = ("import sys, workbench.commands.test\n"
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0
