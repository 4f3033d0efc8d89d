"""The window as `workbench` builds it (preview docked, a form open, the page live), run in its own process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from testpaths import REPO

pytestmark = [pytest.mark.qt, pytest.mark.webengine]


def test_window_with_preview_and_form_runs_and_renders(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
    result = subprocess.run([sys.executable, str(REPO / "tools" / "screenshots.py"), "pexip-recording",
                             "--out", str(tmp_path)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    shot = tmp_path / "pexip-recording.png"
    assert shot.is_file() and shot.stat().st_size > 20_000  # a real picture of the window, not a blank
