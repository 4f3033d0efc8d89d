"""`workbench test` output: JSON and JUnit on stdout, Chromium's noise kept off the terminal and in the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from testpaths import REPO, SAMPLES

from workbench.commands.stderr_filter import is_noise

SAMPLE = SAMPLES / "pexip-recording"
SCENARIOS = sorted(p.name for p in (SAMPLE / "scenarios").iterdir())


def workbench_test(*args: str, log_dir, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT")} | {"WORKBENCH_LOG_DIR": str(log_dir)}
    return subprocess.run([sys.executable, "-m", "workbench", "test", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_filter_drops_noise_written_by_c_code_and_logs_everything(tmp_path):
    """Lines written straight to fd 2 (as Chromium's C++ does) are filtered; the rest passes; all is logged."""
    code = (
        "import logging, os, sys\n"
        "from workbench.commands.stderr_filter import FilteredStderr\n"
        f"handler = logging.FileHandler({str(tmp_path / 'run.log')!r})\n"
        "with FilteredStderr(handler):\n"
        "    os.write(2, b'Failed to create RHI for backend: OpenGL\\n')\n"
        "    os.write(2, b'[123:456:1129/101010.123456:ERROR:bus.cc(407)] Failed to connect to the bus\\n')\n"
        "    os.write(2, b'a plugin problem worth reading\\n')\n"
        "    print('from python', file=sys.stderr)\n"
        "print('after', file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stderr.splitlines() == ["a plugin problem worth reading", "from python", "after"]
    logged = (tmp_path / "run.log").read_text()
    assert "Failed to create RHI" in logged and "Failed to connect to the bus" in logged and "from python" in logged


@pytest.mark.webengine
def test_json_on_stdout_progress_on_stderr_and_no_chromium_noise(tmp_path):
    result = workbench_test(SAMPLE, "--format", "json", log_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["passed"], report["failed"]) == (len(SCENARIOS), 0)
    assert sorted(s["file"].rsplit("/", 1)[1] for s in report["scenarios"]) == SCENARIOS
    assert f"{len(SCENARIOS)} passed, 0 failed" in result.stderr
    assert not [line for line in result.stderr.splitlines() if is_noise(line)]
    logs = list(tmp_path.glob("workbench-*.log"))
    assert len(logs) == 1 and "running 4 scenario file(s)" in logs[0].read_text()


@pytest.mark.webengine
@pytest.mark.slow
def test_junit_on_stdout_is_valid_with_one_suite_per_file(tmp_path):
    from junit_schema import schema

    validator = schema()
    junit_file = tmp_path / "also.xml"
    result = workbench_test(SAMPLE, "--format", "junit", "--junit", junit_file, log_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    validator.validate(result.stdout)
    validator.validate(str(junit_file))
    suites = ET.fromstring(result.stdout).findall("testsuite")
    assert sorted(s.get("name").rsplit("/", 1)[1] for s in suites) == SCENARIOS
