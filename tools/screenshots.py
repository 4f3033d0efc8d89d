"""Screenshots of the real window, saved in docs/screenshots/.

    python3 tools/screenshots.py [--theme light|dark] [--out DIR] [SHOT ...]

A SHOT is a sample project (its window at 1600×1000, the file with a form open: docs/screenshots/<sample>.png) or
one of the window's own pictures at 1280×800: `layout` (window-1280x800.png), `tests` (a failing scenario in the
test panel: test-panel-failure.png), `devtools` (DevTools attached to the preview: devtools.png). Without SHOT: all.
Offscreen unless QT_QPA_PLATFORM says otherwise (e.g. `QT_QPA_PLATFORM=xcb DISPLAY=:99` for a real window under
Xvfb). Never changes the samples: the failing scenario is written into a copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
SMALL = (1280, 800)
FAILING = "scenarios/label_after_click.yaml"
FAILING_SCENARIO = """name: the button says stop once clicked
plugin: recording-plugin-1.0
steps:
  - expect: {item: {location: toolbar, index: 0}, label: Start recording}
  - click: {location: toolbar, index: 0}
  - expect: {item: {location: toolbar, index: 0}, label: Stop recording, timeout: 500}
"""


def wait(condition, timeout_s: float = 15.0) -> bool:
    """Process events (and the qasync loop's work) until condition() holds or the timeout passes."""
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return condition()


def settle(ms: int) -> None:
    """Let the page paint (a fixed pause is fine here: this is a picture, not a test)."""
    wait(lambda: False, ms / 1000)


def open_window(theme: str, size: tuple[int, int], project: Path):
    """The window as `workbench` builds it, on a qasync loop, with the project's preview loaded."""
    import asyncio

    import qasync

    from workbench.commands.window import create_window

    app, window = create_window(theme)
    if not isinstance(asyncio.get_event_loop_policy().get_event_loop(), qasync.QEventLoop):
        asyncio.set_event_loop(qasync.QEventLoop(app, already_running=True))  # the window's tasks run on it
    window.resize(*size)
    window.show()
    ready, got = [], []
    window.preview.sig_ready.connect(lambda: ready.append(True))
    window.sig_diagnostics.connect(got.append)
    if not window.open_project(project):
        raise SystemExit(f"{project}: cannot open")
    if not wait(lambda: bool(got) and bool(ready), 30):
        raise SystemExit(f"{project}: the preview did not load")
    return app, window


def close(app, window) -> None:
    for doc in window.session.documents.values():  # never leave edits behind
        assert not doc.dirty, doc.rel
    window.close()
    window.deleteLater()
    app.processEvents()


def shoot_sample(sample: str, out: Path, theme: str) -> Path:
    root = REPO / "sample_projects" / sample
    app, window = open_window(theme, (1600, 1000), root)
    front = FRONT_FILE.get(sample)
    if front and (root / front).is_file():
        window.open_file(front)
    settle(1500)  # the emulated web app connects the call a second after the plugins load
    path = out / f"{sample}{'' if theme == 'light' else '-' + theme}.png"
    window.grab().save(str(path))
    close(app, window)
    return path


def shoot_layout(out: Path, theme: str, work: Path) -> Path:
    """The window at 1280×800: explorer, a plugin's source, the preview with its controls, the bottom panel."""
    app, window = open_window(theme, SMALL, work / "pexip-recording")
    window.open_file("webapp2/plugins/recording/recording.plugin.js")
    window.preview.log_dock.raise_()
    settle(1800)  # past the call connecting (a second after the plugins load)
    path = out / "window-1280x800.png"
    window.grab().save(str(path))
    close(app, window)
    return path


def shoot_tests(out: Path, theme: str, work: Path) -> Path:
    """The test panel after a failing scenario ran in the preview: the failing step, expected and seen."""
    from PySide6.QtCore import Qt
    project = work / "pexip-recording"
    (project / FAILING).write_text(FAILING_SCENARIO)
    app, window = open_window(theme, SMALL, project)
    tests = window.preview.tests
    window.preview.tests_dock.raise_()
    window.resizeDocks([window.preview.tests_dock], [320], Qt.Orientation.Vertical)  # room for the failure
    finished = []
    tests.sig_finished.connect(finished.append)
    tests.run([FAILING])
    if not wait(lambda: bool(finished), 60):
        raise SystemExit("the scenario did not finish")
    wait(lambda: window.preview.controller.session is not None and window.preview.controller.session.ready, 20)
    failed = tests.row(FAILING).failed_step()
    tests.sig_open_location.emit(FAILING, failed.line, failed.column)  # what "line 6" in the details does
    settle(1800)  # past the call connecting (1 s), so the preview shows the meeting again
    path = out / "test-panel-failure.png"
    window.grab().save(str(path))
    close(app, window)
    (project / FAILING).unlink()
    return path


def shoot_devtools(out: Path, theme: str, work: Path) -> Path:
    """DevTools attached to the preview's page, docked under it, the console asked about the plugin API."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    app, window = open_window(theme, SMALL, work / "pexip-recording")
    window.open_file("webapp2/plugins/recording/recording.plugin.js")
    window.preview.host_controls.set_folded(True)  # the page and DevTools share the column
    window.preview.actions.devtools.trigger()
    front_end = window.preview.devtools.page_tools.page()
    wait(lambda: front_end is not None and front_end.title() == "DevTools", 20)
    settle(300)
    window.layout_manager.share_column("preview", "devtools", 0.42)
    settle(2000)  # DevTools draw their panels after the title is set
    keys = window.preview.devtools.page_tools.view.focusProxy()  # the console drawer, asked what the plugin sees
    QTest.keyClick(keys, Qt.Key.Key_Escape)
    settle(800)
    QTest.keyClicks(keys, "PEX.pluginAPI")
    QTest.keyClick(keys, Qt.Key.Key_Return)
    settle(1500)
    path = out / "devtools.png"
    window.grab().save(str(path))
    close(app, window)
    return path


WINDOW_SHOTS = {"layout": shoot_layout, "tests": shoot_tests, "devtools": shoot_devtools}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("shots", nargs="*", help="samples and/or layout, tests, devtools (default: all)")
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="workbench-shots-"))
    os.environ["WORKBENCH_SETTINGS"] = str(tmp / "settings.ini")  # never the user's layout
    os.environ["WORKBENCH_DATA_DIR"] = str(tmp / "data")
    os.environ.setdefault("PORT", "0")  # the script sample serves on a free port
    from workbench.core.trust import trust
    trust(REPO / "sample_projects")  # the workbench's own samples run in the preview as a user's own projects
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    samples = sorted(p.name for p in (REPO / "sample_projects").iterdir() if p.is_dir())
    # By default the samples that run as they are (a TypeScript or Vite sample needs its own build first).
    for shot in args.shots or [*(s for s in samples if s in FRONT_FILE), *WINDOW_SHOTS]:
        if shot in WINDOW_SHOTS:
            work = tmp / "work"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(REPO / "sample_projects" / "pexip-recording", work / "pexip-recording")
            print(WINDOW_SHOTS[shot](out, args.theme, work))
        elif shot in samples:
            print(shoot_sample(shot, out, args.theme))
        else:
            raise SystemExit(f"{shot}: not a sample nor one of {', '.join(WINDOW_SHOTS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
