"""Chromium's sandbox stays on for plugin pages wherever it can run: off only as root (where it cannot) or when the
user turned it off, and the log then says so."""

from __future__ import annotations

import pytest

from tests.security.hostile import run_bounded

PROBE = """
import logging, os, sys
os.geteuid = lambda: int(sys.argv[1])
os.environ.pop("QTWEBENGINE_DISABLE_SANDBOX", None)
logging.basicConfig(level=logging.WARNING, format="%(message)s")
from workbench.sandbox.environment import prepare_environment
prepare_environment()
print(os.environ.get("QTWEBENGINE_DISABLE_SANDBOX"))
"""


@pytest.mark.parametrize("uid, state, said", [(1000, "None", ""), (0, "1", "Chromium's sandbox is off for plugin pages "
                                                                         "(running as root)")])
def test_the_sandbox_is_off_only_as_root_and_the_log_says_so(uid, state, said):
    ran = run_bounded("-c", PROBE, str(uid), memory=4 << 30)
    assert ran.returncode == 0, ran.stderr[-1500:]
    assert ran.stdout.strip() == state
    assert said in ran.stderr and (said or "sandbox is off" not in ran.stderr)
