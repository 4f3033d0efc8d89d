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


def wait(app, condition, timeout_s: float = 10.0) -> None:
    import time
    end = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(sample: str, out: Path, theme: str) -> Path:
    from PySide6.QtWidgets import QApplication

    from workbench.ui.main_window import MainWindow
    from workbench.ui.theme import ThemeManager

    app = QApplication.instance() or QApplication([])
    window = MainWindow(ThemeManager(theme))
    window.resize(1440, 900)
    window.show()
    root = REPO / "sample_projects" / sample
    if not window.open_project(root):
        raise SystemExit(f"{sample}: cannot open")
    got = []
    window.sig_diagnostics.connect(got.append)
    wait(app, lambda: bool(got))
    front = FRONT_FILE.get(sample)
    if front and (root / front).is_file():
        window.open_file(front)
    wait(app, lambda: False, 0.3)
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
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    samples = args.samples or sorted(p.name for p in (REPO / "sample_projects").iterdir() if p.is_dir())
    for sample in samples:
        print(shoot(sample, out, args.theme))
    return 0


if __name__ == "__main__":
    sys.exit(main())
