"""Where Qt draws: the window on the desktop when there is one, offscreen when headless or without a display."""

import os
import subprocess
import sys

from testpaths import REPO

PROBE = ("import os, sys; from workbench.sandbox.environment import prepare_environment; "
         "prepare_environment(headless=sys.argv[1] == 'headless'); print(os.environ.get('QT_QPA_PLATFORM'))")


def platform_chosen(mode: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([sys.executable, "-c", PROBE, mode], env=clean | env, cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_window_draws_on_the_desktop_when_there_is_one():
    assert platform_chosen("window", DISPLAY=":0") == "None"  # Qt picks the desktop's own platform
    assert platform_chosen("window") == "offscreen"  # no display at all: still runs


def test_headless_runs_are_offscreen_and_an_explicit_choice_wins():
    assert platform_chosen("headless", DISPLAY=":0") == "offscreen"
    assert platform_chosen("window", DISPLAY=":0", QT_QPA_PLATFORM="xcb") == "xcb"
