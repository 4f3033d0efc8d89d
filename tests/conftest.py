"""Test set-up shared by every test: Qt offscreen, Chromium sandbox off (CI runs as root)."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium's sandbox cannot run as root, only there is it off
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")

from testpaths import FIXTURES, REPO, SAMPLES  # noqa: E402,F401  (kept for old imports)

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import workbench.qt_workarounds  # noqa: E402,F401  (contains binding reference leaks)
