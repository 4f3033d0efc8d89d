"""Test set-up shared by every test: Qt offscreen, Chromium sandbox off (CI runs as root)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_projects"
FIXTURES = REPO / "tests" / "fixtures"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
