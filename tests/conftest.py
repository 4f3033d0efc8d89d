"""Test set-up shared by every test: Qt offscreen, Chromium sandbox off (CI runs as root)."""

import atexit
import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium's sandbox cannot run as root, only there is it off
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")
# Commands run by the tests log to a folder of their own, not to the user's data folder.
if "WORKBENCH_LOG_DIR" not in os.environ:
    os.environ["WORKBENCH_LOG_DIR"] = tempfile.mkdtemp(prefix="workbench-test-logs-")
    atexit.register(shutil.rmtree, os.environ["WORKBENCH_LOG_DIR"], True)
# ... and keep their data (recovery, trusted projects) there too.
if "WORKBENCH_DATA_DIR" not in os.environ:
    os.environ["WORKBENCH_DATA_DIR"] = tempfile.mkdtemp(prefix="workbench-test-data-")
    atexit.register(shutil.rmtree, os.environ["WORKBENCH_DATA_DIR"], True)

from testpaths import FIXTURES, REPO, SAMPLES  # noqa: E402,F401  (kept for old imports)

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import workbench.qt_workarounds  # noqa: E402,F401  (contains binding reference leaks)
