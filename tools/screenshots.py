"""Screenshots of the real window on each sample project (offscreen), saved as docs/screenshots/<sample>.png.

    python3 tools/screenshots.py [--theme light|dark] [SAMPLE ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

# The file shown in the editor for each sample: the one with a form, to show both views.
FRONT_FILE = {
    "pexip-recording": "webapp2/plugins/recording/recording.plugin.package.json",
    "pexip-conference-tools": "webapp2/plugins/layout-tools/layout-tools.plugin.package.json",
    "xcally-script": "manifest.json",
    "xcally-html": "manifest.json",
    "exo-connector": "webapp/src/main/webapp/WEB-INF/conf/acme/configuration.xml",
}


def wait(condition, timeout_s: float = 15.0) -> None:
    """Process events until condition() holds (or the timeout passes)."""
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def settle(ms: int) -> None:
    """Let the page paint (a fixed pause is fine here: this is a picture, not a test)."""
    wait(lambda: False, ms / 1000)


def shoot(sample: str, out: Path, theme: str) -> Path:
    from workbench.commands.window import create_window

    app, window = create_window(theme)
    window.resize(1600, 1000)
    window.show()
    ready = []
    window.preview.sig_ready.connect(lambda: ready.append(True))
    root = REPO / "sample_projects" / sample
    if not window.open_project(root):
        raise SystemExit(f"{sample}: cannot open")
    got = []
    window.sig_diagnostics.connect(got.append)
    wait(lambda: bool(got) and bool(ready))
    front = FRONT_FILE.get(sample)
    if front and (root / front).is_file():
        window.open_file(front)
    settle(1500 if sample.startswith("xcally-script") else 500)
    path = out / f"{sample}{'' if theme == 'light' else '-' + theme}.png"
    window.grab().save(str(path))
    for doc in window.session.documents.values():  # never leave edits behind in the samples
        assert not doc.dirty, doc.rel
    window.close()
    window.deleteLater()
    app.processEvents()
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("samples", nargs="*")
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="workbench-shots-")
    os.environ["WORKBENCH_SETTINGS"] = os.path.join(tmp, "settings.ini")  # never the user's layout
    os.environ["WORKBENCH_DATA_DIR"] = os.path.join(tmp, "data")
    from workbench.core.trust import trust
    trust(REPO / "sample_projects")  # the workbench's own samples run in the preview as a user's own projects
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    samples = args.samples or sorted(p.name for p in (REPO / "sample_projects").iterdir() if p.is_dir())
    for sample in samples:
        print(shoot(sample, out, args.theme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
